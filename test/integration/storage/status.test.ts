import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SYSTEM } from '../../../src/domain/index.ts';
import { getIncident } from '../../../src/usecases/get-incident.ts';
import { reopenIncident } from '../../../src/usecases/reopen-incident.ts';
import { resolveIncident } from '../../../src/usecases/resolve-incident.ts';
import { setStatus } from '../../../src/usecases/set-status.ts';
import {
  ALICE,
  declare,
  eventRows,
  expectRefused,
  type Harness,
  incidentRow,
  openHarness,
  rowCounts,
  timelineRows,
} from '../../support/storage-harness.ts';

describe('setStatus, resolveIncident and reopenIncident through the real storage', () => {
  let h: Harness;
  before(async () => {
    h = await openHarness();
  });
  after(() => h.dispose());

  /** [type, before, after] of every event after the declaration. */
  const history = async (id: number) =>
    (await eventRows(h.db, id)).slice(1).map((e) => [e.type, e.before, e.after] as const);
  const texts = async (id: number) => (await timelineRows(h.db, id)).map((e) => e.text);

  it('moves between open statuses with incident.updated and a change entry', async () => {
    const incident = await declare(h);
    h.clock.advance(1_000);
    const outcome = await setStatus(h.write, { incidentId: incident.id, status: 'Identified', actor: ALICE });
    await setStatus(h.write, { incidentId: incident.id, status: 'monitoring', actor: ALICE });
    await setStatus(h.write, { incidentId: incident.id, status: 'investigating', actor: SYSTEM });
    assert.equal(outcome.value.status, 'identified');
    assert.equal(outcome.events[0]?.type, 'incident.updated');
    const stored = await getIncident(h.read, incident.id);
    assert.equal(stored.status, 'investigating');
    assert.equal(stored.resolvedAt, null);
    assert.deepEqual(await history(incident.id), [
      ['incident.updated', { status: 'investigating' }, { status: 'identified' }],
      ['incident.updated', { status: 'identified' }, { status: 'monitoring' }],
      ['incident.updated', { status: 'monitoring' }, { status: 'investigating' }],
    ]);
    assert.deepEqual(await texts(incident.id), [
      'Status changed from Investigating to Identified by <@U0ALICE>',
      'Status changed from Identified to Monitoring by <@U0ALICE>',
      'Status changed from Monitoring to Investigating by Incident Bot',
    ]);
  });

  it('setting the current status again writes nothing', async () => {
    const incident = await declare(h);
    const before = await rowCounts(h.db);
    const outcome = await setStatus(h.write, { incidentId: incident.id, status: 'investigating', actor: ALICE });
    assert.deepEqual(outcome.events, []);
    assert.deepEqual(await rowCounts(h.db), before);
  });

  it('setStatus to resolved resolves: incident.resolved and resolvedAt stamped', async () => {
    const incident = await declare(h);
    h.clock.advance(90_000);
    await setStatus(h.write, { incidentId: incident.id, status: 'resolved', actor: ALICE });
    const row = await incidentRow(h.db, incident.id);
    assert.equal(row.status, 'resolved');
    assert.deepEqual(row.resolvedAt, h.clock.now());
    assert.deepEqual(await history(incident.id), [
      ['incident.resolved', { status: 'investigating' }, { status: 'resolved' }],
    ]);
  });

  it('refuses unknown statuses and status changes of a resolved incident, writing nothing', async () => {
    const incident = await declare(h);
    await expectRefused(h, 'status_unknown', () =>
      setStatus(h.write, { incidentId: incident.id, status: 'done', actor: ALICE }),
    );
    await resolveIncident(h.write, { incidentId: incident.id, actor: ALICE });
    await expectRefused(h, 'incident_already_resolved', () =>
      setStatus(h.write, { incidentId: incident.id, status: 'monitoring', actor: ALICE }),
    );
    assert.equal((await getIncident(h.read, incident.id)).status, 'resolved');
    const again = await setStatus(h.write, { incidentId: incident.id, status: 'resolved', actor: ALICE });
    assert.deepEqual(again.events, [], 'resolved to resolved is no change');
  });

  it('resolveIncident closes an open incident once; closing again is incident_already_resolved', async () => {
    const incident = await declare(h);
    await setStatus(h.write, { incidentId: incident.id, status: 'monitoring', actor: ALICE });
    h.clock.advance(60_000);
    const outcome = await resolveIncident(h.write, { incidentId: incident.id, actor: ALICE });
    assert.equal(outcome.value.status, 'resolved');
    assert.deepEqual(outcome.value.resolvedAt, h.clock.now());
    const [event] = outcome.events;
    assert.equal(event?.type, 'incident.resolved');
    assert.deepEqual(event?.actor, ALICE);
    const stored = await getIncident(h.read, incident.id);
    assert.deepEqual([stored.status, stored.resolvedAt], ['resolved', h.clock.now()]);
    assert.equal((await texts(incident.id)).at(-1), 'Status changed from Monitoring to Resolved by <@U0ALICE>');

    h.clock.advance(60_000);
    await expectRefused(h, 'incident_already_resolved', () =>
      resolveIncident(h.write, { incidentId: incident.id, actor: ALICE }),
    );
    assert.deepEqual((await incidentRow(h.db, incident.id)).resolvedAt, event?.occurredAt, 'first closure kept');
  });

  it('three concurrent resolves: one succeeds, the others are refused, one incident.resolved event', async () => {
    const incident = await declare(h);
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => resolveIncident(h.write, { incidentId: incident.id, actor: ALICE })),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    for (const r of results) {
      if (r.status === 'rejected') assert.equal((r.reason as { code?: string }).code, 'incident_already_resolved');
    }
    const resolved = (await eventRows(h.db, incident.id)).filter((e) => e.type === 'incident.resolved');
    assert.equal(resolved.length, 1);
    assert.equal((await timelineRows(h.db, incident.id)).length, 1);
  });

  it('reopenIncident brings a resolved incident back (investigating by default) and clears resolvedAt', async () => {
    const incident = await declare(h);
    await resolveIncident(h.write, { incidentId: incident.id, actor: ALICE });
    h.clock.advance(60_000);
    const outcome = await reopenIncident(h.write, { incidentId: incident.id, actor: SYSTEM });
    assert.equal(outcome.value.status, 'investigating');
    assert.equal(outcome.events[0]?.type, 'incident.reopened');
    const row = await incidentRow(h.db, incident.id);
    assert.deepEqual([row.status, row.resolvedAt], ['investigating', null]);
    const [, reopened] = await history(incident.id);
    assert.deepEqual(reopened, ['incident.reopened', { status: 'resolved' }, { status: 'investigating' }]);
    const [reopenRow] = (await eventRows(h.db, incident.id)).slice(-1);
    assert.deepEqual([reopenRow?.actorKind, reopenRow?.actorId], ['system', null]);
    assert.equal((await texts(incident.id)).at(-1), 'Status changed from Resolved to Investigating by Incident Bot');

    await resolveIncident(h.write, { incidentId: incident.id, actor: ALICE });
    await reopenIncident(h.write, { incidentId: incident.id, actor: ALICE, status: 'monitoring' });
    assert.equal((await getIncident(h.read, incident.id)).status, 'monitoring');
    assert.deepEqual((await history(incident.id)).at(-1), [
      'incident.reopened',
      { status: 'resolved' },
      { status: 'monitoring' },
    ]);
  });

  it('reopening an open incident is incident_not_resolved and writes nothing', async () => {
    const incident = await declare(h);
    await setStatus(h.write, { incidentId: incident.id, status: 'identified', actor: ALICE });
    await expectRefused(h, 'incident_not_resolved', () =>
      reopenIncident(h.write, { incidentId: incident.id, actor: ALICE }),
    );
    assert.equal((await getIncident(h.read, incident.id)).status, 'identified');
  });

  it('every status intent on an unknown incident is incident_not_found', async () => {
    await expectRefused(h, 'incident_not_found', () =>
      setStatus(h.write, { incidentId: 424_242, status: 'identified', actor: ALICE }),
    );
    await expectRefused(h, 'incident_not_found', () => resolveIncident(h.write, { incidentId: 424_242, actor: ALICE }));
    await expectRefused(h, 'incident_not_found', () => reopenIncident(h.write, { incidentId: 424_242, actor: ALICE }));
  });
});
