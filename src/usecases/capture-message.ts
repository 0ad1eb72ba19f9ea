import { type Actor, isDomainError, type SlackMessageRef, type TimelineEntry } from '../domain/index.ts';
import { addTimelineEntry } from './add-timeline-entry.ts';
import type { ChatStateStore } from './chat-ports.ts';
import { hideTimelineEntry } from './hide-timeline-entry.ts';
import type { Outcome, WriteDeps } from './ports.ts';

/** Writes that start from a chat channel and so must first find the channel's incident. */
export interface ChannelWriteDeps extends WriteDeps {
  readonly chatState: Pick<ChatStateStore, 'messageOnTimeline'>;
}

/** A chat message someone marked as part of the story (pinned, reacted to, or sent by shortcut). */
export interface CaptureMessageInput {
  readonly source: 'pin' | 'reaction' | 'shortcut';
  readonly message: SlackMessageRef & { readonly text: string; readonly authorId: string | null; readonly at: Date };
  readonly actor: Actor;
}

const NOTHING = { value: null, events: [] } as const;

/**
 * Adds the message to its channel's incident timeline, or shows it again if it had been hidden
 * (pinned, unpinned, pinned again). Messages outside incident channels, and empty ones, are
 * ignored: null. The same message captured twice is one entry.
 */
export const captureMessage = async (
  deps: ChannelWriteDeps,
  input: CaptureMessageInput,
): Promise<Outcome<TimelineEntry | null>> => {
  const found = await deps.chatState.messageOnTimeline(input.message.channelId, input.message.ts);
  if (found === null) return NOTHING;
  // Captured already and showing (a redelivery, pinned and reacted to): nothing to write.
  if (found.entry && !found.entry.hidden) return { value: found.entry, events: [] };
  const { incidentId } = found;
  const { text, authorId, at, ...slack } = input.message;
  // A message that is only a file still belongs on the timeline; name the files so the entry reads.
  const fileNames = (slack.files ?? []).map((file) => file.name ?? 'file').join(', ');
  const body = text.trim() || (fileNames ? `Shared ${fileNames}` : '');
  if (!body) return NOTHING;
  const added = await addTimelineEntry(deps, {
    incidentId,
    source: input.source,
    text: body,
    actor: input.actor,
    occurredAt: at,
    authorId,
    slack,
  });
  if (added.value.created || !added.value.entry.hidden) return { value: added.value.entry, events: added.events };
  const target = { slack: { channelId: slack.channelId, ts: slack.ts } };
  return hideTimelineEntry(deps, { incidentId, target, hidden: false, actor: input.actor });
};

/** Hides the entry of a message no longer marked (unpinned, reaction removed); nothing if it was never captured. */
export const releaseMessage = async (
  deps: ChannelWriteDeps,
  input: { readonly channelId: string; readonly ts: string; readonly actor: Actor },
): Promise<Outcome<TimelineEntry | null>> => {
  const found = await deps.chatState.messageOnTimeline(input.channelId, input.ts);
  // Never captured, or hidden already (a redelivered unpin): nothing to write.
  if (found === null || !found.entry || found.entry.hidden) return NOTHING;
  const { incidentId } = found;
  const target = { slack: { channelId: input.channelId, ts: input.ts } };
  try {
    return await hideTimelineEntry(deps, { incidentId, target, hidden: true, actor: input.actor });
  } catch (error) {
    if (isDomainError(error) && error.code === 'timeline_entry_not_found') return NOTHING;
    throw error;
  }
};
