import type { Actor } from './actor.ts';
import type { FieldChange, Incident } from './incident.ts';

/** What can happen to an incident; each is one append-only row in the event log. */
export const EVENT_TYPES = [
  'incident.declared',
  'incident.updated',
  'incident.resolved',
  'incident.reopened',
  'timeline.added',
  'timeline.updated',
  'timeline.hidden',
  'timeline.shown',
  'action.added',
  'action.updated',
] as const;
export type IncidentEventType = (typeof EVENT_TYPES)[number];

/** A JSON-safe snapshot of the fields an event touched. */
export type Snapshot = Readonly<Record<string, string | number | boolean | null>>;

/** Something that happened, by whom, with the touched fields before and after. */
export interface IncidentEvent {
  readonly incidentId: number;
  readonly type: IncidentEventType;
  readonly actor: Actor;
  readonly before: Snapshot | null;
  readonly after: Snapshot | null;
  readonly occurredAt: Date;
}

/** A stored event, numbered in the order it was written (the audit stream's cursor). */
export interface StoredIncidentEvent extends IncidentEvent {
  readonly id: number;
}

/** The incident's own fields as a snapshot, for `incident.declared`. */
export const incidentSnapshot = (incident: Incident): Snapshot => ({
  id: incident.id,
  title: incident.title,
  summary: incident.summary,
  impact: incident.impact,
  severity: incident.severity,
  status: incident.status,
  kind: incident.kind,
  reporterId: incident.reporterId,
  leadId: incident.leadId,
  reportedAt: incident.reportedAt.toISOString(),
  startedAt: incident.startedAt.toISOString(),
  resolvedAt: incident.resolvedAt?.toISOString() ?? null,
});

/**
 * The one event for a set of field changes. Resolution and reopening get their own types because
 * other things hang off them (the closing notice, the report DM, stopping reminders).
 */
export const changeEvent = (
  incidentId: number,
  changes: readonly FieldChange[],
  actor: Actor,
  occurredAt: Date,
): IncidentEvent => {
  const status = changes.find((c) => c.field === 'status');
  const type: IncidentEventType =
    status?.to === 'resolved'
      ? 'incident.resolved'
      : status?.from === 'resolved'
        ? 'incident.reopened'
        : 'incident.updated';
  const before: Record<string, string | null> = {};
  const after: Record<string, string | null> = {};
  for (const change of changes) {
    before[change.field] = change.from;
    after[change.field] = change.to;
  }
  return { incidentId, type, actor, before, after, occurredAt };
};
