// The read side: what pages and the API show, with people's names and the incident's channel.
import { and, asc, eq, getTableColumns, gt, gte, inArray, lt, not, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { User } from '../domain/index.ts';
import type { IncidentFilter, IncidentQueries, IncidentView, PeopleQueries } from '../usecases/ports.ts';
import type { Db } from './db.ts';
import { incidentSearch } from './incident-search.ts';
import { toAction, toEvent, toIncident, toTimelineEntry } from './rows.ts';
import { actions, incidentEvents, incidents, slackChannels, slackUsers, timelineEntries } from './schema.ts';

const reporter = alias(slackUsers, 'reporter');
const lead = alias(slackUsers, 'lead');
const author = alias(slackUsers, 'author');
const owner = alias(slackUsers, 'owner');

/** A person by id, named from the Slack user cache; the id stands in until the cache knows them. */
const person = (id: string | null, cached: { name: string } | null): User | null =>
  id === null ? null : { slackId: id, name: cached?.name ?? id };

/** The date-range filter: reported at or after `from`, before `to` (served by the newest-first index). */
const reportedWithin = (filter: IncidentFilter): SQL[] => [
  ...(filter.from ? [gte(incidents.reportedAt, filter.from)] : []),
  ...(filter.to ? [lt(incidents.reportedAt, filter.to)] : []),
];

// Every column but the generated search vector, which is large and only the database reads.
const { search: _incidentSearch, ...incidentColumns } = getTableColumns(incidents);
const { search: _timelineSearch, ...timelineColumns } = getTableColumns(timelineEntries);

const incidentViews = (db: Db) =>
  db
    .select({
      incident: incidentColumns,
      reporter: { name: reporter.name },
      lead: { name: lead.name },
      channel: slackChannels,
    })
    .from(incidents)
    .leftJoin(reporter, eq(reporter.id, incidents.reporterId))
    .leftJoin(lead, eq(lead.id, incidents.leadId))
    .leftJoin(slackChannels, eq(slackChannels.incidentId, incidents.id));

type ViewRow = Awaited<ReturnType<ReturnType<typeof incidentViews>['execute']>>[number];

const toView = (row: ViewRow): IncidentView => {
  const incident = toIncident(row.incident);
  return {
    ...incident,
    reporter: person(incident.reporterId, row.reporter),
    lead: person(incident.leadId, row.lead),
    channel: row.channel ? { id: row.channel.channelId, name: row.channel.name } : null,
  };
};

/** The read side of the use cases' ports over a drizzle database. */
export const createIncidentQueries = (db: Db): IncidentQueries => ({
  async list(filter, limit, after) {
    const conditions: SQL[] = [];
    if (filter.status?.length) conditions.push(inArray(incidents.status, [...filter.status]));
    if (filter.severity?.length) conditions.push(inArray(incidents.severity, [...filter.severity]));
    if (filter.kind) conditions.push(eq(incidents.kind, filter.kind));
    conditions.push(...reportedWithin(filter));
    // Full-text search over title, summary and timeline (see incident-search.ts).
    const search = incidentSearch(filter.q);
    if (search) conditions.push(search);
    if (after) {
      // Keyset: strictly after the cursor in (reported_at desc, id desc) order. A row comparison,
      // which PostgreSQL uses as an index bound (an OR of the two cases makes it walk from the top).
      conditions.push(sql`(${incidents.reportedAt}, ${incidents.id}) < (${after.reportedAt}, ${after.id})`);
    }
    const rows = await incidentViews(db)
      .where(and(...conditions))
      // Spelled as the index is (DESC NULLS LAST), or PostgreSQL cannot walk it and sorts every row.
      .orderBy(sql`${incidents.reportedAt} desc nulls last`, sql`${incidents.id} desc nulls last`)
      .limit(limit + 1);
    const items = rows.slice(0, limit).map(toView);
    const last = items.at(-1);
    return { items, next: rows.length > limit && last ? { reportedAt: last.reportedAt, id: last.id } : null };
  },

  async get(id) {
    const [row] = await incidentViews(db).where(eq(incidents.id, id));
    return row ? toView(row) : null;
  },

  async timeline(incidentId, { includeHidden }) {
    const rows = await db
      .select({ entry: timelineColumns, author: { name: author.name } })
      .from(timelineEntries)
      .leftJoin(author, eq(author.id, timelineEntries.authorId))
      .where(
        and(eq(timelineEntries.incidentId, incidentId), includeHidden ? undefined : eq(timelineEntries.hidden, false)),
      )
      .orderBy(asc(timelineEntries.occurredAt), asc(timelineEntries.id));
    return rows.map((row) => {
      const entry = toTimelineEntry(row.entry);
      return { ...entry, author: person(entry.authorId, row.author) };
    });
  },

  async actions(incidentId) {
    const rows = await db
      .select({ action: actions, owner: { name: owner.name } })
      .from(actions)
      .leftJoin(owner, eq(owner.id, actions.ownerId))
      .where(eq(actions.incidentId, incidentId))
      .orderBy(asc(actions.id));
    return rows.map((row) => {
      const action = toAction(row.action);
      return { ...action, owner: person(action.ownerId, row.owner) };
    });
  },

  async eventsSince(afterId, limit) {
    const { txId: _txId, ...columns } = getTableColumns(incidentEvents);
    const rows = await db
      .select(columns)
      .from(incidentEvents)
      // Ids are handed out at insert, not at commit: only events whose transaction is older than
      // every one still running are final, so none with a lower id can appear after them.
      .where(and(gt(incidentEvents.id, afterId), sql`${incidentEvents.txId} < pg_snapshot_xmin(pg_current_snapshot())`))
      .orderBy(asc(incidentEvents.id))
      .limit(limit);
    return rows.map(toEvent);
  },
});

/** Names from the Slack user cache, for mentions in text and "choose a person" lists. */
export const createPeopleQueries = (db: Db): PeopleQueries => ({
  async names(ids) {
    if (ids.length === 0) return [];
    const rows = await db
      .select({ slackId: slackUsers.id, name: slackUsers.name })
      .from(slackUsers)
      .where(inArray(slackUsers.id, [...new Set(ids)]));
    return rows;
  },

  async known(limit) {
    return db
      .select({ slackId: slackUsers.id, name: slackUsers.name })
      .from(slackUsers)
      .where(not(slackUsers.deleted))
      .orderBy(asc(slackUsers.name), asc(slackUsers.id))
      .limit(limit);
  },
});
