import { DomainError } from '../domain/index.ts';
import { foundIncident } from './found-incident.ts';
import type { IncidentView, ReadDeps, TimelineEntryView } from './ports.ts';

/** One timeline entry, hidden or not, with its incident; `incident_not_found` or `timeline_entry_not_found`. */
export const getTimelineEntry = async (
  { queries }: ReadDeps,
  input: { readonly incidentId: number; readonly entryId: number },
): Promise<{ incident: IncidentView; entry: TimelineEntryView }> => {
  const { incidentId, entryId } = input;
  // A window of one starting at the entry is the entry itself (or null: not on this timeline).
  const [incident, window] = await Promise.all([
    queries.get(incidentId),
    queries.timelineWindow(incidentId, { anchor: { from: entryId }, limit: 1, includeHidden: true }),
  ]);
  const found = foundIncident(incident, incidentId);
  const entry = window?.entries[0];
  if (entry?.id !== entryId) {
    throw new DomainError(
      'timeline_entry_not_found',
      `Incident ${incidentId} has no timeline entry ${entryId}.`,
      'entryId',
    );
  }
  return { incident: found, entry };
};
