import type { IncidentCursor, IncidentFilter, IncidentView, Page, ReadDeps } from './ports.ts';

/** Largest page anyone may ask for: bigger pages cost more than the round trips they save. */
export const MAX_PAGE_SIZE = 100;
/** Page size when none is asked for. */
export const DEFAULT_PAGE_SIZE = 25;

/** Lists incidents newest first, filtered, one page at a time (keyset pagination: stable under inserts). */
export const listIncidents = (
  { queries }: ReadDeps,
  input: { readonly filter: IncidentFilter; readonly limit?: number; readonly after?: IncidentCursor | null },
): Promise<Page<IncidentView>> => {
  const limit = Math.min(Math.max(1, input.limit ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
  return queries.list(input.filter, limit, input.after ?? null);
};
