import { SEVERITIES } from '../domain/index.ts';
import type {
  DurationStats,
  InsightsDeps,
  InsightsPeriod,
  LeadStats,
  SeverityKey,
  WeeklyCount,
} from './ports-insights.ts';

/** Every severity key in display order, most severe first, unjudged last. */
export const SEVERITY_KEYS: readonly SeverityKey[] = [...SEVERITIES, 'none'];

/** One week's incidents by severity. */
export interface WeekRow {
  /** The local Monday the week starts on (YYYY-MM-DD). */
  readonly week: string;
  readonly counts: Readonly<Record<SeverityKey, number>>;
  readonly total: number;
}

/** Everything the insights page shows for a period. */
export interface Insights {
  readonly period: InsightsPeriod;
  /** Every week touching the period, in order, weeks without incidents included (as zeros). */
  readonly weeks: readonly WeekRow[];
  readonly total: number;
  /** One row per severity key (in SEVERITY_KEYS order), then `all`. */
  readonly timeToResolve: readonly DurationStats[];
  readonly timeToFirstLead: readonly LeadStats[];
}

const DAY_MS = 86_400_000;

/** A local date as a UTC midnight, for calendar arithmetic that no time zone can disturb. */
const civil = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const civilDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The Monday on or before a local date. */
export const mondayOf = (date: string): string => {
  const ms = civil(date);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return civilDate(ms - weekday * DAY_MS);
};

/** The Mondays of every week from the one holding `from` to the one holding `to`. */
export const weeksBetween = (from: string, to: string): string[] => {
  const weeks: string[] = [];
  for (let ms = civil(mondayOf(from)); ms <= civil(to); ms += 7 * DAY_MS) weeks.push(civilDate(ms));
  return weeks;
};

const zeros = (): Record<SeverityKey, number> =>
  Object.fromEntries(SEVERITY_KEYS.map((key) => [key, 0])) as Record<SeverityKey, number>;

/** Lays the counts out week by week, with zeros where nothing happened. */
export const weekRows = (period: Pick<InsightsPeriod, 'from' | 'to'>, counts: readonly WeeklyCount[]): WeekRow[] => {
  const byWeek = new Map(weeksBetween(period.from, period.to).map((week) => [week, zeros()]));
  for (const { week, severity, count } of counts) {
    const row = byWeek.get(week);
    if (row) row[severity] += count;
  }
  return [...byWeek].map(([week, counts]) => ({
    week,
    counts,
    total: SEVERITY_KEYS.reduce((sum, key) => sum + counts[key], 0),
  }));
};

/** Puts stats in SEVERITY_KEYS order then `all`, filling groups without incidents with empty stats. */
const ordered = <T extends DurationStats>(stats: readonly T[], empty: (key: SeverityKey | 'all') => T): T[] =>
  [...SEVERITY_KEYS, 'all' as const].map((key) => stats.find((s) => s.severity === key) ?? empty(key));

/** The insights for a period: incidents per week by severity, time to resolve and time to first lead. */
export const getInsights = async ({ insights }: InsightsDeps, period: InsightsPeriod): Promise<Insights> => {
  const [counts, resolve, lead] = await Promise.all([
    insights.weeklyCounts(period),
    insights.timeToResolve(period),
    insights.timeToFirstLead(period),
  ]);
  const weeks = weekRows(period, counts);
  return {
    period,
    weeks,
    total: weeks.reduce((sum, week) => sum + week.total, 0),
    timeToResolve: ordered(resolve, (severity) => ({ severity, count: 0, p50Seconds: null, p90Seconds: null })),
    timeToFirstLead: ordered(lead, (severity) => ({
      severity,
      count: 0,
      p50Seconds: null,
      p90Seconds: null,
      withoutLead: 0,
    })),
  };
};
