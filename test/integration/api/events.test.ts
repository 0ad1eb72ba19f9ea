// The audit stream: a client that polls GET /api/v1/events with nextSince sees every change once,
// in the order it was made, with who made it and what changed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SYSTEM, userActor } from '../../../src/domain/index.ts';
import { addAction, declareIncident, setSeverity, setStatus } from '../../../src/usecases/index.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';
import { openApiClient, problemOf } from './openapi-client.ts';

type Event = {
  id: number;
  incidentId: number;
  type: string;
  actor: { kind: string; id: string | null };
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  occurredAt: string;
};
type EventList = { items: Event[]; nextSince: number };

describe('API v1: the audit stream', () => {
  let svc: TestService;
  let api: Awaited<ReturnType<typeof openApiClient>>;
  let first: number;
  let second: number;

  before(async () => {
    svc = await startTestService();
    api = await openApiClient(svc);
    const alice = userActor('U0ALICE01');
    first = (await declareIncident(svc.write, { draft: { title: 'Payments down' }, actor: alice })).value.incident.id;
    svc.clock.advance(60_000);
    await setSeverity(svc.write, { incidentId: first, severity: 'major', actor: alice });
    second = (await declareIncident(svc.write, { draft: { title: 'Search slow' }, actor: SYSTEM })).value.incident.id;
    await addAction(svc.write, { incidentId: first, text: 'Add a canary', actor: alice });
    await setStatus(svc.write, { incidentId: second, status: 'resolved', actor: alice });
    // A change through the API itself.
    assert.equal((await api.patch(`/incidents/${first}`, { status: 'identified' })).status, 200);
  });
  after(() => svc.stop());

  const page = async (query: string) => {
    const response = await api.get<EventList>(`/events${query}`);
    assert.equal(response.status, 200, query);
    return response.body;
  };

  it('lists every change from the start, oldest first, with who did it and what changed', async () => {
    const { items, nextSince } = await page('');
    assert.deepEqual(
      items.map((e) => [e.incidentId, e.type]),
      [
        [first, 'incident.declared'],
        [first, 'incident.updated'],
        [second, 'incident.declared'],
        [first, 'action.added'],
        [second, 'incident.resolved'],
        [first, 'incident.updated'],
      ],
    );
    assert.deepEqual(
      items.map((e) => e.id),
      [...items.map((e) => e.id)].sort((a, b) => a - b),
      'ids increase',
    );
    assert.equal(nextSince, items.at(-1)?.id);
    const [declared, severity, , , resolved, viaApi] = items;
    assert.deepEqual(declared?.actor, { kind: 'user', id: 'U0ALICE01' });
    assert.equal(declared?.after?.title, 'Payments down');
    assert.equal(declared?.occurredAt, '2026-03-02T10:00:00.000Z');
    assert.deepEqual([severity?.before, severity?.after], [{ severity: null }, { severity: 'major' }]);
    assert.deepEqual(items[2]?.actor, { kind: 'system', id: null }, 'the bot itself');
    assert.deepEqual(resolved?.after, { status: 'resolved' });
    assert.deepEqual(viaApi?.actor, { kind: 'token', id: 'tests' }, 'API changes are the token’s');
    assert.deepEqual(viaApi?.after, { status: 'identified' });
  });

  it('pages with since/nextSince: every event exactly once, then an empty page that keeps the position', async () => {
    const all = (await page('?limit=500')).items.map((e) => e.id);
    const seen: number[] = [];
    let since = 0;
    for (let guard = 0; guard < 10; guard++) {
      const { items, nextSince } = await page(`?since=${since}&limit=4`);
      seen.push(...items.map((e) => e.id));
      if (items.length === 0) {
        assert.equal(nextSince, since, 'poll again from the same place');
        break;
      }
      since = nextSince;
    }
    assert.deepEqual(seen, all);
  });

  it('a poller picks up a new change from where it left off', async () => {
    const { nextSince } = await page('?limit=500');
    await api.post(`/incidents/${first}/timeline`, { text: 'Card network confirmed the fix' });
    const { items } = await page(`?since=${nextSince}`);
    assert.deepEqual(
      items.map((e) => [e.type, e.after?.text, e.actor.id]),
      [['timeline.added', 'Card network confirmed the fix', 'tests']],
    );
  });

  it('answers bad parameters with 400 naming them, and no token with 401', async () => {
    for (const [query, parameter] of [
      ['since=-1', 'since'],
      ['since=abc', 'since'],
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['from=2026-01-01', 'from'],
    ] as const) {
      const response = await api.get(`/events?${query}`);
      assert.equal(response.status, 400, query);
      assert.equal(problemOf(response).parameter, parameter, query);
    }
    const anonymous = await api.get('/events', { token: null });
    assert.equal(anonymous.status, 401);
    assert.equal(problemOf(anonymous).code, 'token_missing');
  });
});
