// The insights page over real HTTP on a known data set: the numbers in each chart's table, the
// charts as SVG with titles, the period form and its mistakes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { errorSummary, pageText, tableRows } from '../../support/page-client.ts';
import { INSIGHTS_START, seedInsights } from '../../support/page-insights.ts';
import { type PageService, startPageService } from '../../support/page-service.ts';

describe('insights page', () => {
  let p: PageService;
  const period = '/insights?from=2026-03-02&to=2026-03-15';

  before(async () => {
    p = await startPageService();
    p.service.clock.advance(INSIGHTS_START.getTime() - p.service.clock.now().getTime());
    // The service's clock already sits at 2 March 10:00; this data set starts the evening before.
    await seedInsights({ ...p.service.write, clock: p.service.clock }, p.service.clock);
  });
  after(() => p.stop());

  it('counts incidents per week by severity, in a table beside the chart', async () => {
    const page = await p.browser.get(period);
    assert.equal(page.status, 200);
    assert.match(
      pageText(page.html),
      /Incidents reported from 2 Mar 2026 to 15 Mar 2026 \(Europe\/London\): 7 in all\./,
    );
    assert.deepEqual(tableRows(page.html, 'Incidents reported per week, by severity (weeks'), [
      ['Week starting', 'Critical', 'Major', 'Minor', 'Trivial', 'Not set', 'Total'],
      ['2 Mar 2026', '3', '1', '0', '0', '1', '5'],
      ['9 Mar 2026', '0', '0', '1', '1', '0', '2'],
    ]);
  });

  it('gives the time to resolve, p50 and p90, per severity', async () => {
    const rows = tableRows((await p.browser.get(period)).html, 'Time to resolve, by severity');
    assert.deepEqual(rows, [
      ['Severity', 'Resolved incidents', 'Median (p50)', '90th percentile (p90)'],
      ['Critical', '3', '3 hrs', '4 hrs 36 mins'],
      ['Major', '0', 'No data', 'No data'],
      ['Minor', '1', '30 mins', '30 mins'],
      ['Trivial', '0', 'No data', 'No data'],
      ['Not set', '0', 'No data', 'No data'],
      ['All incidents', '4', '2 hrs', '4 hrs 24 mins'],
    ]);
  });

  it('gives the time to first lead, with the incidents that never had one', async () => {
    const rows = tableRows((await p.browser.get(period)).html, 'Time to first lead, by severity');
    assert.deepEqual(rows[1], ['Critical', '3', '0', '10 mins', '26 mins']);
    assert.deepEqual(rows[2], ['Major', '0', '1', 'No data', 'No data']);
    assert.deepEqual(rows.at(-1), ['All incidents', '4', '2', '6 mins', '24 mins']);
  });

  it('draws each chart as an SVG image with a title, with no script and no inline style', async () => {
    const { html } = await p.browser.get(period);
    const charts = [...html.matchAll(/<svg class="app-chart"[\s\S]*?<\/svg>/g)].map((m) => m[0]);
    assert.equal(charts.length, 3);
    for (const chart of charts) {
      assert.match(chart, /role="img" aria-labelledby="chart-\w+-title chart-\w+-desc"/);
      assert.doesNotMatch(chart, /style=|<script/);
    }
    // Week of 2 March: three critical incidents, drawn as one segment with its own tooltip.
    assert.match(charts[0] ?? '', /<title>2 Mar: 3 Critical<\/title>/);
    assert.match(charts[1] ?? '', /<title>Critical p90: 4.6<\/title>/, 'hours, as the axis says');
  });

  it('shows the last 12 weeks when no period is chosen', async () => {
    // The clock is at Monday 16 March 2026, 12:00: 12 weeks back is the week of 29 December 2025.
    const page = await p.browser.get('/insights');
    assert.match(pageText(page.html), /from 29 Dec 2025 to 16 Mar 2026/);
    assert.equal(tableRows(page.html, 'Incidents reported per week').length, 1 + 12);
  });

  it('names a wrong period and shows the default one instead', async () => {
    const backwards = await p.browser.get('/insights?from=2026-03-15&to=2026-03-02');
    assert.equal(backwards.status, 400);
    assert.deepEqual(errorSummary(backwards.html), ['to: The end date must be the same as or after the start date']);
    assert.match(backwards.html, /id="from" name="from" type="date" value="2026-03-15"/);
    const nonsense = await p.browser.get('/insights?from=yesterday');
    assert.deepEqual(errorSummary(nonsense.html), ['from: Enter a real start date, for example 2026-01-05']);
    const long = await p.browser.get('/insights?from=2020-01-01&to=2026-03-01');
    assert.deepEqual(errorSummary(long.html), ['from: Choose a period of two years or less']);
  });
});
