import { TIMELINE_WINDOW_SIZE } from './get-incident-overview.ts';
import type { ReadDeps, TimelineAnchor } from './ports.ts';

/**
 * The window of the incident page that shows an entry: the newest (null) when the entry is among
 * the newest TIMELINE_WINDOW_SIZE, which keeps the usual address for most changes, else the window
 * that starts at the entry.
 */
export const timelineWindowHolding = async (
  { queries }: ReadDeps,
  input: { readonly incidentId: number; readonly entryId: number; readonly includeHidden: boolean },
): Promise<TimelineAnchor> => {
  const anchor = { from: input.entryId };
  const window = await queries.timelineWindow(input.incidentId, {
    anchor,
    limit: TIMELINE_WINDOW_SIZE,
    includeHidden: input.includeHidden,
  });
  return window && window.nextId !== null ? anchor : null;
};
