// The read side: what pages and the API show, with people's names and the incident's channel.
import { and, asc, eq, getTableColumns, gt, gte, inArray, lt, not, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type {
  IncidentCursor,
  IncidentFilter,
  IncidentQueries,
  IncidentView,
  OpenFirstCursor,
  PeopleQueries,
} from '../usecases/ports.ts';
import type { Db } from './db.ts';
import { incidentSearch } from './incident-search.ts';
import { person, toAction, toEvent, toIncident } from './rows.ts';
import { actions, incidentEvents, incidents, slackChannels, slackUsers } from './schema.ts';
import { createTimelineQueries } from './timeline-queries.ts';

const reporter = alias(slackUsers, 'reporter');
const lead = alias(slackUsers, 'lead');
const owner = alias(slackUsers, 'owner');

/** The filter as conditions: statuses, severities, kind, dates (served by the newest-first index), search. */
const filterConditions = (filter: IncidentFilter): SQL[] => {
  const conditions: SQL[] = [];
  if (filter.status?.length) conditions.push(inArray(incidents.status, [...filter.status]));
  if (filter.severity?.length) conditions.push(inArray(incidents.severity, [...filter.severity]));
  if (filter.kind) conditions.push(eq(incidents.kind, filter.kind));
  if (filter.from) conditions.push(gte(incidents.reportedAt, filter.from));
  if (filter.to) conditions.push(lt(incidents.reportedAt, filter.to));
  // Full-text search over title, summary and timeline (see incident-search.ts).
  const search = incidentSearch(filter.q);
  if (search) conditions.push(search);
  return conditions;
};

/**
 * Strictly after the cursor in (reported_at desc, id desc) order. A row comparison, which PostgreSQL
 * uses as a bound on incidents_newest_first (an OR of the two cases makes it walk from the top).
 * reported_at is NOT NULL, so the comparison never meets a null.
 */
const olderThan = (after: IncidentCursor): SQL =>
  sql`(${incidents.reportedAt}, ${incidents.id}) < (${after.reportedAt}, ${after.id})`;

// Spelled as the index is (DESC NULLS LAST), or PostgreSQL cannot walk it and sorts every row.
const NEWEST_FIRST = [sql`${incidents.reportedAt} desc nulls last`, sql`${incidents.id} desc nulls last`];
const RESOLVED = sql`${incidents.status} = 'resolved'`;

// Every column but the generated search vector, which is large and only the database reads.
const { search: _incidentSearch, ...incidentColumns } = getTableColumns(incidents);

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

/**
 * Up to `limit` incidents in `order`, with names and channel. The page's ids are picked first in a
 * subquery, so names and channels are joined onto those rows only: joined before the limit,
 * PostgreSQL may join every match of a search and sort them all to keep 26.
 */
const pageOfViews = async (db: Db, conditions: SQL[], order: SQL[], limit: number): Promise<IncidentView[]> => {
  const page = db
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(limit);
  const rows = await incidentViews(db)
    .where(inArray(incidents.id, page))
    .orderBy(...order);
  return rows.map(toView);
};

const cursorOf = (incident: IncidentView): IncidentCursor => ({ reportedAt: incident.reportedAt, id: incident.id });
const sectionOf = (incident: IncidentView): OpenFirstCursor['section'] =>
  incident.status === 'resolved' ? 'resolved' : 'open';

/** Where an open-first page starts, as a condition (the section order is `status = 'resolved'`). */
const openFirstStart = (after: OpenFirstCursor): SQL | undefined => {
  if (after.section === 'resolved') return and(RESOLVED, after.after ? olderThan(after.after) : undefined);
  // Further on in the open section, then every resolved incident.
  return after.after ? or(RESOLVED, olderThan(after.after)) : undefined;
};

/** The read side of the use cases' ports over a drizzle database. */
export const createIncidentQueries = (db: Db): IncidentQueries => ({
  ...createTimelineQueries(db),

  async list(filter, limit, after) {
    const conditions = filterConditions(filter);
    if (after) conditions.push(olderThan(after));
    const rows = await pageOfViews(db, conditions, NEWEST_FIRST, limit + 1);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, next: rows.length > limit && last ? cursorOf(last) : null };
  },

  async listOpenFirst(filter, limit, after) {
    const conditions = filterConditions(filter);
    const start = after ? openFirstStart(after) : undefined;
    if (start) conditions.push(start);
    // Not the newest-first index's order: meant for searches, whose matches are sorted anyway.
    const rows = await pageOfViews(db, conditions, [RESOLVED, ...NEWEST_FIRST], limit + 1);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const following = rows[limit];
    if (!following || !last) return { items, next: null };
    // The same cursors as the section-by-section walk: a new section starts from its top.
    const section = sectionOf(following);
    return { items, next: { section, after: section === sectionOf(last) ? cursorOf(last) : null } };
  },

  async get(id) {
    const [row] = await incidentViews(db).where(eq(incidents.id, id));
    return row ? toView(row) : null;
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
