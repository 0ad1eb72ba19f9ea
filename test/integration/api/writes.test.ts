// Curating incidents through the API: every write goes through the same rules as Slack, is recorded
// as made by the token, shows up in Slack's headline, and every answer matches the served OpenAPI document.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, type SlackWorld, startSlackWorld } from '../../support/slack-world.ts';
import { eventRows } from '../../support/storage-harness.ts';
import { openApiClient, problemOf } from './openapi-client.ts';

type Incident = {
  id: number;
  title: string;
  summary: string | null;
  impact: string | null;
  severity: string | null;
  status: string;
  kind: string;
  lead: { slackId: string; name: string } | null;
  resolvedAt: string | null;
};
type Entry = { id: number; source: string; text: string; occurredAt: string; hidden: boolean; author: unknown };
type Action = { id: number; text: string; owner: { slackId: string } | null; done: boolean; dueAt: string | null };

describe('API v1 writes', () => {
  let world: SlackWorld;
  let api: Awaited<ReturnType<typeof openApiClient>>;
  const id = 1;

  before(async () => {
    world = await startSlackWorld();
    const { slack, people, channels } = world;
    await slack.slashCommand({ user: people.alice, channel: channels.general, text: 'Checkout errors' });
    const view = slack.openViews(people.alice).at(-1);
    assert.ok(view);
    await slack.submitView({ user: people.alice, viewId: view.id, values: { title: 'Checkout errors' } });
    await eventually(() => headline(), 5_000, 'headline posted');
    api = await openApiClient(world.bot);
  });
  after(() => world.stop());

  const headline = () => world.slack.messages(world.channels.incidents).find((m) => m.text.includes(`#${id}:`));
  const timeline = async (query = '') =>
    (await api.get<{ items: Entry[] }>(`/incidents/${id}/timeline${query}`)).body.items;

  it('edits several fields at once, records each change as made by the token, and the headline follows', async () => {
    const { people } = world;
    const response = await api.patch<Incident>(`/incidents/${id}`, {
      title: 'Checkout errors for Visa cards',
      summary: 'Card payments *fail* at checkout',
      impact: 'About 30% of orders',
      severity: 'critical',
      lead: people.bob,
    });
    assert.equal(response.status, 200);
    assert.equal(response.body.title, 'Checkout errors for Visa cards');
    assert.equal(response.body.summary, 'Card payments *fail* at checkout');
    assert.equal(response.body.impact, 'About 30% of orders');
    assert.equal(response.body.severity, 'critical');
    assert.equal(response.body.lead?.slackId, people.bob);
    assert.deepEqual((await api.get(`/incidents/${id}`)).body, response.body, 'what GET shows from now on');

    const changes = (await timeline()).filter((e) => e.source === 'change').map((e) => e.text);
    assert.ok(changes.includes('Severity set to Critical by API token tests'), changes.join('\n'));
    assert.ok(changes.includes(`Lead set to <@${people.bob}> by API token tests`), changes.join('\n'));
    const [event] = (await eventRows(world.bot.db.db, id)).slice(-1);
    assert.equal(event?.type, 'incident.updated');
    assert.deepEqual([event?.actorKind, event?.actorId], ['token', 'tests']);

    await eventually(
      () => headline()?.text.includes('Checkout errors for Visa cards'),
      10_000,
      'new title on headline',
    );
    await eventually(() => JSON.stringify(headline()?.blocks).includes('Critical'), 10_000, 'headline shows Critical');
  });

  it('moves the status, resolves, refuses to resolve twice (409, nothing changed) and reopens', async () => {
    const monitoring = await api.patch<Incident>(`/incidents/${id}`, { status: 'monitoring' });
    assert.equal(monitoring.status, 200);
    assert.equal(monitoring.body.status, 'monitoring');

    const resolved = await api.patch<Incident>(`/incidents/${id}`, { status: 'resolved' });
    assert.equal(resolved.body.status, 'resolved');
    assert.ok(resolved.body.resolvedAt);
    await eventually(() => !JSON.stringify(headline()?.blocks).includes('headline-close'), 10_000, 'no Close button');

    const events = (await eventRows(world.bot.db.db, id)).length;
    const again = await api.patch(`/incidents/${id}`, { status: 'resolved', title: 'Renamed while resolving' });
    assert.equal(again.status, 409);
    const problem = problemOf(again);
    assert.equal(problem.code, 'incident_already_resolved');
    assert.equal(problem.parameter, 'status');
    const unchanged = (await api.get<Incident>(`/incidents/${id}`)).body;
    assert.equal(unchanged.title, 'Checkout errors for Visa cards', 'the refused request changed nothing');
    assert.equal((await eventRows(world.bot.db.db, id)).length, events);

    const reopened = await api.patch<Incident>(`/incidents/${id}`, { status: 'identified' });
    assert.equal(reopened.status, 200);
    assert.equal(reopened.body.status, 'identified');
    assert.equal(reopened.body.resolvedAt, null);
    const [event] = (await eventRows(world.bot.db.db, id)).slice(-1);
    assert.equal(event?.type, 'incident.reopened');
  });

  it('a PATCH that changes nothing answers the incident and records nothing', async () => {
    const before = (await eventRows(world.bot.db.db, id)).length;
    const same = await api.patch<Incident>(`/incidents/${id}`, { severity: 'critical', status: 'identified' });
    assert.equal(same.status, 200);
    assert.equal(same.body.severity, 'critical');
    assert.equal((await eventRows(world.bot.db.db, id)).length, before);
  });

  it('refuses bad bodies with 400 naming the field, and changes nothing', async () => {
    const before = await api.get<Incident>(`/incidents/${id}`);
    for (const [body, parameter, detail] of [
      [{ colour: 'red', size: 3, title: 'x' }, 'colour', /^colour, size: unknown fields; use title, summary/],
      [{}, 'body', /send at least one of title, summary, impact, severity, lead, kind, status/],
      [{ severity: null }, 'severity', /cannot be cleared/],
      [{ severity: 'sev1' }, 'severity', /use one of critical, major, minor, trivial/],
      [{ lead: 'bob' }, 'lead', /Slack user id/],
      [{ title: '   ' }, 'title', /write the title/],
      [{ title: 'x'.repeat(201) }, 'title', /200 characters/],
      [{ status: 'closed', title: 'Not applied' }, 'status', /use one of investigating/],
      [{ kind: 'past' }, 'kind', /live or report/],
      [[{ title: 'array' }], 'body', /./],
    ] as const) {
      const response = await api.patch(`/incidents/${id}`, body);
      assert.equal(response.status, 400, JSON.stringify(body));
      const problem = problemOf(response);
      assert.equal(problem.code, 'parameter_invalid');
      assert.equal(problem.parameter, parameter, JSON.stringify(body));
      assert.match(problem.detail, detail, JSON.stringify(body));
    }
    assert.deepEqual((await api.get(`/incidents/${id}`)).body, before.body);
  });

  it('only takes JSON: 415 for other types, 400 for broken JSON, 413 for huge bodies, 401 without a token', async () => {
    const form = await api.call('PATCH', `/incidents/${id}`, {
      raw: 'title=x',
      contentType: 'application/x-www-form-urlencoded',
    });
    assert.equal(form.status, 415);
    assert.equal(problemOf(form).code, 'media_type_unsupported');
    const none = await api.call('POST', `/incidents/${id}/timeline`, { raw: '{"text":"hi"}', contentType: null });
    assert.equal(none.status, 415);
    const merge = await api.call('PATCH', `/incidents/${id}`, {
      raw: '{"impact":"Merge-patch clients are fine"}',
      contentType: 'application/merge-patch+json',
    });
    assert.equal(merge.status, 200, 'any +json type is JSON');
    const broken = await api.call('PATCH', `/incidents/${id}`, { raw: '{"title": ', contentType: 'application/json' });
    assert.equal(broken.status, 400);
    assert.deepEqual([problemOf(broken).code, problemOf(broken).parameter], ['body_invalid', 'body']);
    const huge = await api.post(`/incidents/${id}/timeline`, { text: 'x'.repeat(300_000) });
    assert.equal(huge.status, 413);
    assert.equal(problemOf(huge).code, 'body_too_large');
    const anonymous = await api.patch(`/incidents/${id}`, { title: 'Anonymous' }, { token: null });
    assert.equal(anonymous.status, 401);
    assert.equal(problemOf(anonymous).code, 'token_missing');
    const missing = await api.patch('/incidents/999999', { title: 'Nobody' });
    assert.equal(missing.status, 404);
    assert.equal(problemOf(missing).code, 'incident_not_found');
  });

  it('adds a manual entry: 201 with Location, in the timeline at the time given, by the token', async () => {
    const created = await api.post<Entry>(`/incidents/${id}/timeline`, {
      text: '  Rolled back deploy 42  ',
      occurredAt: '2026-03-02T09:30:00+01:00',
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.source, 'manual');
    assert.equal(created.body.text, 'Rolled back deploy 42');
    assert.equal(created.body.occurredAt, '2026-03-02T08:30:00.000Z');
    assert.equal(created.body.author, null, 'a token is not a Slack person');
    const location = created.headers.get('location');
    assert.equal(location, `/api/v1/incidents/${id}/timeline/${created.body.id}`);
    assert.deepEqual((await api.get(location.replace('/api/v1', ''))).body, created.body);
    const entries = await timeline();
    assert.equal(
      entries[0]?.text,
      'Rolled back deploy 42',
      'oldest first: it happened before the incident was declared',
    );

    const now = await api.post<Entry>(`/incidents/${id}/timeline`, { text: 'Error rate back to normal' });
    assert.equal(now.body.occurredAt, world.bot.clock.now().toISOString(), 'defaults to now');
    const [event] = (await eventRows(world.bot.db.db, id)).slice(-1);
    assert.deepEqual([event?.type, event?.actorId], ['timeline.added', 'tests']);

    for (const [body, parameter] of [
      [{}, 'text'],
      [{ text: '  ' }, 'text'],
      [{ text: 'x', occurredAt: 'yesterday' }, 'occurredAt'],
      [{ text: 'x', source: 'pin' }, 'source'],
    ] as const) {
      const bad = await api.post(`/incidents/${id}/timeline`, body);
      assert.equal(bad.status, 400, JSON.stringify(body));
      assert.equal(problemOf(bad).parameter, parameter);
    }
    assert.equal((await api.post('/incidents/999999/timeline', { text: 'x' })).status, 404);
  });

  it('rewords and hides entries; a change record cannot be reworded (409) and the refused PATCH hides nothing', async () => {
    const entry = (await api.post<Entry>(`/incidents/${id}/timeline`, { text: 'Paged the payments tema' })).body;
    const reworded = await api.patch<Entry>(`/incidents/${id}/timeline/${entry.id}`, {
      text: 'Paged the payments team',
    });
    assert.equal(reworded.status, 200);
    assert.equal(reworded.body.text, 'Paged the payments team');

    const hidden = await api.patch<Entry>(`/incidents/${id}/timeline/${entry.id}`, { hidden: true });
    assert.equal(hidden.body.hidden, true);
    assert.ok(!(await timeline()).some((e) => e.id === entry.id), 'hidden from the timeline');
    assert.ok(
      (await timeline('?hidden=include')).some((e) => e.id === entry.id),
      'kept, shown on request',
    );
    const shown = await api.patch<Entry>(`/incidents/${id}/timeline/${entry.id}`, { hidden: false });
    assert.equal(shown.body.hidden, false);

    const change = (await timeline()).find((e) => e.source === 'change');
    assert.ok(change);
    const refused = await api.patch(`/incidents/${id}/timeline/${change.id}`, {
      text: 'Rewritten history',
      hidden: true,
    });
    assert.equal(refused.status, 409);
    assert.equal(problemOf(refused).code, 'timeline_entry_not_editable');
    assert.match(problemOf(refused).detail, /hide it and add a new entry instead/);
    const still = (await api.get<Entry>(`/incidents/${id}/timeline/${change.id}`)).body;
    assert.deepEqual([still.text, still.hidden], [change.text, false]);

    const missing = await api.patch(`/incidents/${id}/timeline/999999`, { hidden: true });
    assert.equal(missing.status, 404);
    assert.equal(problemOf(missing).code, 'timeline_entry_not_found');
    assert.equal((await api.patch(`/incidents/${id}/timeline/${entry.id}`, {})).status, 400);
  });

  it('DELETE hides an entry and keeps it; deleting again changes nothing', async () => {
    const entry = (await api.post<Entry>(`/incidents/${id}/timeline`, { text: 'Posted in the wrong incident' })).body;
    const deleted = await api.delete<Entry>(`/incidents/${id}/timeline/${entry.id}`);
    assert.equal(deleted.status, 200);
    assert.deepEqual([deleted.body.id, deleted.body.text, deleted.body.hidden], [entry.id, entry.text, true]);
    assert.ok(!(await timeline()).some((e) => e.id === entry.id));
    const kept = (await timeline('?hidden=include')).find((e) => e.id === entry.id);
    assert.equal(kept?.hidden, true);
    const events = (await eventRows(world.bot.db.db, id)).length;
    assert.equal((await api.delete(`/incidents/${id}/timeline/${entry.id}`)).status, 200);
    assert.equal((await eventRows(world.bot.db.db, id)).length, events, 'no second event');
    assert.equal((await api.delete(`/incidents/${id}/timeline/999999`)).status, 404);
    assert.equal((await api.delete(`/incidents/${id}/timeline/abc`)).status, 400);
  });

  it('adds an action (201, Location), then completes, reassigns, reschedules and unassigns it', async () => {
    const { people } = world;
    const created = await api.post<Action>(`/incidents/${id}/actions`, {
      text: 'Add a canary for card payments',
      owner: people.carol,
      dueAt: '2026-03-09T17:00:00Z',
    });
    assert.equal(created.status, 201);
    assert.deepEqual(
      [created.body.text, created.body.owner?.slackId, created.body.done, created.body.dueAt],
      ['Add a canary for card payments', people.carol, false, '2026-03-09T17:00:00.000Z'],
    );
    const location = created.headers.get('location');
    assert.equal(location, `/api/v1/incidents/${id}/actions/${created.body.id}`);
    assert.deepEqual((await api.get(location.replace('/api/v1', ''))).body, created.body);

    const path = `/incidents/${id}/actions/${created.body.id}`;
    const done = await api.patch<Action>(path, { done: true, owner: people.bob });
    assert.deepEqual([done.body.done, done.body.owner?.slackId], [true, people.bob]);
    const unassigned = await api.patch<Action>(path, { owner: null, dueAt: null });
    assert.deepEqual([unassigned.body.owner, unassigned.body.dueAt, unassigned.body.done], [null, null, true]);
    const listed = (await api.get<{ items: Action[] }>(`/incidents/${id}/actions`)).body.items;
    assert.deepEqual(listed.at(-1), unassigned.body);
    const [event] = (await eventRows(world.bot.db.db, id)).slice(-1);
    assert.deepEqual([event?.type, event?.actorId], ['action.updated', 'tests']);

    for (const [body, parameter] of [
      [{ done: 'yes' }, 'done'],
      [{ dueAt: 'next week' }, 'dueAt'],
      [{ owner: 'carol' }, 'owner'],
      [{ priority: 'high' }, 'priority'],
    ] as const) {
      const bad = await api.patch(path, body);
      assert.equal(bad.status, 400, JSON.stringify(body));
      assert.equal(problemOf(bad).parameter, parameter);
    }
    assert.equal((await api.post(`/incidents/${id}/actions`, { owner: people.bob })).status, 400, 'text required');
    const missing = await api.patch(`/incidents/${id}/actions/999999`, { done: true });
    assert.equal(missing.status, 404);
    assert.equal(problemOf(missing).code, 'action_not_found');
    assert.equal((await api.post('/incidents/999999/actions', { text: 'x' })).status, 404);
  });

  it('documents every write in the OpenAPI document, bodies included', () => {
    const paths = api.document.paths as Record<string, Record<string, { requestBody?: unknown }>>;
    assert.deepEqual(Object.keys(paths['/incidents/{id}'] ?? {}).sort(), ['get', 'patch']);
    assert.deepEqual(Object.keys(paths['/incidents/{id}/timeline/{entryId}'] ?? {}).sort(), ['delete', 'get', 'patch']);
    assert.deepEqual(Object.keys(paths['/incidents/{id}/actions/{actionId}'] ?? {}).sort(), ['get', 'patch']);
    assert.ok(paths['/incidents/{id}/timeline']?.post?.requestBody);
    assert.ok(paths['/incidents/{id}/actions']?.post?.requestBody);
    const schemas = (api.document.components as { schemas: Record<string, { additionalProperties?: boolean }> })
      .schemas;
    for (const name of ['IncidentPatch', 'NewTimelineEntry', 'TimelineEntryPatch', 'NewAction', 'ActionPatch']) {
      assert.equal(schemas[name]?.additionalProperties, false, `${name} refuses unknown fields`);
    }
  });
});
