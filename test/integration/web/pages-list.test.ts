// The incident list page over real HTTP: open incidents first, filters, search, pagination, and
// titles shown as text whatever they contain.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resolveIncident } from '../../../src/usecases/resolve-incident.ts';
import { setLead } from '../../../src/usecases/set-lead.ts';
import { errorSummary, incidentIds, pageText, section, tableRows } from '../../support/page-client.ts';
import { ALICE, type PageService, startPageService } from '../../support/page-service.ts';

const HOUR = 3_600_000;
const open = (html: string) => incidentIds(section(html, 'Open incidents', '</table>'));
const resolved = (html: string) => incidentIds(section(html, 'Resolved incidents', '</table>'));

describe('incident list page', () => {
  let p: PageService;
  const ids: Record<string, number> = {};

  before(async () => {
    p = await startPageService();
    const { service } = p;
    await p.people({ U0BOB: 'Bob Brown' });
    // Monday 2 March 2026, 10:00 UTC (GMT): one incident an hour, alternating resolved and open.
    ids.oldResolved = await p.declare({ title: 'Checkout timeouts', severity: 'critical' });
    await resolveIncident(service.write, { incidentId: ids.oldResolved, actor: ALICE });
    service.clock.advance(HOUR);
    ids.oldOpen = await p.declare({ title: 'Search slow for some users', severity: 'minor', kind: 'report' });
    service.clock.advance(HOUR);
    ids.newResolved = await p.declare({ title: 'Login errors after deploy', severity: 'major' });
    await resolveIncident(service.write, { incidentId: ids.newResolved, actor: ALICE });
    service.clock.advance(HOUR);
    ids.newOpen = await p.declare({
      title: '<script>alert(1)</script><img src=x onerror=alert(2)>',
      severity: null,
      summary: 'Card payments failing at checkout',
    });
    await setLead(service.write, { incidentId: ids.newOpen, leadId: 'U0BOB', actor: ALICE });
    // A week later (9 March, 13:00 UTC): one more open incident.
    service.clock.advance(7 * 24 * HOUR);
    ids.nextWeek = await p.declare({ title: 'Webhooks delayed', severity: 'trivial' });
    service.clock.advance(30 * 60_000);
  });
  after(() => p.stop());

  it('lists open incidents first, then resolved ones, each newest first', async () => {
    const page = await p.browser.get('/');
    assert.equal(page.status, 200);
    assert.deepEqual(open(page.html), [ids.nextWeek, ids.newOpen, ids.oldOpen]);
    assert.deepEqual(resolved(page.html), [ids.newResolved, ids.oldResolved]);
    assert.ok(page.html.indexOf('Open incidents') < page.html.indexOf('Resolved incidents'));
  });

  it('shows each row with its id, title, tags, lead, start in the time zone and duration', async () => {
    const rows = tableRows((await p.browser.get('/')).html, 'Open incidents');
    assert.deepEqual(rows[0], ['ID', 'Title', 'Status', 'Severity', 'Lead', 'Started', 'Duration']);
    const row = rows.find((cells) => cells[0] === String(ids.newOpen));
    assert.ok(row, 'the row of the incident with a lead');
    assert.deepEqual(row, [
      String(ids.newOpen),
      '<script>alert(1)</script><img src=x onerror=alert(2)>',
      'Investigating',
      'Not set',
      'Bob Brown',
      '2 Mar 2026, 13:00 GMT',
      '7 days',
    ]);
    const summer = rows.find((cells) => cells[0] === String(ids.nextWeek));
    assert.equal(summer?.[5], '9 Mar 2026, 13:00 GMT');
    assert.equal(summer?.[4], 'No lead');
  });

  it('shows a title full of HTML as text: no script element, no image', async () => {
    const { html } = await p.browser.get('/');
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;'));
    assert.doesNotMatch(html, /<script>alert|<img src=x/);
  });

  it('filters by status, severity, kind and reported date, and keeps the choices in the form', async () => {
    const byStatus = await p.browser.get('/?status=resolved');
    assert.deepEqual(open(byStatus.html), []);
    assert.deepEqual(resolved(byStatus.html), [ids.newResolved, ids.oldResolved]);
    assert.match(byStatus.html, /name="status" type="checkbox" value="resolved" checked/);

    const bySeverity = await p.browser.get('/?severity=critical&severity=minor');
    assert.deepEqual([...open(bySeverity.html), ...resolved(bySeverity.html)], [ids.oldOpen, ids.oldResolved]);

    const reports = await p.browser.get('/?kind=report');
    assert.deepEqual([...open(reports.html), ...resolved(reports.html)], [ids.oldOpen]);

    // 9 March only: the incident reported that day, not those of the week before.
    const day = await p.browser.get('/?from=2026-03-09&to=2026-03-09');
    assert.deepEqual([...open(day.html), ...resolved(day.html)], [ids.nextWeek]);
    assert.match(day.html, /value="2026-03-09"/);
    const firstWeek = await p.browser.get('/?from=2026-03-02&to=2026-03-08&status=investigating');
    assert.deepEqual(open(firstWeek.html), [ids.newOpen, ids.oldOpen]);
  });

  it('finds incidents by words from the title', async () => {
    const found = await p.browser.get('/?q=webhooks');
    assert.deepEqual([...open(found.html), ...resolved(found.html)], [ids.nextWeek]);
    assert.match(found.html, /id="q" name="q" type="search" spellcheck="false" value="webhooks"/);
    const none = await p.browser.get('/?q=nothing-like-this');
    assert.match(pageText(none.html), /No incidents match these filters\./);
  });

  it('names a bad filter in the error summary and by the field, and still lists with the good ones', async () => {
    const page = await p.browser.get('/?from=2026-02-30&severity=critical&status=burning');
    assert.equal(page.status, 200);
    assert.deepEqual(errorSummary(page.html), [
      'status: Choose statuses from the list: investigating, identified, monitoring, resolved',
      'from: Enter the start date as a real date',
    ]);
    assert.match(page.html, /<title>Error: Incidents/);
    assert.match(page.html, /id="from-error"/);
    assert.deepEqual([...open(page.html), ...resolved(page.html)], [ids.oldResolved]);

    const backwards = await p.browser.get('/?from=2026-03-09&to=2026-03-02');
    assert.deepEqual(errorSummary(backwards.html), ['to: The end date must be the same as or after the start date']);
  });
});

describe('incident list pagination', () => {
  let p: PageService;
  const openIds: number[] = [];
  const resolvedIds: number[] = [];

  before(async () => {
    p = await startPageService();
    // 27 open and 4 resolved, interleaved in time: more open ones than fit on a page.
    for (let i = 0; i < 31; i++) {
      const id = await p.declare({ title: `Incident number ${i}` });
      if (i % 8 === 3) {
        await resolveIncident(p.service.write, { incidentId: id, actor: ALICE });
        resolvedIds.unshift(id);
      } else {
        openIds.unshift(id);
      }
      p.service.clock.advance(60_000);
    }
  });
  after(() => p.stop());

  it('pages with Next links through open incidents, then resolved ones, each exactly once', async () => {
    assert.equal(openIds.length, 27);
    const first = await p.browser.get('/');
    assert.deepEqual(open(first.html), openIds.slice(0, 25));
    assert.deepEqual(resolved(first.html), []);
    const next = /<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next">/.exec(first.html)?.[1];
    assert.ok(next, 'a Next link on the first page');
    assert.doesNotMatch(first.html, /rel="prev"/);

    const second = await p.browser.get(next.replaceAll('&amp;', '&'));
    assert.equal(second.status, 200);
    assert.deepEqual(open(second.html), openIds.slice(25));
    assert.deepEqual(resolved(second.html), resolvedIds);
    assert.doesNotMatch(second.html, /rel="next"/, 'no Next link on the last page');
    assert.match(second.html, /href="\/" rel="prev"/, 'a link back to the first page');
  });

  it('pages a search the same way: open incidents, then resolved ones, each exactly once', async () => {
    const first = await p.browser.get('/?q=number');
    assert.deepEqual(open(first.html), openIds.slice(0, 25));
    assert.deepEqual(resolved(first.html), []);
    const next = /href="([^"]+)" rel="next"/.exec(first.html)?.[1]?.replaceAll('&amp;', '&');
    assert.ok(next);
    const second = await p.browser.get(next);
    assert.deepEqual(open(second.html), openIds.slice(25));
    assert.deepEqual(resolved(second.html), resolvedIds);
    assert.doesNotMatch(second.html, /rel="next"/);
  });

  it('keeps the filters in the Next link', async () => {
    const first = await p.browser.get('/?q=number&status=investigating');
    const next = /href="([^"]+)" rel="next"/.exec(first.html)?.[1]?.replaceAll('&amp;', '&');
    assert.ok(next);
    assert.match(next, /q=number/);
    assert.match(next, /status=investigating/);
    const second = await p.browser.get(next);
    assert.deepEqual(open(second.html), openIds.slice(25));
    assert.deepEqual(resolved(second.html), []);
  });

  it('treats a broken page link as the first page and says so', async () => {
    const page = await p.browser.get('/?cursor=x.not-a-cursor');
    assert.deepEqual(open(page.html), openIds.slice(0, 25));
    assert.match(errorSummary(page.html).join(), /That page link is broken/);
  });
});
