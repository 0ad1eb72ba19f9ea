// Domain → JSON, exactly the shapes in schemas.ts (and INTERFACE.md). Never serialise rows directly.
import type { Actor, StoredIncidentEvent } from '../../domain/index.ts';
import type { ActionView, IncidentView, TimelineEntryView } from '../../usecases/ports.ts';
import type { ActionJson, EventJson, IncidentJson, TimelineEntryJson } from './schemas.ts';

/** An incident for the API; `publicUrl` makes its page link. */
export const presentIncident = (incident: IncidentView, publicUrl: string): IncidentJson => ({
  id: incident.id,
  title: incident.title,
  summary: incident.summary,
  impact: incident.impact,
  severity: incident.severity,
  status: incident.status,
  kind: incident.kind,
  reporter: incident.reporter,
  lead: incident.lead,
  channel: incident.channel,
  reportedAt: incident.reportedAt.toISOString(),
  startedAt: incident.startedAt.toISOString(),
  resolvedAt: incident.resolvedAt?.toISOString() ?? null,
  url: `${publicUrl}/incidents/${incident.id}`,
});

/** A timeline entry for the API. */
export const presentTimelineEntry = (entry: TimelineEntryView): TimelineEntryJson => ({
  id: entry.id,
  source: entry.source,
  text: entry.text,
  occurredAt: entry.occurredAt.toISOString(),
  author: entry.author,
  hidden: entry.hidden,
  slack: entry.slack ? { ...entry.slack, files: [...(entry.slack.files ?? [])] } : null,
});

/** A follow-up action for the API. */
export const presentAction = (action: ActionView): ActionJson => ({
  id: action.id,
  text: action.text,
  owner: action.owner,
  done: action.done,
  dueAt: action.dueAt?.toISOString() ?? null,
  createdAt: action.createdAt.toISOString(),
});

const presentActor = (actor: Actor): EventJson['actor'] => {
  switch (actor.kind) {
    case 'user':
      return { kind: 'user', id: actor.userId };
    case 'token':
      return { kind: 'token', id: actor.tokenName };
    case 'system':
      return { kind: 'system', id: null };
  }
};

/** An audit event for the API. */
export const presentEvent = (event: StoredIncidentEvent): EventJson => ({
  id: event.id,
  incidentId: event.incidentId,
  type: event.type,
  actor: presentActor(event.actor),
  before: event.before ? { ...event.before } : null,
  after: event.after ? { ...event.after } : null,
  occurredAt: event.occurredAt.toISOString(),
});
