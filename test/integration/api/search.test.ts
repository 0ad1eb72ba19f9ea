// Searching the incident list over HTTP: title, summary and the visible timeline, websearch syntax,
// prefix matching while typing, combined with filters and pages; no input makes it fail.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { userActor } from '../../../src/domain/index.ts';
import { addTimelineEntry, declareIncident, hideTimelineEntry, resolveIncident } from '../../../src/usecases/index.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';
import { openApiClient, problemOf } from './openapi-client.ts';

type IncidentList = { items: { id: number; title: string }[]; nextCursor: string | null };

describe('API v1: searching incidents', () => {
  let svc: TestService;
  let api: Awaited<ReturnType<typeof openApiClient>>;
  let payments: number;
  let search: number;
  let login: number;
  let kafka: number;

  before(async () => {
    svc = await startTestService();
    api = await openApiClient(svc);
    const alice = userActor('U0ALICE01');
    const declare = async (title: string, summary: string | null = null) => {
      svc.clock.advance(60_000);
      return (await declareIncident(svc.write, { draft: { title, summary }, actor: alice })).value.incident.id;
    };
    const note = async (incidentId: number, text: string) =>
      (await addTimelineEntry(svc.write, { incidentId, source: 'manual', text, actor: alice })).value.entry;

    payments = await declare('Payments API returning 500s', 'Card payments fail at checkout');
    await note(payments, 'Payments recovered after the rollback');
    search = await declare('Search is slow');
    await note(search, 'Elasticsearch cluster ran out of heap');
    const typo = await note(search, 'Unrelated note posted here by mistake');
    await hideTimelineEntry(svc.write, {
      incidentId: search,
      target: { entryId: typo.id },
      hidden: true,
      actor: alice,
    });
    login = await declare('Login errors 50% of the time', 'A back\\slash in the redirect path');
    kafka = await declare('Kafka consumer lag');
    await note(kafka, 'Payments backlog drained');
    await resolveIncident(svc.write, { incidentId: kafka, actor: alice });
  });
  after(() => svc.stop());

  const ids = async (query: string) => {
    const response = await api.get<IncidentList>(`/incidents?${query}`);
    assert.equal(response.status, 200, query);
    return response.body.items.map((i) => i.id);
  };
  const q = (text: string) => `q=${encodeURIComponent(text)}`;

  it('finds words in the title, the summary and the timeline, newest first, each incident once', async () => {
    assert.deepEqual(await ids(q('checkout')), [payments], 'summary');
    assert.deepEqual(await ids(q('ELASTICSEARCH')), [search], 'timeline, any case');
    assert.deepEqual(await ids(q('payments')), [kafka, payments], 'title and timeline; once each');
    assert.deepEqual(await ids(q('slow search')), [search], 'all words, any order');
    assert.deepEqual(await ids(q('nothing matches this')), []);
  });

  it('does not find words that are only in hidden timeline entries', async () => {
    assert.deepEqual(await ids(q('unrelated')), []);
  });

  it('matches the last word as a prefix, so results come while typing', async () => {
    assert.deepEqual(await ids(q('paym')), [kafka, payments]);
    assert.deepEqual(await ids(q('elastic')), [search]);
    assert.deepEqual(await ids(q('paym api')), [], 'only the last word is a prefix');
    assert.deepEqual(await ids(q('payments ap')), [payments]);
  });

  it('understands "phrases", or and -exclusions', async () => {
    assert.deepEqual(await ids(q('"payments api"')), [payments]);
    assert.deepEqual(await ids(q('"api payments"')), []);
    assert.deepEqual(await ids(q('kafka or login')), [kafka, login]);
    assert.deepEqual(await ids(q('payments -kafka')), [payments], 'excluded by its title, whatever its timeline says');
    assert.deepEqual(await ids(q('payments -rollback')), [kafka], 'excluded by a timeline entry');
    assert.deepEqual(await ids(q('-payments -search')), [login]);
  });

  it('combines with filters and pages with the cursor', async () => {
    assert.deepEqual(await ids(`${q('payments')}&status=resolved`), [kafka]);
    assert.deepEqual(await ids(`${q('payments')}&status=investigating`), [payments]);
    const first = await api.get<IncidentList>(`/incidents?${q('paym')}&limit=1`);
    assert.deepEqual(
      first.body.items.map((i) => i.id),
      [kafka],
    );
    assert.ok(first.body.nextCursor);
    const second = await api.get<IncidentList>(`/incidents?${q('paym')}&limit=1&cursor=${first.body.nextCursor}`);
    assert.deepEqual(
      second.body.items.map((i) => i.id),
      [payments],
    );
    assert.equal(second.body.nextCursor, null);
  });

  it('never fails on punctuation, quotes, backslashes or search syntax typed by people', async () => {
    assert.deepEqual(await ids(q('50%')), [login]);
    assert.deepEqual(await ids(q('back\\slash')), [login]);
    for (const text of [
      '%',
      '%_',
      '\\',
      "it's",
      '"unbalanced',
      'a:*',
      "!&|()<->:*'",
      "'; drop table incidents; --",
      '-',
      'or',
    ]) {
      await ids(q(text));
    }
    assert.deepEqual(await ids(q('   ')), await ids(''), 'a blank search filters nothing');
    const long = await api.get(`/incidents?${q('x'.repeat(201))}`);
    assert.equal(long.status, 400);
    assert.equal(problemOf(long).parameter, 'q');
  });
});
