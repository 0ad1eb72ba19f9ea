import { foundIncident } from './found-incident.ts';
import type { ActionView, IncidentView, ReadDeps, TimelineAnchor, TimelineSummary, TimelineWindow } from './ports.ts';

/**
 * Most timeline entries the incident page shows at once: a stretch of a long incident to read and
 * curate, while the page costs 200 entries however long the incident ran (the report has them all).
 */
export const TIMELINE_WINDOW_SIZE = 200;

/** What the incident page shows: the incident, a window of its timeline, the timeline's summary, the actions. */
export interface IncidentOverview {
  readonly incident: IncidentView;
  /** Where the window is: the anchor asked for, or null (the newest) when it was not on this timeline. */
  readonly anchor: TimelineAnchor;
  readonly timeline: TimelineWindow;
  readonly summary: TimelineSummary;
  readonly actions: readonly ActionView[];
}

/**
 * An incident with a window of its timeline (at most TIMELINE_WINDOW_SIZE entries at the anchor; the
 * newest when the anchor is null or not on this timeline), a summary of the whole timeline and the
 * actions. Everything is read at once and the incident only once, so a long timeline costs a window.
 */
export const getIncidentOverview = async (
  { queries }: ReadDeps,
  input: { readonly id: number; readonly anchor: TimelineAnchor; readonly includeHidden: boolean },
): Promise<IncidentOverview> => {
  const { id, includeHidden } = input;
  const window = (anchor: TimelineAnchor) =>
    queries.timelineWindow(id, { anchor, limit: TIMELINE_WINDOW_SIZE, includeHidden });
  const [incident, anchored, summary, actions] = await Promise.all([
    queries.get(id),
    window(input.anchor),
    queries.timelineSummary(id),
    queries.actions(id),
  ]);
  const found = foundIncident(incident, id);
  // An anchor from an old or mistyped link: show the newest entries rather than an empty timeline.
  const timeline = anchored ?? (await window(null)) ?? { entries: [], previousId: null, nextId: null };
  return { incident: found, anchor: anchored ? input.anchor : null, timeline, summary, actions };
};
