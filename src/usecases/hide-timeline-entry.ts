import type { Actor, TimelineEntry } from '../domain/index.ts';
import { type EntryTarget, lockEntry } from './internal-timeline.ts';
import type { Outcome, WriteDeps } from './ports.ts';

/** Hides an entry from the timeline (or shows it again); hidden entries are kept and shown on request. */
export const hideTimelineEntry = async (
  { store, clock }: WriteDeps,
  input: { readonly incidentId: number; readonly target: EntryTarget; readonly hidden: boolean; readonly actor: Actor },
): Promise<Outcome<TimelineEntry>> => {
  const now = clock.now();
  return store.transaction(async (uow) => {
    const current = await lockEntry(uow, input.incidentId, input.target);
    if (current.hidden === input.hidden) return { value: current, events: [] };
    const entry: TimelineEntry = { ...current, hidden: input.hidden };
    await uow.timeline.save(entry);
    const event = await uow.events.append({
      incidentId: input.incidentId,
      type: input.hidden ? 'timeline.hidden' : 'timeline.shown',
      actor: input.actor,
      before: { entryId: entry.id, hidden: current.hidden },
      after: { entryId: entry.id, hidden: entry.hidden },
      occurredAt: now,
    });
    return { value: entry, events: [event] };
  });
};
