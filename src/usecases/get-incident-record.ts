import { foundIncident } from './found-incident.ts';
import type { ActionView, IncidentView, ReadDeps, TimelineEntryView } from './ports.ts';

/** An incident with its whole timeline (hidden entries too) and its actions, the incident read once: the report. */
export const getIncidentRecord = async (
  { queries }: ReadDeps,
  id: number,
): Promise<{ incident: IncidentView; timeline: readonly TimelineEntryView[]; actions: readonly ActionView[] }> => {
  const [incident, timeline, actions] = await Promise.all([
    queries.get(id),
    queries.timeline(id, { includeHidden: true }),
    queries.actions(id),
  ]);
  return { incident: foundIncident(incident, id), timeline, actions };
};
