import { getIncident } from './get-incident.ts';
import type { ReadDeps, TimelineEntryView } from './ports.ts';

/** An incident's timeline, oldest first; hidden entries only when asked for. */
export const getTimeline = async (
  deps: ReadDeps,
  input: { readonly incidentId: number; readonly includeHidden?: boolean },
): Promise<readonly TimelineEntryView[]> => {
  await getIncident(deps, input.incidentId);
  return deps.queries.timeline(input.incidentId, { includeHidden: input.includeHidden ?? false });
};
