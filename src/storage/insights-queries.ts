// Aggregates for the insights page, computed where the rows are: one grouped query per chart.
// Weeks and days are the INCIDENT_TIMEZONE's (a week starts on a local Monday); percentiles are
// PostgreSQL's percentile_cont (linear interpolation), the same on PostgreSQL and PGlite.
import { type SQL, sql } from 'drizzle-orm';
import type {
  DurationStats,
  InsightsPeriod,
  InsightsQueries,
  LeadStats,
  SeverityKey,
  WeeklyCount,
} from '../usecases/ports-insights.ts';
import type { Db } from './db.ts';
import { rawRows } from './raw-rows.ts';

/** `column` within the period's local days: from the first day's midnight to the midnight after the last. */
const within = (column: SQL, period: InsightsPeriod): SQL =>
  sql`${column} >= timezone(${period.timezone}, ${period.from}::date::timestamp)
    and ${column} < timezone(${period.timezone}, (${period.to}::date + 1)::timestamp)`;

/** The group a row of `grouping sets ((severity), ())` belongs to: a severity, `none`, or the total. */
const groupKey = (column: SQL): SQL =>
  sql`case when grouping(${column}) = 1 then 'all' else coalesce(${column}, 'none') end`;

const percentiles = (seconds: SQL): SQL =>
  sql`percentile_cont(0.5) within group (order by ${seconds}) as p50,
      percentile_cont(0.9) within group (order by ${seconds}) as p90`;

interface StatsRow {
  severity: SeverityKey | 'all';
  count: number;
  p50: number | string | null;
  p90: number | string | null;
}

const seconds = (value: number | string | null): number | null => (value === null ? null : Number(value));

const toStats = (row: StatsRow): DurationStats => ({
  severity: row.severity,
  count: Number(row.count),
  p50Seconds: seconds(row.p50),
  p90Seconds: seconds(row.p90),
});

/** The insights aggregates over a drizzle database. */
export const createInsightsQueries = (db: Db): InsightsQueries => ({
  async weeklyCounts(period) {
    const rows = await rawRows<{ week: string; severity: SeverityKey; count: number }>(
      db,
      sql`select to_char(date_trunc('week', timezone(${period.timezone}, reported_at)), 'YYYY-MM-DD') as week,
                 coalesce(severity, 'none') as severity,
                 count(*)::int as count
            from incidents
           where ${within(sql`reported_at`, period)}
           group by 1, 2
           order by 1, 2`,
    );
    return rows.map((row): WeeklyCount => ({ week: row.week, severity: row.severity, count: Number(row.count) }));
  },

  async timeToResolve(period) {
    const rows = await rawRows<StatsRow>(
      db,
      sql`select ${groupKey(sql`severity`)} as severity,
                 count(*)::int as count,
                 ${percentiles(sql`extract(epoch from resolved_at - started_at)::float8`)}
            from incidents
           where status = 'resolved' and ${within(sql`reported_at`, period)}
           group by grouping sets ((severity), ())`,
    );
    return rows.map(toStats);
  },

  async timeToFirstLead(period) {
    // The first event that set a lead: the declaration (declared with one) or any later update to
    // leadId. Looked up per incident through events_by_incident, so only the period's incidents are read.
    // Never led: a null duration (greatest() would turn it into 0), which the percentiles skip.
    const rows = await rawRows<StatsRow & { without_lead: number }>(
      db,
      sql`select ${groupKey(sql`i.severity`)} as severity,
                 count(first_lead.at)::int as count,
                 (count(*) - count(first_lead.at))::int as without_lead,
                 ${percentiles(sql`case when first_lead.at is not null then extract(epoch from greatest(first_lead.at - i.reported_at, interval '0'))::float8 end`)}
            from incidents i
            left join lateral (
                 select min(e.occurred_at) as at
                   from incident_events e
                  where e.incident_id = i.id
                    and e.type in ('incident.declared', 'incident.updated')
                    and e.after ->> 'leadId' is not null
                 ) first_lead on true
           where i.kind = 'live' and ${within(sql`i.reported_at`, period)}
           group by grouping sets ((i.severity), ())`,
    );
    return rows.map((row): LeadStats => ({ ...toStats(row), withoutLead: Number(row.without_lead) }));
  },
});
