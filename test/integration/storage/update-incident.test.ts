import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Severity, userActor } from '../../../src/domain/index.ts';
import { getIncident } from '../../../src/usecases/get-incident.ts';
import { setLead } from '../../../src/usecases/set-lead.ts';
import { setSeverity } from '../../../src/usecases/set-severity.ts';
import { updateIncident } from '../../../src/usecases/update-incident.ts';
import {
  ALICE,
  crashingAfterWork,
  declare,
  eventRows,
  expectRefused,
  type Harness,
  incidentRow,
  openHarness,
  rowCounts,
  timelineRows,
} from '../../support/storage-harness.ts';

describe('updateIncident, setSeverity and setLead through the real storage', () => {
  let h: Harness;
  before(async () => {
    h = await openHarness();
  });
  after(() => h.dispose());

  /** The rows this incident gained since declaring (the declared event is skipped). */
  const changesOf = async (id: number) => ({
    events: (await eventRows(h.db, id)).slice(1),
    entries: await timelineRows(h.db, id),
  });

  it('edits several fields at once: one incident.updated event and one change entry per field', async () => {
    const incident = await declare(h, { title: 'Payments down', summary: 'Card payments fail' });
    h.clock.advance(5_000);
    const outcome = await updateIncident(h.write, {
      incidentId: incident.id,
      patch: {
        title: ' Payments API down ',
        summary: '',
        impact: 'EU customers',
        severity: 'critical',
        leadId: 'U0BOB',
        kind: 'report',
      },
      actor: ALICE,
    });
    assert.equal(outcome.value.title, 'Payments API down');
    const stored = await getIncident(h.read, incident.id);
    assert.equal(stored.title, 'Payments API down');
    assert.equal(stored.summary, null);
    assert.equal(stored.impact, 'EU customers');
    assert.equal(stored.severity, 'critical');
    assert.equal(stored.leadId, 'U0BOB');
    assert.equal(stored.kind, 'report');

    const { events, entries } = await changesOf(incident.id);
    assert.equal(events.length, 1);
    const [event] = events;
    assert.equal(event?.type, 'incident.updated');
    assert.deepEqual([event?.actorKind, event?.actorId], ['user', 'U0ALICE']);
    assert.deepEqual(event?.before, {
      title: 'Payments down',
      summary: 'Card payments fail',
      impact: null,
      severity: 'major',
      leadId: null,
      kind: 'live',
    });
    assert.deepEqual(event?.after, {
      title: 'Payments API down',
      summary: null,
      impact: 'EU customers',
      severity: 'critical',
      leadId: 'U0BOB',
      kind: 'report',
    });
    assert.deepEqual(
      outcome.events.map((e) => e.id),
      [event?.id],
    );
    assert.deepEqual(
      entries.map((e) => e.text),
      [
        'Title changed from "Payments down" to "Payments API down" by <@U0ALICE>',
        'Summary cleared (was "Card payments fail") by <@U0ALICE>',
        'Impact set to "EU customers" by <@U0ALICE>',
        'Severity changed from Major to Critical by <@U0ALICE>',
        'Lead set to <@U0BOB> by <@U0ALICE>',
        'Kind changed from Live to Report by <@U0ALICE>',
      ],
    );
    for (const entry of entries) {
      assert.equal(entry.source, 'change');
      assert.equal(entry.authorId, 'U0ALICE');
      assert.deepEqual(entry.occurredAt, h.clock.now());
      assert.equal(entry.hidden, false);
    }
  });

  it('a patch that changes nothing writes nothing and leaves updated_at alone', async () => {
    const incident = await declare(h, { title: 'Queue backlog', leadId: 'U0BOB' });
    const rowBefore = await incidentRow(h.db, incident.id);
    const before = await rowCounts(h.db);
    const outcome = await updateIncident(h.write, {
      incidentId: incident.id,
      patch: { title: '  Queue backlog ', severity: 'major', leadId: 'U0BOB', summary: ' ', kind: 'live' },
      actor: ALICE,
    });
    assert.deepEqual(outcome.events, []);
    assert.deepEqual(outcome.value, incident);
    assert.deepEqual(await rowCounts(h.db), before);
    assert.deepEqual(await incidentRow(h.db, incident.id), rowBefore);
  });

  it('setSeverity reads what people type and records the change in words', async () => {
    const incident = await declare(h);
    await setSeverity(h.write, { incidentId: incident.id, severity: '1', actor: ALICE });
    await setSeverity(h.write, { incidentId: incident.id, severity: ' Minor ', actor: userActor('U0BOB') });
    const noop = await setSeverity(h.write, { incidentId: incident.id, severity: 'minor', actor: ALICE });
    assert.deepEqual(noop.events, [], 'same severity again is no change');
    assert.equal((await getIncident(h.read, incident.id)).severity, 'minor');
    const { events, entries } = await changesOf(incident.id);
    assert.deepEqual(
      events.map((e) => [e.type, e.actorId, e.before, e.after]),
      [
        ['incident.updated', 'U0ALICE', { severity: 'major' }, { severity: 'critical' }],
        ['incident.updated', 'U0BOB', { severity: 'critical' }, { severity: 'minor' }],
      ],
    );
    assert.deepEqual(
      entries.map((e) => [e.text, e.authorId]),
      [
        ['Severity changed from Major to Critical by <@U0ALICE>', 'U0ALICE'],
        ['Severity changed from Critical to Minor by <@U0BOB>', 'U0BOB'],
      ],
    );
  });

  it('setSeverity refuses unknown text with severity_unknown and writes nothing', async () => {
    const incident = await declare(h);
    await expectRefused(h, 'severity_unknown', () =>
      setSeverity(h.write, { incidentId: incident.id, severity: 'maj', actor: ALICE }),
    );
    assert.equal((await getIncident(h.read, incident.id)).severity, 'major');
  });

  it('setSeverity reports an unknown severity as a rejected promise, not a synchronous throw', async () => {
    const incident = await declare(h);
    let pending: Promise<unknown> | undefined;
    assert.doesNotThrow(() => {
      pending = setSeverity(h.write, { incidentId: incident.id, severity: 'maj', actor: ALICE });
    });
    await assert.rejects(pending ?? Promise.resolve(), { code: 'severity_unknown' });
  });

  it('setLead sets, changes and clears the lead, naming people as Slack mentions', async () => {
    const incident = await declare(h);
    const actor = { kind: 'token', tokenName: 'pager' } as const;
    await setLead(h.write, { incidentId: incident.id, leadId: 'U0BOB', actor });
    await setLead(h.write, { incidentId: incident.id, leadId: 'U0CAROL', actor });
    await setLead(h.write, { incidentId: incident.id, leadId: null, actor });
    assert.equal((await getIncident(h.read, incident.id)).lead, null);
    const { events, entries } = await changesOf(incident.id);
    assert.deepEqual(
      events.map((e) => [e.actorKind, e.actorId, e.before, e.after]),
      [
        ['token', 'pager', { leadId: null }, { leadId: 'U0BOB' }],
        ['token', 'pager', { leadId: 'U0BOB' }, { leadId: 'U0CAROL' }],
        ['token', 'pager', { leadId: 'U0CAROL' }, { leadId: null }],
      ],
    );
    assert.deepEqual(
      entries.map((e) => [e.text, e.authorId]),
      [
        ['Lead set to <@U0BOB> by API token pager', null],
        ['Lead changed from <@U0BOB> to <@U0CAROL> by API token pager', null],
        ['Lead cleared (was <@U0CAROL>) by API token pager', null],
      ],
    );
  });

  it('refuses a blank title with title_required and an unknown incident with incident_not_found', async () => {
    const incident = await declare(h, { title: 'Keep me' });
    await expectRefused(h, 'title_required', () =>
      updateIncident(h.write, { incidentId: incident.id, patch: { title: ' ', severity: 'minor' }, actor: ALICE }),
    );
    const stored = await getIncident(h.read, incident.id);
    assert.deepEqual([stored.title, stored.severity], ['Keep me', 'major'], 'the valid part was not applied either');
    await expectRefused(h, 'incident_not_found', () =>
      updateIncident(h.write, { incidentId: 999_999, patch: { severity: 'minor' }, actor: ALICE }),
    );
    await expectRefused(h, 'incident_not_found', () =>
      setLead(h.write, { incidentId: 999_999, leadId: 'U0BOB', actor: ALICE }),
    );
  });

  it('concurrent severity changes lose no event: each change starts where the previous one ended', async () => {
    const incident = await declare(h);
    const wanted: Severity[] = ['critical', 'minor', 'trivial', 'major', 'critical', 'minor', 'trivial', 'critical'];
    const outcomes = await Promise.all(
      wanted.map((severity, i) =>
        setSeverity(h.write, { incidentId: incident.id, severity, actor: userActor(`U${i}`) }),
      ),
    );
    const { events, entries } = await changesOf(incident.id);
    const changed = outcomes.filter((o) => o.events.length > 0);
    assert.ok(changed.length >= 3, 'at least the three severities unlike the first were real changes');
    assert.equal(events.length, changed.length, 'one event per real change');
    assert.equal(entries.length, changed.length, 'one change entry per real change');
    let current: string = 'major';
    for (const event of events) {
      const before = event.before as { severity: string };
      const after = event.after as { severity: string };
      assert.equal(before.severity, current, 'no change was made from a stale value');
      assert.notEqual(after.severity, before.severity);
      current = after.severity;
    }
    assert.equal((await getIncident(h.read, incident.id)).severity, current);
  });

  it('concurrent edits of different fields keep both (no lost update)', async () => {
    const incident = await declare(h, { title: 'Old title' });
    await Promise.all([
      setSeverity(h.write, { incidentId: incident.id, severity: 'critical', actor: ALICE }),
      updateIncident(h.write, { incidentId: incident.id, patch: { title: 'New title' }, actor: ALICE }),
      setLead(h.write, { incidentId: incident.id, leadId: 'U0BOB', actor: ALICE }),
    ]);
    const stored = await getIncident(h.read, incident.id);
    assert.deepEqual([stored.severity, stored.title, stored.leadId], ['critical', 'New title', 'U0BOB']);
    assert.equal((await changesOf(incident.id)).events.length, 3);
  });

  it('saves the incident, its event and its change entries in one transaction', async () => {
    const incident = await declare(h);
    const before = await rowCounts(h.db);
    const store = crashingAfterWork(h.write.store);
    await assert.rejects(
      setSeverity({ store, clock: h.clock }, { incidentId: incident.id, severity: 'critical', actor: ALICE }),
      /crash after the work/,
    );
    assert.deepEqual(await rowCounts(h.db), before);
    assert.equal((await getIncident(h.read, incident.id)).severity, 'major');
  });
});
