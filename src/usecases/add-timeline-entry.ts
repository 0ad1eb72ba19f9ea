import {
  type Actor,
  checkTimelineText,
  type SlackMessageRef,
  type TimelineEntry,
  type TimelineSource,
} from '../domain/index.ts';
import { actorUserId, lockIncident } from './internal.ts';
import type { Outcome, WriteDeps } from './ports.ts';

/** A new entry: typed by a person, or captured from a Slack message (then `slack` identifies it). */
export interface AddTimelineEntryInput {
  readonly incidentId: number;
  readonly source: Exclude<TimelineSource, 'change'>;
  readonly text: string;
  readonly actor: Actor;
  /** When it happened; defaults to now (a pinned message passes its own time). */
  readonly occurredAt?: Date;
  /** The message's author when that is not the actor (someone pins another person's message). */
  readonly authorId?: string | null;
  readonly slack?: SlackMessageRef | null;
}

/**
 * Adds an entry. The same Slack message captured again (a pin redelivered, pinned and reacted to)
 * returns the existing entry with `created: false` and writes nothing.
 */
export const addTimelineEntry = async (
  { store, clock }: WriteDeps,
  input: AddTimelineEntryInput,
): Promise<Outcome<{ entry: TimelineEntry; created: boolean }>> => {
  const now = clock.now();
  const text = checkTimelineText(input.text);
  return store.transaction(async (uow) => {
    await lockIncident(uow, input.incidentId);
    const { entry, created } = await uow.timeline.insert({
      incidentId: input.incidentId,
      source: input.source,
      text,
      occurredAt: input.occurredAt ?? now,
      authorId: input.authorId !== undefined ? input.authorId : actorUserId(input.actor),
      slack: input.slack ?? null,
    });
    if (!created) return { value: { entry, created }, events: [] };
    const event = await uow.events.append({
      incidentId: input.incidentId,
      type: 'timeline.added',
      actor: input.actor,
      before: null,
      after: { entryId: entry.id, source: entry.source, text: entry.text },
      occurredAt: now,
    });
    return { value: { entry, created }, events: [event] };
  });
};
