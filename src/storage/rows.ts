// Row ↔ domain mapping. The database's check constraints guarantee the enums; the guards here
// turn a corrupted row into a loud error instead of a silently wrong value.

import { getTableColumns } from 'drizzle-orm';
import {
  type Action,
  type Actor,
  type Incident,
  type IncidentEventType,
  isKind,
  isSeverity,
  isStatus,
  type SlackFileRef,
  type Snapshot,
  type StoredIncidentEvent,
  TIMELINE_SOURCES,
  type TimelineEntry,
  type TimelineSource,
  type User,
} from '../domain/index.ts';
import { type actions, type incidentEvents, type incidents, timelineEntries } from './schema.ts';

// The generated search vectors are for the database's own use; reads leave them out.
type IncidentRow = Omit<typeof incidents.$inferSelect, 'search'>;
type TimelineRow = Omit<typeof timelineEntries.$inferSelect, 'search'>;

const { search: _timelineSearch, ...timelineColumns } = getTableColumns(timelineEntries);
/** The timeline_entries columns reads select: all but the generated search vector (large; only the database reads it). */
export const timelineReadColumns = timelineColumns;
type ActionRow = typeof actions.$inferSelect;
type EventRow = Omit<typeof incidentEvents.$inferSelect, 'txId'>;

/** A person by id, named from the Slack user cache; the id stands in until the cache knows them. */
export const person = (id: string | null, cached: { name: string } | null): User | null =>
  id === null ? null : { slackId: id, name: cached?.name ?? id };

const corrupt = (table: string, column: string, value: unknown): never => {
  throw new Error(`${table}.${column} holds an unknown value: ${JSON.stringify(value)}`);
};

/** An incidents row as the domain's Incident. */
export const toIncident = (row: IncidentRow): Incident => ({
  id: row.id,
  title: row.title,
  summary: row.summary,
  impact: row.impact,
  severity:
    row.severity === null
      ? null
      : isSeverity(row.severity)
        ? row.severity
        : corrupt('incidents', 'severity', row.severity),
  status: isStatus(row.status) ? row.status : corrupt('incidents', 'status', row.status),
  kind: isKind(row.kind) ? row.kind : corrupt('incidents', 'kind', row.kind),
  reporterId: row.reporterId,
  leadId: row.leadId,
  reportedAt: row.reportedAt,
  startedAt: row.startedAt,
  resolvedAt: row.resolvedAt,
});

/** The columns an Incident writes. */
export const fromIncident = (incident: Omit<Incident, 'id'>) => ({
  title: incident.title,
  summary: incident.summary,
  impact: incident.impact,
  severity: incident.severity,
  status: incident.status,
  kind: incident.kind,
  reporterId: incident.reporterId,
  leadId: incident.leadId,
  reportedAt: incident.reportedAt,
  startedAt: incident.startedAt,
  resolvedAt: incident.resolvedAt,
});

const isSource = (value: string): value is TimelineSource => TIMELINE_SOURCES.includes(value as TimelineSource);

/** A timeline_entries row as the domain's TimelineEntry. */
export const toTimelineEntry = (row: TimelineRow): TimelineEntry => ({
  id: row.id,
  incidentId: row.incidentId,
  source: isSource(row.source) ? row.source : corrupt('timeline_entries', 'source', row.source),
  text: row.text,
  occurredAt: row.occurredAt,
  authorId: row.authorId,
  hidden: row.hidden,
  slack:
    row.slackChannelId && row.slackTs
      ? {
          channelId: row.slackChannelId,
          ts: row.slackTs,
          permalink: row.slackPermalink,
          files: Array.isArray(row.slackFiles) ? (row.slackFiles as SlackFileRef[]) : [],
        }
      : null,
});

/** An actions row as the domain's Action. */
export const toAction = (row: ActionRow): Action => ({
  id: row.id,
  incidentId: row.incidentId,
  text: row.text,
  ownerId: row.ownerId,
  done: row.done,
  dueAt: row.dueAt,
  createdAt: row.createdAt,
});

/** The two columns an Actor is stored in. */
export const fromActor = (actor: Actor): { actorKind: string; actorId: string | null } => {
  switch (actor.kind) {
    case 'user':
      return { actorKind: 'user', actorId: actor.userId };
    case 'token':
      return { actorKind: 'token', actorId: actor.tokenName };
    case 'system':
      return { actorKind: 'system', actorId: null };
  }
};

const toActor = (kind: string, id: string | null): Actor => {
  if (kind === 'user' && id) return { kind: 'user', userId: id };
  if (kind === 'token' && id) return { kind: 'token', tokenName: id };
  if (kind === 'system') return { kind: 'system' };
  return corrupt('incident_events', 'actor_kind', kind);
};

/** An incident_events row as a stored domain event. */
export const toEvent = (row: EventRow): StoredIncidentEvent => ({
  id: row.id,
  incidentId: row.incidentId,
  type: row.type as IncidentEventType,
  actor: toActor(row.actorKind, row.actorId),
  before: row.before as Snapshot | null,
  after: row.after as Snapshot | null,
  occurredAt: row.occurredAt,
});
