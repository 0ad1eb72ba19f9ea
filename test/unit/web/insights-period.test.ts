// The insights period in weeks: Mondays, empty weeks as zeros, and the default of 12 weeks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mondayOf, weekRows, weeksBetween } from '../../../src/usecases/get-insights.ts';
import { defaultPeriod } from '../../../src/web/routes/pages/insights.ts';

describe('insights weeks', () => {
  it('finds the Monday of any day', () => {
    assert.equal(mondayOf('2026-03-02'), '2026-03-02');
    assert.equal(mondayOf('2026-03-08'), '2026-03-02', 'Sunday belongs to the week before');
    assert.equal(mondayOf('2026-01-01'), '2025-12-29');
  });

  it('lists every week touching the period', () => {
    assert.deepEqual(weeksBetween('2026-03-04', '2026-03-16'), ['2026-03-02', '2026-03-09', '2026-03-16']);
    assert.deepEqual(weeksBetween('2026-03-02', '2026-03-02'), ['2026-03-02']);
  });

  it('lays counts out per week with zeros where nothing happened', () => {
    const rows = weekRows({ from: '2026-03-02', to: '2026-03-22' }, [
      { week: '2026-03-02', severity: 'critical', count: 2 },
      { week: '2026-03-16', severity: 'none', count: 1 },
      { week: '2026-03-16', severity: 'minor', count: 3 },
    ]);
    assert.deepEqual(
      rows.map((row) => [row.week, row.counts.critical, row.counts.minor, row.counts.none, row.total]),
      [
        ['2026-03-02', 2, 0, 0, 2],
        ['2026-03-09', 0, 0, 0, 0],
        ['2026-03-16', 0, 3, 1, 4],
      ],
    );
  });

  it('defaults to twelve weeks: this one and the eleven before', () => {
    const period = defaultPeriod('2026-03-18');
    assert.deepEqual(period, { from: '2025-12-29', to: '2026-03-18' });
    assert.equal(weeksBetween(period.from, period.to).length, 12);
  });
});
