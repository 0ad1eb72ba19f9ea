import { STATUSES, type Status } from '../domain/index.ts';
import { listIncidents, MAX_PAGE_SIZE } from './list-incidents.ts';
import type { IncidentFilter, IncidentView, OpenFirstCursor, ReadDeps } from './ports.ts';

export type { OpenFirstCursor } from './ports.ts';

/** One page of the open-first list: the open incidents on it, then the resolved ones. */
export interface OpenFirstPage {
  readonly open: readonly IncidentView[];
  readonly resolved: readonly IncidentView[];
  readonly next: OpenFirstCursor | null;
}

const OPEN: readonly Status[] = STATUSES.filter((status) => status !== 'resolved');

/**
 * Lists incidents people are still working on first, then resolved ones, each part newest first,
 * one page at a time. Two keyset walks over the same newest-first index (open statuses, then
 * `resolved`), so the existing cursor serves both and a page is as cheap as the plain list. A search
 * is one statement instead: both walks would collect every match of the search again.
 */
export const listIncidentsOpenFirst = async (
  deps: ReadDeps,
  input: { readonly filter: IncidentFilter; readonly limit: number; readonly after?: OpenFirstCursor | null },
): Promise<OpenFirstPage> => {
  const { filter } = input;
  const limit = Math.min(Math.max(1, input.limit), MAX_PAGE_SIZE);
  const wanted = filter.status?.length ? filter.status : STATUSES;
  const openStatuses = OPEN.filter((status) => wanted.includes(status));
  const resolvedWanted = wanted.includes('resolved');
  const start = input.after ?? { section: 'open', after: null };
  if (filter.q?.trim()) {
    const page = await deps.queries.listOpenFirst(filter, limit, input.after ?? null);
    return {
      open: page.items.filter((incident) => incident.status !== 'resolved'),
      resolved: page.items.filter((incident) => incident.status === 'resolved'),
      next: page.next,
    };
  }

  let open: readonly IncidentView[] = [];
  if (start.section === 'open' && openStatuses.length > 0) {
    const page = await listIncidents(deps, { filter: { ...filter, status: openStatuses }, limit, after: start.after });
    if (page.next) return { open: page.items, resolved: [], next: { section: 'open', after: page.next } };
    open = page.items;
  }
  if (!resolvedWanted) return { open, resolved: [], next: null };

  const room = limit - open.length;
  const after = start.section === 'resolved' ? start.after : null;
  // A full page of open incidents: only ask whether any resolved one follows, for the Next link.
  const page = await listIncidents(deps, {
    filter: { ...filter, status: ['resolved'] },
    limit: Math.max(1, room),
    after,
  });
  if (room === 0)
    return { open, resolved: [], next: page.items.length > 0 ? { section: 'resolved', after: null } : null };
  return { open, resolved: page.items, next: page.next ? { section: 'resolved', after: page.next } : null };
};
