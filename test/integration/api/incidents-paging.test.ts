// Paging the API's incident list far in with the keyset cursor: every incident exactly once, newest
// first, incidents reported in the same instant ordered by id, and a page deep in the list the same
// whether reached by walking or by its cursor alone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { userActor } from '../../../src/domain/index.ts';
import { declareIncident, resolveIncident } from '../../../src/usecases/index.ts';
import { IncidentListSchema } from '../../../src/web/presenters/schemas.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';

const INCIDENTS = 90;

describe('API v1: paging deep into the incident list', () => {
  let svc: TestService;
  /** Every incident id, newest first, as the database orders them. */
  let newestFirst: number[] = [];

  before(async () => {
    svc = await startTestService();
    const alice = userActor('U0ALICE01');
    for (let i = 0; i < INCIDENTS; i++) {
      const { value } = await declareIncident(svc.write, { draft: { title: `Incident ${i}` }, actor: alice });
      if (i % 4 === 1) await resolveIncident(svc.write, { incidentId: value.incident.id, actor: alice });
      // Three incidents share each reported instant: the cursor must tell them apart by id.
      if (i % 3 === 2) svc.clock.advance(60_000);
    }
    const { rows } = await svc.db.executeSql('select id from incidents order by reported_at desc, id desc');
    newestFirst = (rows as { id: number }[]).map((row) => Number(row.id));
  });
  after(() => svc.stop());

  const page = async (query: string) => {
    const response = await svc.get(`/api/v1/incidents?${query}`);
    assert.equal(response.status, 200, query);
    return IncidentListSchema.parse(await response.json());
  };

  /** Walks every page of `query`, returning the ids in order and the cursors that led to each page. */
  const walk = async (query: string) => {
    const ids: number[] = [];
    const cursors: (string | null)[] = [];
    let cursor: string | null = null;
    do {
      cursors.push(cursor);
      const got = await page(`${query}${cursor ? `&cursor=${cursor}` : ''}`);
      ids.push(...got.items.map((item) => item.id));
      cursor = got.nextCursor;
    } while (cursor && cursors.length < 100);
    return { ids, cursors };
  };

  it('walks every incident exactly once, newest first, ties in reporting time by id', async () => {
    const { ids, cursors } = await walk('limit=7');
    assert.deepEqual(ids, newestFirst);
    assert.equal(cursors.length, Math.ceil(INCIDENTS / 7));
  });

  it('answers a deep page from its cursor alone with the same incidents', async () => {
    const { cursors } = await walk('limit=7');
    const deep = cursors[10];
    assert.ok(deep);
    const got = await page(`limit=7&cursor=${deep}`);
    assert.deepEqual(
      got.items.map((item) => item.id),
      newestFirst.slice(70, 77),
    );
  });

  it('pages deep within a filter too', async () => {
    const { rows } = await svc.db.executeSql(
      `select id from incidents where status = 'resolved' order by reported_at desc, id desc`,
    );
    const resolved = (rows as { id: number }[]).map((row) => Number(row.id));
    assert.ok(resolved.length > 15);
    assert.deepEqual((await walk('limit=4&status=resolved')).ids, resolved);
  });
});
