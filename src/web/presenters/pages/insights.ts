// The insights page: three charts, each with the table of the numbers it draws.
import { severityLabel } from '../../../domain/index.ts';
import { type Insights, SEVERITY_KEYS } from '../../../usecases/get-insights.ts';
import type { DurationStats, SeverityKey } from '../../../usecases/ports-insights.ts';
import { groupedBarChart } from '../../charts/grouped-bars.ts';
import { durationUnit } from '../../charts/scale.ts';
import { stackedBarChart } from '../../charts/stacked-bars.ts';
import { type SafeHtml, safeHtml } from '../../render/templates.ts';
import { formatDuration } from './time.ts';

/** Chart colours per severity, each at least 3:1 against white; the legend and tables carry the words. */
export const SEVERITY_COLOURS: Readonly<Record<SeverityKey, string>> = {
  critical: '#d4351c',
  major: '#912b88',
  minor: '#1d70b8',
  trivial: '#00703c',
  none: '#505a5f',
};

const PERCENTILE_COLOURS = { p50: '#1d70b8', p90: '#003078' } as const;

/** A cell for govukTable. */
interface Cell {
  readonly text: string;
  readonly format?: 'numeric';
}

/** A chart with its accessible twin. */
export interface ChartWithTable {
  readonly chart: SafeHtml;
  readonly head: readonly Cell[];
  readonly rows: readonly (readonly Cell[])[];
  readonly legend: readonly { readonly label: string; readonly swatch: string }[];
}

const keyLabel = (key: SeverityKey | 'all'): string =>
  key === 'all' ? 'All incidents' : key === 'none' ? 'Not set' : severityLabel(key);

/** A local date (YYYY-MM-DD) in words; the date is already local, so no zone conversion. */
const civilDate = (date: string, options: Intl.DateTimeFormatOptions): string =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', ...options }).format(new Date(`${date}T00:00:00Z`));

/** "2 Mar 2026". */
export const dateWords = (date: string): string => civilDate(date, { day: 'numeric', month: 'short', year: 'numeric' });

const num = (value: number): Cell => ({ text: String(value), format: 'numeric' });
const duration = (seconds: number | null): Cell => ({
  text: seconds === null ? 'No data' : formatDuration(seconds * 1000),
  format: 'numeric',
});

const weekly = (insights: Insights): ChartWithTable => {
  const chart = stackedBarChart({
    id: 'chart-weekly',
    title: 'Incidents reported per week, by severity',
    description: `${insights.total} incidents over ${insights.weeks.length} weeks. The table after the chart lists every number.`,
    categories: insights.weeks.map((week) => civilDate(week.week, { day: 'numeric', month: 'short' })),
    series: SEVERITY_KEYS.map((key) => ({
      label: keyLabel(key),
      colour: SEVERITY_COLOURS[key],
      values: insights.weeks.map((week) => week.counts[key]),
    })),
    yAxisLabel: 'Incidents',
  });
  return {
    chart: safeHtml(chart),
    head: [
      { text: 'Week starting' },
      ...SEVERITY_KEYS.map((key) => ({ text: keyLabel(key), format: 'numeric' as const })),
      { text: 'Total', format: 'numeric' },
    ],
    rows: insights.weeks.map((week) => [
      { text: dateWords(week.week) },
      ...SEVERITY_KEYS.map((key) => num(week.counts[key])),
      num(week.total),
    ]),
    legend: SEVERITY_KEYS.map((key) => ({ label: keyLabel(key), swatch: `app-swatch--${key}` })),
  };
};

const percentileChart = (
  id: string,
  title: string,
  what: string,
  stats: readonly DurationStats[],
): { chart: SafeHtml; legend: ChartWithTable['legend'] } => {
  const unit = durationUnit(Math.max(0, ...stats.map((s) => s.p90Seconds ?? 0)));
  const inUnit = (seconds: number | null) => (seconds === null ? null : seconds / unit.seconds);
  const chart = groupedBarChart({
    id,
    title,
    description: `Median (p50) and 90th percentile (p90) ${what} per severity, in ${unit.name}. The table after the chart lists every number.`,
    groups: stats.map((s) => ({ label: keyLabel(s.severity), values: [inUnit(s.p50Seconds), inUnit(s.p90Seconds)] })),
    series: [
      { label: 'p50', colour: PERCENTILE_COLOURS.p50 },
      { label: 'p90', colour: PERCENTILE_COLOURS.p90 },
    ],
    xAxisLabel: unit.name[0]?.toUpperCase() + unit.name.slice(1),
  });
  return {
    chart: safeHtml(chart),
    legend: [
      { label: 'Median (p50)', swatch: 'app-swatch--p50' },
      { label: '90th percentile (p90)', swatch: 'app-swatch--p90' },
    ],
  };
};

/** Everything the insights page shows. */
export const insightsPage = (insights: Insights) => ({
  from: dateWords(insights.period.from),
  to: dateWords(insights.period.to),
  total: insights.total,
  weekly: weekly(insights),
  resolve: {
    ...percentileChart(
      'chart-resolve',
      'Time to resolve, by severity',
      'time from start to resolution',
      insights.timeToResolve,
    ),
    head: [
      { text: 'Severity' },
      { text: 'Resolved incidents', format: 'numeric' },
      { text: 'Median (p50)', format: 'numeric' },
      { text: '90th percentile (p90)', format: 'numeric' },
    ],
    rows: insights.timeToResolve.map((s) => [
      { text: keyLabel(s.severity) },
      num(s.count),
      duration(s.p50Seconds),
      duration(s.p90Seconds),
    ]),
  } satisfies ChartWithTable,
  lead: {
    ...percentileChart(
      'chart-lead',
      'Time to first lead, by severity',
      'time from report to the first lead',
      insights.timeToFirstLead,
    ),
    head: [
      { text: 'Severity' },
      { text: 'Incidents with a lead', format: 'numeric' },
      { text: 'Never had a lead', format: 'numeric' },
      { text: 'Median (p50)', format: 'numeric' },
      { text: '90th percentile (p90)', format: 'numeric' },
    ],
    rows: insights.timeToFirstLead.map((s) => [
      { text: keyLabel(s.severity) },
      num(s.count),
      num(s.withoutLead),
      duration(s.p50Seconds),
      duration(s.p90Seconds),
    ]),
  } satisfies ChartWithTable,
});
