// An incident as a row of the list page.
import { durationMs } from '../../../domain/index.ts';
import type { IncidentView } from '../../../usecases/ports.ts';
import { severityTag, statusTag, type Tag } from './tags.ts';
import { formatDateTime, formatDuration } from './time.ts';

/** A time for a `<time>` element: words to read and the machine-readable instant. */
export interface ShownTime {
  readonly text: string;
  readonly iso: string;
}

/** Shows an instant in the zone. */
export const shownTime = (date: Date, timeZone: string): ShownTime => ({
  text: formatDateTime(date, timeZone),
  iso: date.toISOString(),
});

/** One row of the incident list. */
export interface IncidentRow {
  readonly id: number;
  readonly href: string;
  readonly title: string;
  readonly status: Tag;
  readonly severity: Tag;
  readonly lead: string;
  readonly started: ShownTime;
  readonly duration: string;
}

/** Presents an incident for the list. */
export const incidentRow = (incident: IncidentView, timeZone: string, now: Date): IncidentRow => ({
  id: incident.id,
  href: `/incidents/${incident.id}`,
  title: incident.title,
  status: statusTag(incident.status),
  severity: severityTag(incident.severity),
  lead: incident.lead?.name ?? 'No lead',
  started: shownTime(incident.startedAt, timeZone),
  duration: formatDuration(durationMs(incident, now)),
});
