// What the insights page needs from storage: aggregates over incidents and their event log.
import type { Severity } from '../domain/index.ts';

/** A severity, or `none` for incidents nobody has judged yet. */
export type SeverityKey = Severity | 'none';

/**
 * A period of whole days in a time zone: `from` and `to` are local dates (YYYY-MM-DD), both
 * included. Weeks start on Monday in that zone.
 */
export interface InsightsPeriod {
  readonly from: string;
  readonly to: string;
  readonly timezone: string;
}

/** How many incidents of one severity were reported in the week starting `week` (a local Monday). */
export interface WeeklyCount {
  readonly week: string;
  readonly severity: SeverityKey;
  readonly count: number;
}

/** Percentiles of a duration over a group of incidents; null when the group has none. */
export interface DurationStats {
  /** A severity, or `all` for every incident in the period. */
  readonly severity: SeverityKey | 'all';
  /** Incidents measured (resolved ones for time to resolve, led ones for time to lead). */
  readonly count: number;
  readonly p50Seconds: number | null;
  readonly p90Seconds: number | null;
}

/** Time to first lead, with the incidents that never had one. */
export interface LeadStats extends DurationStats {
  readonly withoutLead: number;
}

/** Aggregates for the insights page, all over incidents reported within the period. */
export interface InsightsQueries {
  /** Incidents per local week and current severity; weeks and severities with none are left out. */
  weeklyCounts(period: InsightsPeriod): Promise<readonly WeeklyCount[]>;
  /** Start to resolution of resolved incidents: p50 and p90 per severity and for all. */
  timeToResolve(period: InsightsPeriod): Promise<readonly DurationStats[]>;
  /**
   * Report to the first time a lead was set (at declaration, or the first event setting `leadId`),
   * for live incidents (reports of past incidents are written up after the fact).
   */
  timeToFirstLead(period: InsightsPeriod): Promise<readonly LeadStats[]>;
}

/** What the insights use case is given. */
export interface InsightsDeps {
  readonly insights: InsightsQueries;
}
