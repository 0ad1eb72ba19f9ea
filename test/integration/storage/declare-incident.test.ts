import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { incidentSnapshot, SYSTEM } from '../../../src/domain/index.ts';
import { incidents } from '../../../src/storage/schema.ts';
import { declareIncident } from '../../../src/usecases/declare-incident.ts';
import { getIncident } from '../../../src/usecases/get-incident.ts';
import {
  ALICE,
  crashingAfterWork,
  eventRows,
  expectRefused,
  type Harness,
  incidentRow,
  openHarness,
  rowCounts,
  timelineRows,
} from '../../support/storage-harness.ts';

describe('declareIncident through the real storage', () => {
  let h: Harness;
  before(async () => {
    h = await openHarness();
  });
  after(() => h.dispose());

  it('stores the incident with its defaults and writes exactly one incident.declared event', async () => {
    h.clock.advance(60_000);
    const now = h.clock.now();
    const outcome = await declareIncident(h.write, {
      draft: { title: '  Checkout is down  ', summary: '   ', impact: 'Nobody can pay', reporterId: 'U0ALICE' },
      actor: ALICE,
    });
    const { incident, created } = outcome.value;
    assert.equal(created, true);
    assert.equal(incident.title, 'Checkout is down', 'title trimmed');
    assert.equal(incident.summary, null, 'blank summary stored as none');
    assert.equal(incident.impact, 'Nobody can pay');
    assert.equal(incident.status, 'investigating');
    assert.equal(incident.kind, 'live');
    assert.equal(incident.severity, null);
    assert.deepEqual(incident.reportedAt, now);
    assert.deepEqual(incident.startedAt, now);
    assert.equal(incident.resolvedAt, null);

    const shown = await getIncident(h.read, incident.id);
    assert.equal(shown.title, 'Checkout is down');
    assert.deepEqual(shown.reporter, { slackId: 'U0ALICE', name: 'U0ALICE' }, 'unknown names fall back to the id');

    const rows = await eventRows(h.db, incident.id);
    assert.equal(rows.length, 1);
    const [row] = rows;
    assert.equal(row?.type, 'incident.declared');
    assert.equal(row?.actorKind, 'user');
    assert.equal(row?.actorId, 'U0ALICE');
    assert.equal(row?.before, null);
    assert.deepEqual(row?.after, incidentSnapshot(incident));
    assert.deepEqual(row?.occurredAt, now);
    assert.equal(outcome.events.length, 1);
    assert.equal(outcome.events[0]?.id, row?.id, 'the returned event is the stored row');
    assert.deepEqual(await timelineRows(h.db, incident.id), [], 'declaring writes no timeline entry');
  });

  it('keeps an earlier start time, and never lets the start be after the report', async () => {
    const now = h.clock.now();
    const earlier = new Date(now.getTime() - 3_600_000);
    const past = await declareIncident(h.write, { draft: { title: 'Past', startedAt: earlier }, actor: ALICE });
    assert.deepEqual((await incidentRow(h.db, past.value.incident.id)).startedAt, earlier);
    const future = new Date(now.getTime() + 3_600_000);
    const odd = await declareIncident(h.write, { draft: { title: 'Future', startedAt: future }, actor: ALICE });
    assert.deepEqual((await incidentRow(h.db, odd.value.incident.id)).startedAt, now);
  });

  it('records token and system actors in the event row', async () => {
    const byToken = await declareIncident(h.write, {
      draft: { title: 'From the API', kind: 'report', severity: 'minor' },
      actor: { kind: 'token', tokenName: 'status-page' },
    });
    const bySystem = await declareIncident(h.write, { draft: { title: 'From a job' }, actor: SYSTEM });
    const [tokenRow] = await eventRows(h.db, byToken.value.incident.id);
    const [systemRow] = await eventRows(h.db, bySystem.value.incident.id);
    assert.deepEqual([tokenRow?.actorKind, tokenRow?.actorId], ['token', 'status-page']);
    assert.deepEqual([systemRow?.actorKind, systemRow?.actorId], ['system', null]);
    assert.equal(byToken.value.incident.kind, 'report');
    assert.equal(byToken.value.incident.severity, 'minor');
  });

  it('declaring twice with the same key returns the first incident unchanged and writes one event', async () => {
    const first = await declareIncident(h.write, { draft: { title: 'Login broken' }, actor: ALICE, declareKey: 'V1' });
    h.clock.advance(1_000);
    const again = await declareIncident(h.write, {
      draft: { title: 'Login broken (resubmitted)', severity: 'critical' },
      actor: ALICE,
      declareKey: 'V1',
    });
    assert.equal(first.value.created, true);
    assert.equal(again.value.created, false);
    assert.equal(again.value.incident.id, first.value.incident.id);
    assert.deepEqual(again.value.incident, first.value.incident, 'the retry does not overwrite anything');
    assert.deepEqual(again.events, []);
    const rows = await h.db.select().from(incidents).where(eq(incidents.declareKey, 'V1'));
    assert.equal(rows.length, 1);
    assert.equal((await eventRows(h.db, first.value.incident.id)).length, 1);
  });

  it('five concurrent declares with one key make exactly one incident and one event', async () => {
    const before = await rowCounts(h.db);
    const outcomes = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        declareIncident(h.write, { draft: { title: `Race ${n}` }, actor: ALICE, declareKey: 'V-race' }),
      ),
    );
    const ids = new Set(outcomes.map((o) => o.value.incident.id));
    assert.equal(ids.size, 1, 'everyone got the same incident');
    assert.equal(outcomes.filter((o) => o.value.created).length, 1, 'exactly one declare created it');
    assert.equal(outcomes.flatMap((o) => o.events).length, 1);
    const after = await rowCounts(h.db);
    assert.equal(after.incidents, before.incidents + 1);
    assert.equal(after.events, before.events + 1);
    const [id] = ids;
    const [row] = await eventRows(h.db, id);
    assert.equal(row?.type, 'incident.declared');
  });

  it('declarations without a key, or with different keys, are separate incidents', async () => {
    const a = await declareIncident(h.write, { draft: { title: 'A' }, actor: ALICE });
    const b = await declareIncident(h.write, { draft: { title: 'A' }, actor: ALICE });
    const c = await declareIncident(h.write, { draft: { title: 'A' }, actor: ALICE, declareKey: 'V-c' });
    const d = await declareIncident(h.write, { draft: { title: 'A' }, actor: ALICE, declareKey: 'V-d' });
    const ids = [a, b, c, d].map((o) => o.value.incident.id);
    assert.equal(new Set(ids).size, 4);
    assert.ok([a, b, c, d].every((o) => o.value.created));
  });

  it('refuses a blank title with title_required and stores nothing', async () => {
    await expectRefused(h, 'title_required', () => declareIncident(h.write, { draft: { title: '   ' }, actor: ALICE }));
    await expectRefused(h, 'title_too_long', () =>
      declareIncident(h.write, { draft: { title: 'x'.repeat(201) }, actor: ALICE }),
    );
  });

  it('stores the incident and its event in one transaction: a failure before commit keeps neither', async () => {
    const before = await rowCounts(h.db);
    const store = crashingAfterWork(h.write.store);
    await assert.rejects(
      declareIncident({ store, clock: h.clock }, { draft: { title: 'Never stored' }, actor: ALICE, declareKey: 'VX' }),
      /crash after the work/,
    );
    assert.deepEqual(await rowCounts(h.db), before);
    const retry = await declareIncident(h.write, { draft: { title: 'Stored' }, actor: ALICE, declareKey: 'VX' });
    assert.equal(retry.value.created, true, 'the key of a rolled-back declare is free again');
  });
});
