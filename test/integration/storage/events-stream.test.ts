// The audit stream never lets a reader skip an event: ids are handed out at insert, so an event
// committed later with a lower id must not appear after a higher one was already read.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { createIncidentQueries } from '../../../src/storage/incident-queries.ts';
import { eventually } from '../../support/slack-world.ts';
import { ALICE, declare, type Harness, openHarness } from '../../support/storage-harness.ts';

describe('audit stream', () => {
  let h: Harness;
  before(async () => {
    h = await openHarness();
  });
  after(() => h.dispose());

  it('holds back events until every transaction that could still add a lower id has finished', async (t) => {
    if (!h.database.url) return t.skip('needs DATABASE_URL: PGlite runs one transaction at a time');
    const incident = await declare(h, { title: 'Stream' }, ALICE);
    const queries = createIncidentQueries(h.db);
    const seen = (await queries.eventsSince(0, 100)).map((e) => e.id);
    const insertEvent = (client: pg.Client) =>
      client.query(
        `insert into incident_events (incident_id, type, actor_kind, occurred_at)
         values ($1, 'timeline.added', 'system', now()) returning id`,
        [incident.id],
      );
    const slow = new pg.Client({ connectionString: h.database.url });
    const quick = new pg.Client({ connectionString: h.database.url });
    await Promise.all([slow.connect(), quick.connect()]);
    try {
      await slow.query('begin');
      const lower = (await insertEvent(slow)).rows[0].id as string;
      const higher = (await insertEvent(quick)).rows[0].id as string;
      assert.ok(Number(lower) < Number(higher));
      const during = (await queries.eventsSince(Math.max(0, ...seen), 100)).map((e) => e.id);
      assert.deepEqual(during, [], 'the committed higher id waits for the open transaction');
      await slow.query('commit');
      // Transaction ids are the server's, not the database's: another database's open transaction
      // (a test running alongside) holds the stream back too, until it ends. One that began between
      // the two inserts holds back only the higher id, so wait for both.
      const afterwards = await eventually(async () => {
        const ids = (await queries.eventsSince(Math.max(0, ...seen), 100)).map((e) => e.id);
        return ids.length >= 2 && ids;
      });
      assert.deepEqual(afterwards, [Number(lower), Number(higher)]);
    } finally {
      await slow.query('rollback').catch(() => {});
      await Promise.all([slow.end(), quick.end()]);
    }
  });
});
