import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { userActor } from '../../../src/domain/index.ts';
import { slackChannels, slackUsers } from '../../../src/storage/schema.ts';
import {
  addAction,
  addTimelineEntry,
  declareIncident,
  hideTimelineEntry,
  resolveIncident,
  setSeverity,
} from '../../../src/usecases/index.ts';
import {
  ActionListSchema,
  IncidentListSchema,
  IncidentSchema,
  ProblemSchema,
  TimelineListSchema,
} from '../../../src/web/presenters/schemas.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';

const problem = async (response: Response) => {
  assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  return ProblemSchema.parse(await response.json());
};

describe('API v1: incidents', () => {
  let svc: TestService;
  let first: number;
  let second: number;

  before(async () => {
    svc = await startTestService();
    const alice = userActor('U0ALICE01');
    await svc.db.db.insert(slackUsers).values([
      { id: 'U0ALICE01', name: 'alice' },
      { id: 'U0BOB0001', name: 'bob' },
    ]);
    const a = await declareIncident(svc.write, {
      draft: {
        title: 'Payments API returning 500s',
        summary: 'Checkout fails',
        reporterId: 'U0ALICE01',
        leadId: 'U0BOB0001',
      },
      actor: alice,
    });
    first = a.value.incident.id;
    await setSeverity(svc.write, { incidentId: first, severity: 'major', actor: alice });
    await svc.db.db
      .insert(slackChannels)
      .values({ incidentId: first, channelId: 'C0INCIDENT1', name: 'inc-1-payments' });
    const pin = await addTimelineEntry(svc.write, {
      incidentId: first,
      source: 'pin',
      text: 'Rolled back <https://deploys/42|deploy 42>',
      actor: alice,
      slack: { channelId: 'C0INCIDENT1', ts: '1712330003.000200', permalink: 'https://slack.test/p1' },
    });
    const note = await addTimelineEntry(svc.write, {
      incidentId: first,
      source: 'manual',
      text: 'A typo',
      actor: alice,
    });
    await hideTimelineEntry(svc.write, {
      incidentId: first,
      target: { entryId: note.value.entry.id },
      hidden: true,
      actor: alice,
    });
    await addAction(svc.write, { incidentId: first, text: 'Add a canary', ownerId: 'U0BOB0001', actor: alice });
    assert.ok(pin.value.created);
    svc.clock.advance(60_000);
    const b = await declareIncident(svc.write, {
      draft: { title: 'Search is slow 50%_of the time', kind: 'report' },
      actor: alice,
    });
    second = b.value.incident.id;
    await resolveIncident(svc.write, { incidentId: second, actor: alice });
  });
  after(() => svc.stop());

  it('refuses requests without a token, with a bad token, and with a revoked-looking token', async () => {
    for (const auth of [null, 'nonsense', `ibt_aaaaaaaaaaaa_${'x'.repeat(43)}`]) {
      const response = await svc.get('/api/v1/incidents', auth);
      assert.equal(response.status, 401);
      assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer/);
      const body = await problem(response);
      assert.equal(body.code, auth === null ? 'token_missing' : 'token_invalid');
    }
  });

  it('lists incidents newest first in the INTERFACE.md shape', async () => {
    const response = await svc.get('/api/v1/incidents');
    assert.equal(response.status, 200);
    const body = IncidentListSchema.parse(await response.json());
    assert.deepEqual(
      body.items.map((i) => i.id),
      [second, first],
    );
    const payments = body.items[1];
    assert.equal(payments?.severity, 'major');
    assert.deepEqual(payments?.reporter, { slackId: 'U0ALICE01', name: 'alice' });
    assert.deepEqual(payments?.lead, { slackId: 'U0BOB0001', name: 'bob' });
    assert.deepEqual(payments?.channel, { id: 'C0INCIDENT1', name: 'inc-1-payments' });
    assert.equal(payments?.url, `http://incidents.test/incidents/${first}`);
    assert.equal(payments?.reportedAt, '2026-03-02T10:00:00.000Z');
    assert.equal(body.items[0]?.status, 'resolved');
    assert.equal(body.items[0]?.resolvedAt, '2026-03-02T10:01:00.000Z');
    assert.equal(body.nextCursor, null);
  });

  it('filters by status, severity, kind and text (LIKE wildcards taken literally)', async () => {
    const ids = async (query: string) =>
      IncidentListSchema.parse(await (await svc.get(`/api/v1/incidents?${query}`)).json()).items.map((i) => i.id);
    assert.deepEqual(await ids('status=resolved'), [second]);
    assert.deepEqual(await ids('status=investigating,identified'), [first]);
    assert.deepEqual(await ids('status=investigating&status=resolved'), [second, first]);
    assert.deepEqual(await ids('severity=major'), [first]);
    assert.deepEqual(await ids('kind=report'), [second]);
    assert.deepEqual(await ids('q=checkout'), [first]);
    assert.deepEqual(await ids('q=50%25_of'), [second]);
    assert.deepEqual(await ids('q=5%25%25'), []);
  });

  it('pages with an opaque cursor until nextCursor is null', async () => {
    const page1 = IncidentListSchema.parse(await (await svc.get('/api/v1/incidents?limit=1')).json());
    assert.deepEqual(
      page1.items.map((i) => i.id),
      [second],
    );
    assert.ok(page1.nextCursor);
    const page2 = IncidentListSchema.parse(
      await (await svc.get(`/api/v1/incidents?limit=1&cursor=${page1.nextCursor}`)).json(),
    );
    assert.deepEqual(
      page2.items.map((i) => i.id),
      [first],
    );
    assert.equal(page2.nextCursor, null);
  });

  it('answers a bad query with 400 naming the parameter', async () => {
    for (const [query, parameter] of [
      ['status=bogus', 'status'],
      ['severity=sev1', 'severity'],
      ['kind=past', 'kind'],
      ['limit=500', 'limit'],
      ['limit=abc', 'limit'],
      ['cursor=not-a-cursor', 'cursor'],
      ['colour=red', 'colour'],
    ] as const) {
      const response = await svc.get(`/api/v1/incidents?${query}`);
      assert.equal(response.status, 400, query);
      const body = await problem(response);
      assert.equal(body.parameter, parameter, query);
      assert.match(body.detail, new RegExp(`^${parameter}: `), query);
    }
  });

  it('gets one incident, and 404 problem+json for an unknown id, 400 for a non-number', async () => {
    const ok = await svc.get(`/api/v1/incidents/${first}`);
    assert.equal(IncidentSchema.parse(await ok.json()).title, 'Payments API returning 500s');
    const missing = await svc.get('/api/v1/incidents/999999');
    assert.equal(missing.status, 404);
    assert.equal((await problem(missing)).code, 'incident_not_found');
    const bad = await svc.get('/api/v1/incidents/abc');
    assert.equal(bad.status, 400);
    assert.equal((await problem(bad)).parameter, 'id');
  });

  it('lists the timeline oldest first, hidden entries only on request', async () => {
    const visible = TimelineListSchema.parse(await (await svc.get(`/api/v1/incidents/${first}/timeline`)).json());
    assert.deepEqual(
      visible.items.map((e) => e.source),
      ['change', 'pin'],
    );
    assert.equal(visible.items[0]?.text, 'Severity set to Major by <@U0ALICE01>');
    assert.deepEqual(visible.items[1]?.slack, {
      channelId: 'C0INCIDENT1',
      ts: '1712330003.000200',
      permalink: 'https://slack.test/p1',
      files: [],
    });
    assert.deepEqual(visible.items[1]?.author, { slackId: 'U0ALICE01', name: 'alice' });
    const all = TimelineListSchema.parse(
      await (await svc.get(`/api/v1/incidents/${first}/timeline?hidden=include`)).json(),
    );
    assert.deepEqual(
      all.items.map((e) => [e.source, e.hidden]),
      [
        ['change', false],
        ['pin', false],
        ['manual', true],
      ],
    );
    assert.equal((await svc.get('/api/v1/incidents/999999/timeline')).status, 404);
  });

  it('lists follow-up actions', async () => {
    const body = ActionListSchema.parse(await (await svc.get(`/api/v1/incidents/${first}/actions`)).json());
    assert.equal(body.items.length, 1);
    assert.equal(body.items[0]?.text, 'Add a canary');
    assert.deepEqual(body.items[0]?.owner, { slackId: 'U0BOB0001', name: 'bob' });
    assert.equal(body.items[0]?.done, false);
    assert.equal((await svc.get('/api/v1/incidents/999999/actions')).status, 404);
  });

  it('answers unknown API paths with 404 problem+json', async () => {
    const response = await svc.get('/api/v1/nothing-here');
    assert.equal(response.status, 404);
    assert.equal((await problem(response)).code, 'not_found');
  });
});
