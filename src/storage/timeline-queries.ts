// The timeline's read side: the whole timeline (the report, the API), a window of it keyset-paged on
// (occurred_at, id) through timeline_by_incident (the incident page), and a summary of it.
import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { IncidentQueries, TimelineEntryView } from '../usecases/ports.ts';
import type { Db } from './db.ts';
import { rawRows } from './raw-rows.ts';
import { person, timelineReadColumns, toTimelineEntry } from './rows.ts';
import { slackUsers, timelineEntries } from './schema.ts';

type TimelineQueries = Pick<IncidentQueries, 'timeline' | 'timelineWindow' | 'timelineSummary'>;

const author = alias(slackUsers, 'author');

/** Entries with their authors' names, in the order and up to the limit the caller sets. */
const entryViews = (db: Db, where: SQL | undefined) =>
  db
    .select({ entry: timelineReadColumns, author: { name: author.name } })
    .from(timelineEntries)
    .leftJoin(author, eq(author.id, timelineEntries.authorId))
    .where(where);

type EntryRow = Awaited<ReturnType<ReturnType<typeof entryViews>['execute']>>[number];

const toView = (row: EntryRow): TimelineEntryView => {
  const entry = toTimelineEntry(row.entry);
  return { ...entry, author: person(entry.authorId, row.author) };
};

/**
 * An entry's place in timeline order, read in the database: a JavaScript Date would drop the
 * microseconds `occurred_at` can hold, and a cursor off by a microsecond skips or repeats entries.
 * The anchor's time is an InitPlan, so the row comparison stays an index condition.
 */
const placeOf = (incidentId: number, entryId: number): SQL =>
  sql`((select anchor.occurred_at from ${timelineEntries} anchor
        where anchor.incident_id = ${incidentId} and anchor.id = ${entryId}), ${entryId}::bigint)`;

/** Row comparison on (occurred_at, id), as timeline_by_incident is built. */
const compared = (op: '<' | '<=' | '>' | '>=', place: SQL): SQL =>
  sql`(${timelineEntries.occurredAt}, ${timelineEntries.id}) ${sql.raw(op)} ${place}`;

const OLDEST_FIRST = [asc(timelineEntries.occurredAt), asc(timelineEntries.id)];
const NEWEST_FIRST = [desc(timelineEntries.occurredAt), desc(timelineEntries.id)];

/** The timeline reads over a drizzle database. */
export const createTimelineQueries = (db: Db): TimelineQueries => ({
  async timeline(incidentId, { includeHidden }) {
    const rows = await entryViews(
      db,
      and(eq(timelineEntries.incidentId, incidentId), includeHidden ? undefined : eq(timelineEntries.hidden, false)),
    ).orderBy(...OLDEST_FIRST);
    return rows.map(toView);
  },

  async timelineWindow(incidentId, { anchor, limit, includeHidden }) {
    const shown = (condition?: SQL) =>
      and(
        eq(timelineEntries.incidentId, incidentId),
        includeHidden ? undefined : eq(timelineEntries.hidden, false),
        condition,
      );
    if (anchor === null) {
      // The newest entries: walk the index backwards, one row past the window to know what precedes it.
      const rows = await entryViews(db, shown())
        .orderBy(...NEWEST_FIRST)
        .limit(limit + 1);
      return {
        entries: rows.slice(0, limit).reverse().map(toView),
        previousId: rows[limit]?.entry.id ?? null,
        nextId: null,
      };
    }
    const forward = 'from' in anchor;
    const entryId = forward ? anchor.from : anchor.until;
    const place = placeOf(incidentId, entryId);
    // The window, one row past its far end, and (in parallel) the nearest entry on the other side of
    // the anchor, which also says whether the anchor is on this timeline at all.
    const [rows, [edge]] = await Promise.all([
      entryViews(db, shown(compared(forward ? '>=' : '<=', place)))
        .orderBy(...(forward ? OLDEST_FIRST : NEWEST_FIRST))
        .limit(limit + 1),
      // bigint ids: node-postgres hands them over as strings.
      rawRows<{ anchor: string | number | null; neighbour: string | number | null }>(
        db,
        sql`select
              (select id from ${timelineEntries} where incident_id = ${incidentId} and id = ${entryId}) as anchor,
              (${db
                .select({ id: timelineEntries.id })
                .from(timelineEntries)
                .where(shown(compared(forward ? '<' : '>', place)))
                .orderBy(...(forward ? NEWEST_FIRST : OLDEST_FIRST))
                .limit(1)}) as neighbour`,
      ),
    ]);
    if (edge?.anchor === null || edge?.anchor === undefined) return null;
    const entries = rows.slice(0, limit).map(toView);
    const beyond = rows[limit]?.entry.id ?? null;
    const neighbour = edge.neighbour === null ? null : Number(edge.neighbour);
    return forward
      ? { entries, previousId: neighbour, nextId: beyond }
      : { entries: entries.reverse(), previousId: beyond, nextId: neighbour };
  },

  async timelineSummary(incidentId) {
    // Grouped by author first (one index range of the incident), then named: one row per participant.
    const rows = await rawRows<{ author_id: string | null; name: string | null; entries: number; hidden: number }>(
      db,
      sql`select per_author.author_id, people.name, per_author.entries, per_author.hidden
          from (select author_id, count(*)::integer as entries, (count(*) filter (where hidden))::integer as hidden
                from ${timelineEntries} where incident_id = ${incidentId} group by author_id) per_author
          left join ${slackUsers} people on people.id = per_author.author_id`,
    );
    return {
      total: rows.reduce((sum, row) => sum + row.entries, 0),
      hidden: rows.reduce((sum, row) => sum + row.hidden, 0),
      participants: rows.flatMap((row) => {
        const user = person(row.author_id, row.name === null ? null : { name: row.name });
        return user ? [user] : [];
      }),
    };
  },
});
