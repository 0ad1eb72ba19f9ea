// Where the incident page's window of a long timeline sits, and the links to the entries around it.
// Windows are addressed by an entry on them (?from=<id> starts at it, ?until=<id> ends at it), so a
// link keeps pointing at the same stretch of the incident while entries are added or hidden.
import { TIMELINE_WINDOW_SIZE } from '../../../usecases/get-incident-overview.ts';
import type { TimelineAnchor, TimelineSummary, TimelineWindow } from '../../../usecases/ports.ts';
import { formatDateTime } from './time.ts';

/** The timeline's paging on the incident page; null when the window is the whole (shown) timeline. */
export interface TimelinePaging {
  /** How many entries there are and which of them are shown. */
  readonly text: string;
  readonly earlierHref: string | null;
  readonly laterHref: string | null;
}

/** The query parameters of a window (none for the newest entries), keeping the hidden choice. */
export const windowParams = (anchor: TimelineAnchor, showHidden: boolean): URLSearchParams => {
  const params = new URLSearchParams();
  if (anchor && 'from' in anchor) params.set('from', String(anchor.from));
  if (anchor && 'until' in anchor) params.set('until', String(anchor.until));
  if (showHidden) params.set('hidden', 'include');
  return params;
};

/** The query string of a window (with `?`), or '' for the newest entries without hidden ones. */
export const windowQuery = (anchor: TimelineAnchor, showHidden: boolean): string => {
  const query = windowParams(anchor, showHidden).toString();
  return query ? `?${query}` : '';
};

const count = (n: number): string => n.toLocaleString('en-GB');

/** Presents the paging of a window; `incidentHref` is the incident page's path. */
export const timelinePaging = (input: {
  readonly window: TimelineWindow;
  readonly summary: TimelineSummary;
  readonly showHidden: boolean;
  readonly incidentHref: string;
  readonly timeZone: string;
}): TimelinePaging | null => {
  const { window, summary, showHidden, incidentHref, timeZone } = input;
  const { previousId, nextId, entries } = window;
  if (previousId === null && nextId === null) return null;
  // Hidden entries count when they are listed; otherwise the page says apart how many are left out.
  const total = showHidden ? summary.total : summary.total - summary.hidden;
  const first = entries[0];
  const last = entries.at(-1);
  const which = nextId === null ? 'the latest ' : previousId === null ? 'the first ' : '';
  const span =
    first && last
      ? `, from ${formatDateTime(first.occurredAt, timeZone)} to ${formatDateTime(last.occurredAt, timeZone)}`
      : '';
  // Land on the entry next to the one left behind, so reading carries on where it stopped.
  const link = (anchor: TimelineAnchor, entryId: number) =>
    `${incidentHref}${windowQuery(anchor, showHidden)}#entry-${entryId}`;
  return {
    text:
      `The timeline has ${count(total)} entries, shown ${count(TIMELINE_WINDOW_SIZE)} at a time. ` +
      `These are ${which}${count(entries.length)}${span}.`,
    earlierHref: previousId === null ? null : link({ until: previousId }, previousId),
    laterHref: nextId === null ? null : link({ from: nextId }, nextId),
  };
};
