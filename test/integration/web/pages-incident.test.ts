// The incident page over real HTTP: facts in the time zone, Slack text rendered through the
// allow-list with names for mentions, the timeline oldest first (hidden entries on request), actions,
// and the 404 page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { userActor } from '../../../src/domain/index.ts';
import { slackChannels } from '../../../src/storage/schema.ts';
import { addAction } from '../../../src/usecases/add-action.ts';
import { addTimelineEntry } from '../../../src/usecases/add-timeline-entry.ts';
import { hideTimelineEntry } from '../../../src/usecases/hide-timeline-entry.ts';
import { resolveIncident } from '../../../src/usecases/resolve-incident.ts';
import { setSeverity } from '../../../src/usecases/set-severity.ts';
import { pageText, section, tableRows } from '../../support/page-client.ts';
import { ALICE, type PageService, startPageService } from '../../support/page-service.ts';

const CAROL = userActor('U0CAROL');
const MINUTE = 60_000;

describe('incident page', () => {
  let p: PageService;
  let id: number;
  let hiddenEntry: number;

  before(async () => {
    p = await startPageService();
    const { service } = p;
    await p.people({ U0ALICE: 'Alice Adams', U0BOB: 'Bob Brown', U0CAROL: 'Carol Chen' });
    // Reported 2 March 2026 10:00 UTC; it started 20 minutes earlier.
    id = await p.declare({
      title: 'Payments <b>down</b>',
      summary: '*Card* payments _failing_ for <@U0BOB>, see <https://status.example.com|the status page>',
      impact: 'Customers cannot pay. Do not <javascript:alert(1)|click me>; <script>alert(1)</script>',
      leadId: 'U0BOB',
      startedAt: new Date('2026-03-02T09:40:00Z'),
    });
    await service.db.db.insert(slackChannels).values({ incidentId: id, channelId: 'C0PAY', name: 'inc-1-payments' });
    service.clock.advance(5 * MINUTE);
    await addTimelineEntry(service.write, {
      incidentId: id,
      source: 'pin',
      text: 'Error rate at 40% on `payments-api` &lt;- see graph',
      actor: ALICE,
      authorId: 'U0CAROL',
      slack: {
        channelId: 'C0PAY',
        ts: '1772445900.000100',
        permalink: 'https://example.slack.com/archives/C0PAY/p1772445900000100',
      },
    });
    service.clock.advance(5 * MINUTE);
    await setSeverity(service.write, { incidentId: id, severity: 'critical', actor: CAROL });
    service.clock.advance(5 * MINUTE);
    const { value } = await addTimelineEntry(service.write, {
      incidentId: id,
      source: 'manual',
      text: 'Wrong guess about the database',
      actor: ALICE,
    });
    hiddenEntry = value.entry.id;
    await hideTimelineEntry(service.write, {
      incidentId: id,
      target: { entryId: hiddenEntry },
      hidden: true,
      actor: ALICE,
    });
    await addAction(service.write, {
      incidentId: id,
      text: 'Add an alert on *card* failures',
      ownerId: 'U0CAROL',
      dueAt: new Date('2026-03-20T00:00:00Z'),
      actor: ALICE,
    });
    service.clock.advance(45 * MINUTE);
    await resolveIncident(service.write, { incidentId: id, actor: ALICE });
  });
  after(() => p.stop());

  it('shows the title as text in the heading and the page title', async () => {
    const { status, html } = await p.browser.get(`/incidents/${id}`);
    assert.equal(status, 200);
    assert.match(html, /<h1 class="govuk-heading-l">Payments &lt;b&gt;down&lt;\/b&gt;<\/h1>/);
    assert.match(html, /<title>Incident \d+: Payments &lt;b&gt;down&lt;\/b&gt; – Incident Bot<\/title>/);
  });

  it('renders summary and impact from Slack formatting, mentions as names, unsafe parts as text', async () => {
    const { html } = await p.browser.get(`/incidents/${id}`);
    const summary = section(html, 'id="summary-text"', '</div>');
    assert.match(
      summary,
      /<strong>Card<\/strong> payments <em>failing<\/em> for <span class="app-mention">@Bob Brown<\/span>/,
    );
    assert.match(
      summary,
      /<a class="govuk-link" href="https:\/\/status.example.com\/" rel="noopener noreferrer nofollow">the status page<\/a>/,
    );
    const impact = section(html, 'id="impact-text"', '</div>');
    assert.equal(pageText(impact), 'Customers cannot pay. Do not click me; <script>alert(1)</script>');
    assert.doesNotMatch(html, /javascript:|<script>alert/);
  });

  it('lists the facts: people, times with the time zone, duration and the Slack channel', async () => {
    const text = pageText((await p.browser.get(`/incidents/${id}`)).html);
    for (const fact of [
      'Status Resolved Change status',
      'Severity Critical Change severity',
      'Kind Live',
      'Lead Bob Brown Change lead',
      'Reporter Alice Adams',
      'Participants Alice Adams, Carol Chen',
      'Reported 2 Mar 2026, 10:00 GMT',
      'Started 2 Mar 2026, 09:40 GMT',
      'Resolved 2 Mar 2026, 11:00 GMT',
      'Duration 1 hr 20 mins',
      'Slack channel #inc-1-payments',
    ]) {
      assert.ok(text.includes(fact), `the page says "${fact}"`);
    }
    assert.match(
      (await p.browser.get(`/incidents/${id}`)).html,
      /href="https:\/\/slack.com\/app_redirect\?channel=C0PAY">#inc-1-payments<\/a>/,
    );
  });

  it('shows the timeline oldest first with time, author, source and a link to Slack', async () => {
    const { html } = await p.browser.get(`/incidents/${id}`);
    const timeline = section(html, 'class="app-timeline"', '</ol>');
    const entries = [...timeline.matchAll(/<li class="app-timeline__entry[\s\S]*?<\/li>/g)].map((m) => pageText(m[0]));
    assert.deepEqual(
      entries.map((entry) => entry.replace(/ View in Slack.*| Hide the entry.*| Edit or hide.*/, '')),
      [
        '2 Mar 2026, 10:05 GMT, Carol Chen Pinned Error rate at 40% on payments-api <- see graph',
        '2 Mar 2026, 10:10 GMT, Carol Chen Change Severity changed from Major to Critical by @Carol Chen',
        '2 Mar 2026, 11:00 GMT, Alice Adams Change Status changed from Investigating to Resolved by @Alice Adams',
      ],
    );
    assert.match(timeline, /<code class="app-mrkdwn__code">payments-api<\/code>/);
    assert.match(timeline, /href="https:\/\/example.slack.com\/archives\/C0PAY\/p1772445900000100"/);
  });

  it('leaves hidden entries out, says how many, and shows them marked on request', async () => {
    const plain = await p.browser.get(`/incidents/${id}`);
    assert.doesNotMatch(plain.html, /Wrong guess about the database/);
    assert.match(pageText(plain.html), /1 hidden entry is left out\. Show hidden entries/);
    const all = await p.browser.get(`/incidents/${id}?hidden=include`);
    const entry = section(all.html, `id="entry-${hiddenEntry}"`, '</li>');
    assert.match(pageText(entry), /Alice Adams Note Hidden/);
    assert.match(pageText(entry), /Wrong guess about the database/);
  });

  it('lists the follow-up actions with owner, due date and progress', async () => {
    const rows = tableRows((await p.browser.get(`/incidents/${id}`)).html, 'Follow-up actions of incident');
    assert.deepEqual(rows[1]?.slice(0, 4), ['Add an alert on card failures', 'Carol Chen', '20 Mar 2026', 'To do']);
  });

  it('answers an unknown incident with the 404 page, in HTML', async () => {
    for (const path of ['/incidents/999', '/incidents/abc', '/incidents/999/report', '/incidents/1/timeline/999']) {
      const page = await p.browser.get(path);
      assert.equal(page.status, 404, path);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      assert.match(pageText(page.html), /Page not found/);
    }
    assert.match(pageText((await p.browser.get('/incidents/999')).html), /There is no incident 999\./);
  });
});
