// Teams moving from Monzo's Response keep their scripts: /core/incidents/… answers in Response's
// JSON shapes (DRF pagination, field names, severity digits, user objects), behind an API token.
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
  LegacyIncidentSchema,
  LegacyTimelineEventSchema,
  legacyPage,
} from '../../../src/web/presenters/legacy-schemas.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';

const IncidentPage = legacyPage(LegacyIncidentSchema);
const EventPage = legacyPage(LegacyTimelineEventSchema);

describe('Response-compatible /core endpoints', () => {
  let svc: TestService;
  let payments: number;
  let report: number;
  let third: number;

  before(async () => {
    svc = await startTestService();
    const alice = userActor('U0ALICE01');
    await svc.db.db.insert(slackUsers).values([
      { id: 'U0ALICE01', name: 'alice', realName: 'Alice Adams', email: 'alice@example.com' },
      { id: 'U0BOB0001', name: 'bob', realName: null, email: null, deleted: true },
    ]);
    payments = (
      await declareIncident(svc.write, {
        draft: {
          title: 'Payments API returning 500s',
          summary: 'Checkout fails',
          impact: 'All card payments',
          reporterId: 'U0ALICE01',
          leadId: 'U0BOB0001',
        },
        actor: alice,
      })
    ).value.incident.id;
    await setSeverity(svc.write, { incidentId: payments, severity: 'major', actor: alice });
    await svc.db.db
      .insert(slackChannels)
      .values({ incidentId: payments, channelId: 'C0INC0001', name: 'inc-1-payments' });
    await addAction(svc.write, {
      incidentId: payments,
      text: 'Ask <@U0ALICE01> about the canary',
      ownerId: 'U0BOB0001',
      dueAt: new Date('2026-03-09T17:00:00.250Z'),
      actor: alice,
    });
    svc.clock.advance(1_500);
    await addTimelineEntry(svc.write, {
      incidentId: payments,
      source: 'pin',
      text: 'Rolled back, see <#C0INC0001|inc-1-payments> and ping <@U0BOB0001>',
      actor: alice,
      slack: { channelId: 'C0INC0001', ts: '1772445601.000100', permalink: null },
    });
    const typo = await addTimelineEntry(svc.write, {
      incidentId: payments,
      source: 'manual',
      text: 'Tpyo',
      actor: alice,
    });
    await hideTimelineEntry(svc.write, {
      incidentId: payments,
      target: { entryId: typo.value.entry.id },
      hidden: true,
      actor: alice,
    });
    await addTimelineEntry(svc.write, {
      incidentId: payments,
      source: 'manual',
      text: 'Error rate back to normal',
      actor: alice,
    });
    svc.clock.advance(60_000);
    report = (await declareIncident(svc.write, { draft: { title: 'Search was slow', kind: 'report' }, actor: alice }))
      .value.incident.id;
    await resolveIncident(svc.write, { incidentId: report, actor: alice });
    svc.clock.advance(60_000);
    third = (await declareIncident(svc.write, { draft: { title: 'Login errors' }, actor: alice })).value.incident.id;
  });
  after(() => svc.stop());

  const get = async (path: string, token: string | null = svc.token) => {
    const response = await fetch(`${svc.baseUrl}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (await response.json()) as unknown,
    };
  };

  it('lists incidents newest first in a DRF page, every field in Response’s format', async () => {
    const response = await get('/core/incidents/');
    assert.equal(response.status, 200);
    const page = IncidentPage.parse(response.body);
    assert.deepEqual([page.count, page.next, page.previous], [3, null, null]);
    assert.deepEqual(
      page.results.map((i) => i.id),
      [third, report, payments],
    );
    const incident = page.results[2];
    assert.deepEqual(incident, {
      action_items: [
        {
          id: incident?.action_items[0]?.id,
          details: 'Ask <@U0ALICE01> about the canary',
          done: false,
          user: {
            app_id: 'slack',
            external_id: 'U0BOB0001',
            display_name: 'bob',
            full_name: 'bob',
            email: null,
            deleted: true,
          },
          details_ui: 'Ask @alice about the canary',
          created_date: '2026-03-02T10:00:00Z',
          done_date: null,
          due_date: '2026-03-09T17:00:00.250000Z',
          priority: null,
          type: null,
        },
      ],
      comms_channel: { channel_id: 'C0INC0001', channel_name: 'inc-1-payments' },
      end_time: null,
      impact: 'All card payments',
      is_closed: false,
      lead: {
        app_id: 'slack',
        external_id: 'U0BOB0001',
        display_name: 'bob',
        full_name: 'bob',
        email: null,
        deleted: true,
      },
      id: payments,
      report: 'Payments API returning 500s',
      report_time: '2026-03-02T10:00:00Z',
      report_only: false,
      reporter: {
        app_id: 'slack',
        external_id: 'U0ALICE01',
        display_name: 'alice',
        full_name: 'Alice Adams',
        email: 'alice@example.com',
        deleted: false,
      },
      severity: '2',
      start_time: '2026-03-02T10:00:00Z',
      summary: 'Checkout fails',
    });
    const closed = page.results[1];
    assert.deepEqual(
      [closed?.report_only, closed?.is_closed, closed?.end_time, closed?.severity, closed?.lead, closed?.comms_channel],
      [true, true, '2026-03-02T10:01:01.500000Z', null, null, null],
    );
  });

  it('pages with limit and offset, with absolute next and previous links like DRF', async () => {
    const first = IncidentPage.parse((await get('/core/incidents/?limit=1')).body);
    assert.deepEqual(
      first.results.map((i) => i.id),
      [third],
    );
    assert.equal(first.count, 3);
    assert.equal(first.next, 'http://incidents.test/core/incidents/?limit=1&offset=1');
    assert.equal(first.previous, null);
    const second = IncidentPage.parse((await get('/core/incidents/?limit=1&offset=1')).body);
    assert.deepEqual(
      second.results.map((i) => i.id),
      [report],
    );
    assert.equal(second.next, 'http://incidents.test/core/incidents/?limit=1&offset=2');
    assert.equal(second.previous, 'http://incidents.test/core/incidents/?limit=1', 'offset dropped, as DRF does');
    const last = IncidentPage.parse((await get('/core/incidents/?limit=1&offset=2')).body);
    assert.deepEqual([last.results.map((i) => i.id), last.next], [[payments], null]);
    assert.equal(last.previous, 'http://incidents.test/core/incidents/?limit=1&offset=1');
    const beyond = IncidentPage.parse((await get('/core/incidents/?offset=10')).body);
    assert.deepEqual([beyond.count, beyond.results], [3, []]);
    const lenient = IncidentPage.parse((await get('/core/incidents/?limit=abc&offset=-4&format=json')).body);
    assert.equal(lenient.results.length, 3, 'bad limit/offset fall back to the defaults, as in DRF');
  });

  it('gets one incident in the same shape, with or without the trailing slash or .json', async () => {
    const list = IncidentPage.parse((await get('/core/incidents/')).body);
    for (const path of [
      `/core/incidents/${payments}/`,
      `/core/incidents/${payments}`,
      `/core/incidents/${payments}.json`,
    ]) {
      const response = await get(path);
      assert.equal(response.status, 200, path);
      assert.deepEqual(LegacyIncidentSchema.parse(response.body), list.results[2], path);
    }
  });

  it('lists visible timeline events oldest first, with Response’s event types, metadata and readable text', async () => {
    const response = await get(`/core/incidents/${payments}/timeline/events/`);
    assert.equal(response.status, 200);
    const page = EventPage.parse(response.body);
    assert.equal(page.count, 3, 'the hidden entry is left out, as a deleted one was in Response');
    assert.deepEqual(
      page.results.map((e) => [e.event_type, e.text]),
      [
        ['incident_update', 'Severity set to Major by <@U0ALICE01>'],
        ['slack_pin', 'Rolled back, see <#C0INC0001|inc-1-payments> and ping <@U0BOB0001>'],
        ['text', 'Error rate back to normal'],
      ],
    );
    const [change, pin, typed] = page.results;
    assert.equal(change?.text_ui, 'Severity set to Major by @alice');
    assert.equal(pin?.text_ui, 'Rolled back, see #inc-1-payments and ping @bob');
    assert.equal(pin?.timestamp, '2026-03-02T10:00:01.500000Z');
    assert.deepEqual(pin?.metadata, {
      author: {
        app_id: 'slack',
        external_id: 'U0ALICE01',
        display_name: 'alice',
        full_name: 'Alice Adams',
        email: 'alice@example.com',
        deleted: false,
      },
      message_ts: '1772445601.000100',
      channel_id: 'C0INC0001',
    });
    assert.equal(typed?.metadata, null, 'typed entries carry no metadata, as in Response');
    const paged = EventPage.parse((await get(`/core/incidents/${payments}/timeline/events/?limit=2&offset=2`)).body);
    assert.deepEqual(
      paged.results.map((e) => e.text),
      ['Error rate back to normal'],
    );
    assert.equal(paged.previous, `http://incidents.test/core/incidents/${payments}/timeline/events/?limit=2`);
  });

  it('answers unknown incidents with 404 and a detail, like DRF', async () => {
    for (const path of ['/core/incidents/999999/', '/core/incidents/abc/', '/core/incidents/999999/timeline/events/']) {
      const response = await get(path);
      assert.equal(response.status, 404, path);
      assert.equal(response.type, 'application/problem+json; charset=utf-8');
      assert.match((response.body as { detail: string }).detail, /There is no incident/);
    }
  });

  it('refuses requests without a valid API token', async () => {
    for (const token of [null, 'nonsense']) {
      const response = await get('/core/incidents/', token);
      assert.equal(response.status, 401);
      assert.equal(response.type, 'application/problem+json; charset=utf-8');
      assert.match((response.body as { detail: string }).detail, /token/);
    }
  });
});
