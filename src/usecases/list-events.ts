import type { StoredIncidentEvent } from '../domain/index.ts';
import type { ReadDeps } from './ports.ts';

/** The audit stream: events written after `afterId`, oldest first. */
export const listEvents = (
  { queries }: ReadDeps,
  input: { readonly afterId: number; readonly limit: number },
): Promise<readonly StoredIncidentEvent[]> =>
  queries.eventsSince(input.afterId, Math.min(Math.max(1, input.limit), 500));
