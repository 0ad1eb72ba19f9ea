import { type Actor, isDomainError, type SlackFileRef, SYSTEM, type TimelineEntry } from '../domain/index.ts';
import type { ChannelWriteDeps } from './capture-message.ts';
import { editTimelineEntry } from './edit-timeline-entry.ts';
import { hideTimelineEntry } from './hide-timeline-entry.ts';
import type { EntryTarget } from './internal-timeline.ts';
import type { Outcome } from './ports.ts';

const NOTHING = { value: null, events: [] } as const;

/** The entry's text for a message: its text, or the names of its files when it has no text. */
const entryText = (text: string, files: readonly SlackFileRef[]): string =>
  text.trim() || (files.length > 0 ? `Shared ${files.map((file) => file.name ?? 'file').join(', ')}` : '');

/** Runs `work` on the entry of a message, or nothing when the message was never captured. */
const onCapturedEntry = async (
  deps: ChannelWriteDeps,
  message: { readonly channelId: string; readonly ts: string },
  work: (incidentId: number, target: EntryTarget) => Promise<Outcome<TimelineEntry | null>>,
): Promise<Outcome<TimelineEntry | null>> => {
  // Most edited and deleted messages were never captured: one read settles it, no transaction.
  const found = await deps.chatState.messageOnTimeline(message.channelId, message.ts);
  if (found === null || found.entry === null) return NOTHING;
  try {
    return await work(found.incidentId, { slack: { channelId: message.channelId, ts: message.ts } });
  } catch (error) {
    if (isDomainError(error) && error.code === 'timeline_entry_not_found') return NOTHING;
    throw error;
  }
};

/**
 * A captured message was edited in chat: its entry takes the new text, written by the bot (only the
 * bot may rewrite captured entries, so the timeline never contradicts the channel). Messages that
 * were never captured, and edits that leave nothing to show, change nothing.
 */
export const editCapturedMessage = (
  deps: ChannelWriteDeps,
  input: {
    readonly channelId: string;
    readonly ts: string;
    readonly text: string;
    readonly files?: readonly SlackFileRef[];
  },
): Promise<Outcome<TimelineEntry | null>> => {
  const text = entryText(input.text, input.files ?? []);
  if (!text) return Promise.resolve(NOTHING);
  return onCapturedEntry(deps, input, (incidentId, target) =>
    editTimelineEntry(deps, { incidentId, target, text, actor: SYSTEM }),
  );
};

/** A captured message was deleted in chat: its entry is hidden (kept, and shown on request). */
export const forgetDeletedMessage = (
  deps: ChannelWriteDeps,
  input: { readonly channelId: string; readonly ts: string },
): Promise<Outcome<TimelineEntry | null>> =>
  onCapturedEntry(deps, input, (incidentId, target) =>
    hideTimelineEntry(deps, { incidentId, target, hidden: true, actor: SYSTEM }),
  );

/**
 * Someone took their timeline reaction off a message. The entry is hidden only when nothing marks
 * the message any more: `stillMarked` (another person's reaction, or a pin) keeps it, and so does an
 * entry someone added with the shortcut, which no reaction created.
 */
export const releaseReaction = (
  deps: ChannelWriteDeps,
  input: { readonly channelId: string; readonly ts: string; readonly actor: Actor; readonly stillMarked: boolean },
): Promise<Outcome<TimelineEntry | null>> => {
  if (input.stillMarked) return Promise.resolve(NOTHING);
  return onCapturedEntry(deps, input, async (incidentId, target) => {
    const { channelId, ts } = input;
    const entry = await deps.store.transaction((uow) => uow.timeline.lockBySlackMessage(incidentId, channelId, ts));
    if (entry === null || entry.source === 'shortcut') return NOTHING;
    return hideTimelineEntry(deps, { incidentId, target, hidden: true, actor: input.actor });
  });
};
