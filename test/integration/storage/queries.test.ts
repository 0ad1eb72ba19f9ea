import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Incident, SYSTEM } from '../../../src/domain/index.ts';
import { slackChannels } from '../../../src/storage/schema.ts';
import { addAction } from '../../../src/usecases/add-action.ts';
import { addTimelineEntry } from '../../../src/usecases/add-timeline-entry.ts';
import { getIncident } from '../../../src/usecases/get-incident.ts';
import { getTimeline } from '../../../src/usecases/get-timeline.ts';
import { hideTimelineEntry } from '../../../src/usecases/hide-timeline-entry.ts';
import { listEvents } from '../../../src/usecases/list-events.ts';
import { listIncidents } from '../../../src/usecases/list-incidents.ts';
import type { IncidentCursor, IncidentFilter } from '../../../src/usecases/ports.ts';
import { resolveIncident } from '../../../src/usecases/resolve-incident.ts';
import { setStatus } from '../../../src/usecases/set-status.ts';
import {
  ALICE,
  cacheSlackUsers,
  declare,
  eventRows,
  type Harness,
  openHarness,
} from '../../support/storage-harness.ts';

describe('the read side (createIncidentQueries) through the read use cases', () => {
  let h: Harness;
  // Declared in this order; D, E and F share one reportedAt, so id breaks the tie.
  let A: Incident, B: Incident, C: Incident, D: Incident, E: Incident, F: Incident;

  before(async () => {
    h = await openHarness();
    await cacheSlackUsers(h.db, { U0ALICE: 'alice', U0BOB: 'bob' });
    A = await declare(h, { title: 'Payments 50% failing', severity: 'critical', leadId: 'U0BOB' });
    h.clock.advance(60_000);
    B = await declare(h, {
      title: 'Search slow',
      summary: 'p99 at 5s for user_search',
      severity: 'minor',
      kind: 'report',
      reporterId: null,
      leadId: 'U0GHOST',
    });
    await resolveIncident(h.write, { incidentId: B.id, actor: ALICE });
    h.clock.advance(60_000);
    C = await declare(h, { title: 'Login errors', summary: 'Users see 50 percent errors' });
    await setStatus(h.write, { incidentId: C.id, status: 'identified', actor: ALICE });
    h.clock.advance(60_000);
    D = await declare(h, { title: 'File upload_limit hit', severity: 'trivial' });
    E = await declare(h, { title: 'Backslash \\ in path', severity: null });
    F = await declare(h, { title: 'SEARCH index down' });
    await h.db.insert(slackChannels).values({ incidentId: A.id, channelId: 'C0PAY', name: 'inc-1-payments' });
  });
  after(() => h.dispose());

  const ids = async (filter: IncidentFilter) =>
    (await listIncidents(h.read, { filter, limit: 100 })).items.map((i) => i.id);

  it('lists newest first, ties on reportedAt broken by id', async () => {
    assert.deepEqual(await ids({}), [F.id, E.id, D.id, C.id, B.id, A.id]);
  });

  it('filters by status, severity and kind, alone and together', async () => {
    assert.deepEqual(await ids({ status: ['resolved'] }), [B.id]);
    assert.deepEqual(await ids({ status: ['investigating', 'identified'] }), [F.id, E.id, D.id, C.id, A.id]);
    assert.deepEqual(await ids({ severity: ['critical', 'trivial'] }), [D.id, A.id]);
    assert.deepEqual(await ids({ kind: 'report' }), [B.id]);
    assert.deepEqual(await ids({ kind: 'live', severity: ['major'], status: ['identified'] }), [C.id]);
    assert.deepEqual(await ids({ status: [], severity: [] }), await ids({}), 'empty lists filter nothing');
  });

  it('q searches title and summary, case-insensitively', async () => {
    assert.deepEqual(await ids({ q: 'search' }), [F.id, B.id]);
    assert.deepEqual(await ids({ q: '  PERCENT ' }), [C.id], 'summary matched, q trimmed');
    assert.deepEqual(await ids({ q: 'search', status: ['resolved'] }), [B.id]);
    assert.deepEqual(await ids({ q: '   ' }), await ids({}), 'a blank q filters nothing');
    assert.deepEqual(await ids({ q: 'nothing like this' }), []);
  });

  it('q is a word search: wildcards, escapes and punctuation never error or match everything', async () => {
    assert.deepEqual(await ids({ q: '%' }), [], 'no words, no matches');
    assert.deepEqual(await ids({ q: '50%' }), [C.id, A.id], 'the word "50", as written in either');
    assert.deepEqual(await ids({ q: '_' }), []);
    assert.deepEqual(await ids({ q: 'upload_limit' }), [D.id]);
    assert.deepEqual(await ids({ q: '\\' }), []);
    assert.deepEqual(await ids({ q: 'Backslash \\ in' }), [E.id]);
  });

  it('get names the reporter and lead from slack_users and shows the channel from slack_channels', async () => {
    const a = await getIncident(h.read, A.id);
    assert.deepEqual(a.reporter, { slackId: 'U0ALICE', name: 'alice' });
    assert.deepEqual(a.lead, { slackId: 'U0BOB', name: 'bob' });
    assert.deepEqual(a.channel, { id: 'C0PAY', name: 'inc-1-payments' });
    assert.equal(a.title, 'Payments 50% failing');
    const b = await getIncident(h.read, B.id);
    assert.equal(b.reporter, null);
    assert.deepEqual(b.lead, { slackId: 'U0GHOST', name: 'U0GHOST' }, 'not in the cache yet: the id stands in');
    assert.equal(b.channel, null);
    assert.equal(b.status, 'resolved');
    const [listed] = (await listIncidents(h.read, { filter: { q: 'payments' } })).items;
    assert.deepEqual(listed, a, 'list items are the same views as get');
  });

  it('getIncident on an unknown id is incident_not_found', async () => {
    assert.equal(await h.read.queries.get(99_999), null);
    await assert.rejects(getIncident(h.read, 99_999), { name: 'DomainError', code: 'incident_not_found' });
    await assert.rejects(getTimeline(h.read, { incidentId: 99_999 }), { code: 'incident_not_found' });
  });

  it('the timeline is oldest first (ties by id), hidden entries only when asked, authors named', async () => {
    const at = (minutes: number) => new Date(A.reportedAt.getTime() + minutes * 60_000);
    const add = async (text: string, occurredAt: Date, actor = ALICE) =>
      (await addTimelineEntry(h.write, { incidentId: A.id, source: 'manual', text, occurredAt, actor })).value.entry;
    await add('third', at(3));
    await add('first', at(1), SYSTEM);
    await add('second a', at(2));
    await add('second b', at(2));
    const noise = await add('noise', at(0));
    await hideTimelineEntry(h.write, { incidentId: A.id, target: { entryId: noise.id }, hidden: true, actor: ALICE });

    const shown = await getTimeline(h.read, { incidentId: A.id });
    assert.deepEqual(
      shown.map((e) => e.text),
      ['first', 'second a', 'second b', 'third'],
    );
    assert.deepEqual(shown[0]?.author, null, 'the bot wrote it: no author');
    assert.deepEqual(shown[1]?.author, { slackId: 'U0ALICE', name: 'alice' });
    const all = await getTimeline(h.read, { incidentId: A.id, includeHidden: true });
    assert.deepEqual(
      all.map((e) => [e.text, e.hidden]),
      [
        ['noise', true],
        ['first', false],
        ['second a', false],
        ['second b', false],
        ['third', false],
      ],
    );
  });

  it('lists actions of the incident only, with owners', async () => {
    await addAction(h.write, { incidentId: C.id, text: 'Fix login', ownerId: 'U0BOB', actor: ALICE });
    const actions = await h.read.queries.actions(C.id);
    assert.deepEqual(
      actions.map((a) => [a.text, a.owner]),
      [['Fix login', { slackId: 'U0BOB', name: 'bob' }]],
    );
    assert.deepEqual(await h.read.queries.actions(D.id), []);
  });

  it('eventsSince streams every event in write order from a cursor, limit clamped to 1–500', async () => {
    const stored = await eventRows(h.db);
    const all = await listEvents(h.read, { afterId: 0, limit: 500 });
    assert.deepEqual(
      all.map((e) => e.id),
      stored.map((e) => e.id),
    );
    assert.deepEqual(all[0], {
      id: stored[0]?.id,
      incidentId: A.id,
      type: 'incident.declared',
      actor: ALICE,
      before: null,
      after: stored[0]?.after,
      occurredAt: A.reportedAt,
    });
    const cursor = all[2]?.id ?? 0;
    assert.deepEqual(
      (await listEvents(h.read, { afterId: cursor, limit: 2 })).map((e) => e.id),
      [all[3]?.id, all[4]?.id],
    );
    assert.equal((await listEvents(h.read, { afterId: 0, limit: 0 })).length, 1);
    assert.deepEqual(await listEvents(h.read, { afterId: all.at(-1)?.id ?? 0, limit: 10 }), []);
  });

  it('pages with a keyset cursor: no duplicates or gaps, ties split across pages, stable under inserts', async () => {
    const walk = async (limit: number, filter: IncidentFilter = {}) => {
      const pages: number[][] = [];
      let cursor: IncidentCursor | null = null;
      do {
        const page = await listIncidents(h.read, { filter, limit, after: cursor });
        pages.push(page.items.map((i) => i.id));
        cursor = page.next;
      } while (cursor);
      return pages;
    };
    assert.deepEqual(await walk(2), [
      [F.id, E.id],
      [D.id, C.id],
      [B.id, A.id],
    ]);
    assert.deepEqual(await walk(4), [
      [F.id, E.id, D.id, C.id],
      [B.id, A.id],
    ]);
    assert.deepEqual(await walk(1, { status: ['investigating'] }), [[F.id], [E.id], [D.id], [A.id]]);
    assert.equal((await listIncidents(h.read, { filter: {}, limit: 6 })).next, null, 'exactly full: no next page');
    assert.equal((await listIncidents(h.read, { filter: {}, limit: 0 })).items.length, 1, 'limit at least 1');

    const first = await listIncidents(h.read, { filter: {}, limit: 2 });
    assert.deepEqual(first.next, { reportedAt: E.reportedAt, id: E.id });
    h.clock.advance(60_000);
    const G = await declare(h, { title: 'Declared while paging' });
    const second = await listIncidents(h.read, { filter: {}, limit: 2, after: first.next });
    assert.deepEqual(
      second.items.map((i) => i.id),
      [D.id, C.id],
      'a newer incident does not shift later pages',
    );
    assert.equal((await ids({}))[0], G.id);
  });
});
