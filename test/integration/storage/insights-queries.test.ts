// The insights aggregates (createInsightsQueries) on a known data set: weeks in the time zone,
// percentiles as PostgreSQL's percentile_cont, the first lead from the event log.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createInsightsQueries } from '../../../src/storage/insights-queries.ts';
import { getInsights } from '../../../src/usecases/get-insights.ts';
import type { InsightsQueries } from '../../../src/usecases/ports-insights.ts';
import { fixedClock } from '../../support/database.ts';
import { INSIGHTS_PERIOD, INSIGHTS_START, seedInsights } from '../../support/page-insights.ts';
import { type Harness, openHarness } from '../../support/storage-harness.ts';

const MIN = 60;
const HOUR = 3_600;

describe('insights queries', () => {
  let h: Harness;
  let insights: InsightsQueries;

  before(async () => {
    h = await openHarness();
    const clock = fixedClock(INSIGHTS_START);
    await seedInsights({ ...h.write, clock }, clock);
    insights = createInsightsQueries(h.db);
  });
  after(() => h.dispose());

  it('counts incidents per local week and severity, inside the period only', async () => {
    assert.deepEqual(await insights.weeklyCounts(INSIGHTS_PERIOD), [
      { week: '2026-03-02', severity: 'critical', count: 3 },
      { week: '2026-03-02', severity: 'major', count: 1 },
      { week: '2026-03-02', severity: 'none', count: 1 },
      { week: '2026-03-09', severity: 'minor', count: 1 },
      { week: '2026-03-09', severity: 'trivial', count: 1 },
    ]);
  });

  it('buckets by the weeks of the configured time zone', async () => {
    // 15 Mar 23:30 UTC is already Monday 16 Mar in Helsinki (UTC+2): outside the period there.
    const helsinki = await insights.weeklyCounts({ ...INSIGHTS_PERIOD, timezone: 'Europe/Helsinki' });
    assert.equal(
      helsinki.find((row) => row.severity === 'trivial'),
      undefined,
    );
    // …and 1 Mar 23:30 UTC is Monday 2 Mar 01:30 there: inside, in the first week.
    assert.equal(helsinki.find((row) => row.severity === 'critical')?.count, 4);
  });

  it('gives p50 and p90 of start-to-resolution per severity and overall', async () => {
    const stats = await insights.timeToResolve(INSIGHTS_PERIOD);
    const by = Object.fromEntries(stats.map((s) => [s.severity, s]));
    // Critical: 1 h, 3 h, 5 h → median 3 h; p90 interpolates 3 h + 0.8 × 2 h.
    assert.deepEqual(by.critical, { severity: 'critical', count: 3, p50Seconds: 3 * HOUR, p90Seconds: 4.6 * HOUR });
    assert.deepEqual(by.minor, { severity: 'minor', count: 1, p50Seconds: 30 * MIN, p90Seconds: 30 * MIN });
    // All four: 0.5 h, 1 h, 3 h, 5 h → p50 2 h, p90 3 h + 0.7 × 2 h.
    assert.equal(by.all?.count, 4);
    assert.equal(by.all?.p50Seconds, 2 * HOUR);
    assert.ok(Math.abs((by.all?.p90Seconds ?? 0) - 4.4 * HOUR) < 1e-6);
    assert.equal(by.major, undefined, 'no resolved major incident');
  });

  it('measures report to first lead for live incidents, counting those that never had one', async () => {
    const stats = await insights.timeToFirstLead(INSIGHTS_PERIOD);
    const by = Object.fromEntries(stats.map((s) => [s.severity, s]));
    // Critical: 0 (declared with a lead), 10 min, 30 min (the later change does not count).
    assert.deepEqual(by.critical, {
      severity: 'critical',
      count: 3,
      withoutLead: 0,
      p50Seconds: 10 * MIN,
      p90Seconds: 26 * MIN,
    });
    assert.deepEqual(by.major, { severity: 'major', count: 0, withoutLead: 1, p50Seconds: null, p90Seconds: null });
    assert.equal(by.none, undefined, 'the report of a past incident is left out');
    // All live: 0, 2, 10, 30 min led; D and G never.
    assert.equal(by.all?.count, 4);
    assert.equal(by.all?.withoutLead, 2);
    assert.equal(by.all?.p50Seconds, 6 * MIN);
    assert.ok(Math.abs((by.all?.p90Seconds ?? 0) - 24 * MIN) < 1e-6);
  });

  it('fills weeks without incidents with zeros and orders the severities (getInsights)', async () => {
    const result = await getInsights({ insights }, { from: '2026-02-23', to: '2026-03-15', timezone: 'Europe/London' });
    assert.deepEqual(
      result.weeks.map((w) => [w.week, w.total]),
      [
        ['2026-02-23', 1],
        ['2026-03-02', 5],
        ['2026-03-09', 2],
      ],
    );
    assert.equal(result.total, 8);
    assert.deepEqual(
      result.timeToResolve.map((s) => s.severity),
      ['critical', 'major', 'minor', 'trivial', 'none', 'all'],
    );
    assert.equal(result.timeToResolve[1]?.p50Seconds, null);
  });
});
