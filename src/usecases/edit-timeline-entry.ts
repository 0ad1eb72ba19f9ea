import { type Actor, assertCanEditText, checkTimelineText, type TimelineEntry } from '../domain/index.ts';
import { type EntryTarget, lockEntry } from './internal-timeline.ts';
import type { Outcome, WriteDeps } from './ports.ts';

/** Rewrites an entry's text and/or time, within the rules of who may edit which entries. */
export const editTimelineEntry = async (
  { store, clock }: WriteDeps,
  input: {
    readonly incidentId: number;
    readonly target: EntryTarget;
    readonly text?: string;
    readonly occurredAt?: Date;
    readonly actor: Actor;
  },
): Promise<Outcome<TimelineEntry>> => {
  const now = clock.now();
  const text = input.text === undefined ? undefined : checkTimelineText(input.text);
  return store.transaction(async (uow) => {
    const current = await lockEntry(uow, input.incidentId, input.target);
    const entry: TimelineEntry = {
      ...current,
      text: text ?? current.text,
      occurredAt: input.occurredAt ?? current.occurredAt,
    };
    if (entry.text === current.text && entry.occurredAt.getTime() === current.occurredAt.getTime()) {
      return { value: current, events: [] };
    }
    assertCanEditText(current, input.actor);
    await uow.timeline.save(entry);
    const event = await uow.events.append({
      incidentId: input.incidentId,
      type: 'timeline.updated',
      actor: input.actor,
      before: { entryId: current.id, text: current.text, occurredAt: current.occurredAt.toISOString() },
      after: { entryId: entry.id, text: entry.text, occurredAt: entry.occurredAt.toISOString() },
      occurredAt: now,
    });
    return { value: entry, events: [event] };
  });
};
