import { DomainError } from './errors.ts';
import type { Kind } from './kind.ts';
import type { Severity } from './severity.ts';
import { assertStatusMove, type Status } from './status.ts';
import { checkOptionalText, checkTitle } from './text-rules.ts';

/** The incident as the core knows it: no channel ids, no message timestamps (those are Slack's). */
export interface Incident {
  readonly id: number;
  readonly title: string;
  readonly summary: string | null;
  readonly impact: string | null;
  readonly severity: Severity | null;
  readonly status: Status;
  readonly kind: Kind;
  /** Slack user id of whoever declared it. */
  readonly reporterId: string | null;
  /** Slack user id of the incident lead. */
  readonly leadId: string | null;
  readonly reportedAt: Date;
  readonly startedAt: Date;
  readonly resolvedAt: Date | null;
}

/** What a person fills in to declare an incident. */
export interface IncidentDraft {
  readonly title: string;
  readonly summary?: string | null;
  readonly impact?: string | null;
  readonly severity?: Severity | null;
  readonly kind?: Kind;
  readonly reporterId?: string | null;
  readonly leadId?: string | null;
  /** When it began, if earlier than the report (reports of past incidents). */
  readonly startedAt?: Date;
}

/** An incident not yet stored: everything but the id. */
export type NewIncident = Omit<Incident, 'id'>;

/** The fields people edit directly; status has its own intents (set status, resolve, reopen). */
export const EDITABLE_FIELDS = ['title', 'summary', 'impact', 'severity', 'leadId', 'kind'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];
/** Every field whose change is recorded as a change entry. */
export type TrackedField = EditableField | 'status';

/** A partial edit; `undefined` leaves a field alone, `null` clears it. */
export type IncidentPatch = { readonly [F in EditableField]?: Incident[F] };

/** One field's move, as recorded in the event log and the timeline. */
export interface FieldChange<F extends TrackedField = TrackedField> {
  readonly field: F;
  readonly from: Incident[F];
  readonly to: Incident[F];
}

/** Validates a draft and fills in the defaults of a new incident. */
export const newIncident = (draft: IncidentDraft, now: Date): NewIncident => ({
  title: checkTitle(draft.title),
  summary: checkOptionalText(draft.summary, 'summary'),
  impact: checkOptionalText(draft.impact, 'impact'),
  severity: draft.severity ?? null,
  status: 'investigating',
  kind: draft.kind ?? 'live',
  reporterId: draft.reporterId ?? null,
  leadId: draft.leadId ?? null,
  reportedAt: now,
  startedAt: draft.startedAt && draft.startedAt < now ? draft.startedAt : now,
  resolvedAt: null,
});

const normalise = (patch: IncidentPatch): IncidentPatch => ({
  ...patch,
  ...(patch.title !== undefined && { title: checkTitle(patch.title) }),
  ...(patch.summary !== undefined && { summary: checkOptionalText(patch.summary, 'summary') }),
  ...(patch.impact !== undefined && { impact: checkOptionalText(patch.impact, 'impact') }),
});

/**
 * Applies an edit and lists what really changed (a field set to its current value is no change,
 * so a redelivered Slack edit records nothing twice).
 */
export const applyPatch = (
  incident: Incident,
  patch: IncidentPatch,
): { incident: Incident; changes: FieldChange[] } => {
  const clean = normalise(patch);
  // Once people have judged how bad it is, "unknown" is not a better answer; pick the closest one.
  if (clean.severity === null && incident.severity !== null) {
    throw new DomainError(
      'severity_required',
      'Severity cannot be cleared once it is set. Choose the closest one instead.',
      'severity',
    );
  }
  const changes: FieldChange[] = [];
  let next: Incident = incident;
  for (const field of EDITABLE_FIELDS) {
    const to = clean[field];
    if (to === undefined || to === incident[field]) continue;
    changes.push({ field, from: incident[field], to } as FieldChange);
    next = { ...next, [field]: to };
  }
  return { incident: next, changes };
};

/** Moves the status; resolving stamps resolvedAt, and a resolved incident must be reopened instead. */
export const applyStatus = (
  incident: Incident,
  to: Status,
  now: Date,
): { incident: Incident; changes: FieldChange[] } => {
  assertStatusMove(incident.status, to);
  if (incident.status === to) return { incident, changes: [] };
  const next: Incident = { ...incident, status: to, resolvedAt: to === 'resolved' ? now : null };
  return { incident: next, changes: [{ field: 'status', from: incident.status, to }] };
};

/** How long the incident has run (or ran), from its start to its resolution or now. */
export const durationMs = (incident: Incident, now: Date): number =>
  Math.max(0, (incident.resolvedAt ?? now).getTime() - incident.startedAt.getTime());

/** Resolves an open incident; resolving twice is an error so nobody closes it "again" by mistake. */
export const resolve = (incident: Incident, now: Date): { incident: Incident; changes: FieldChange[] } => {
  if (incident.status === 'resolved') {
    throw new DomainError('incident_already_resolved', `Incident ${incident.id} is already resolved.`, 'status');
  }
  return applyStatus(incident, 'resolved', now);
};

/** Brings a resolved incident back to an open status (investigating unless told otherwise). */
export const reopen = (
  incident: Incident,
  to: Exclude<Status, 'resolved'> = 'investigating',
): { incident: Incident; changes: FieldChange[] } => {
  // The type already says so; this guards callers that pass a parsed status without narrowing it.
  if ((to as Status) === 'resolved') throw new DomainError('status_unknown', 'Reopen to an open status.', 'status');
  if (incident.status !== 'resolved') {
    throw new DomainError(
      'incident_not_resolved',
      `Incident ${incident.id} is not resolved, so it cannot be reopened.`,
      'status',
    );
  }
  const next: Incident = { ...incident, status: to, resolvedAt: null };
  return { incident: next, changes: [{ field: 'status', from: incident.status, to }] };
};
