// Reading a message the event did not carry: reaction events name only the channel and ts (§3.8),
// so the text and author come from conversations.history (latest = ts, inclusive, limit 1), or from
// conversations.replies for a reply in a thread (history leaves replies out), and the link from
// chat.getPermalink.
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { SlackFileRef } from '../domain/index.ts';
import { toChatError } from './slack-errors.ts';

/** A message as the timeline needs it, with what still marks it (reactions, pins). */
export interface FoundMessage {
  readonly channelId: string;
  readonly ts: string;
  readonly text: string;
  readonly userId: string | null;
  readonly botId: string | null;
  readonly files: readonly SlackFileRef[];
  readonly reactions: readonly { readonly name: string; readonly users: readonly string[] }[];
  /** Channels the message is pinned in. */
  readonly pinnedTo: readonly string[];
  readonly permalink: string | null;
}

/** Finds one message by channel and ts. */
export interface MessageLookup {
  /** The message, or null when Slack no longer has it (deleted). Slack failures are ChatErrors. */
  find(channelId: string, ts: string): Promise<FoundMessage | null>;
  /** The message's link, or null when Slack will not give one (the entry is worth keeping without it). */
  permalink(channelId: string, ts: string): Promise<string | null>;
}

const File = z.object({ id: z.string(), name: z.string().nullish(), permalink: z.string().nullish() });

const Message = z.object({
  ts: z.string(),
  text: z.string().nullish(),
  user: z.string().nullish(),
  bot_id: z.string().nullish(),
  files: z.array(File).nullish(),
  reactions: z.array(z.object({ name: z.string(), users: z.array(z.string()).nullish() })).nullish(),
  pinned_to: z.array(z.string()).nullish(),
});

const Messages = z.object({ messages: z.array(z.unknown()).nullish() });

/** The message with this ts among Slack's answer, if any. */
const pick = (answer: unknown, ts: string): z.infer<typeof Message> | null => {
  for (const raw of Messages.safeParse(answer).data?.messages ?? []) {
    const message = Message.safeParse(raw);
    if (message.success && message.data.ts === ts) return message.data;
  }
  return null;
};

/** "+1::skin-tone-2" → "+1": a reaction with a skin tone is the same reaction. */
export const baseEmoji = (name: string): string => name.split('::')[0] ?? name;

/**
 * Whether something other than `except`'s reaction still marks the message for the timeline:
 * another person's `emoji` reaction, or a pin in `channelId`.
 */
export const stillMarked = (
  message: Pick<FoundMessage, 'reactions' | 'pinnedTo'>,
  mark: { readonly emoji: string; readonly channelId: string; readonly except: string },
): boolean =>
  message.pinnedTo.includes(mark.channelId) ||
  message.reactions.some(
    (reaction) => baseEmoji(reaction.name) === mark.emoji && reaction.users.some((user) => user !== mark.except),
  );

/** The lookup on the bot's WebClient. */
export const createMessageLookup = (client: WebClient): MessageLookup => {
  const fromHistory = async (channel: string, ts: string) => {
    try {
      return pick(await client.conversations.history({ channel, latest: ts, inclusive: true, limit: 1 }), ts);
    } catch (error) {
      throw toChatError('conversations.history', error);
    }
  };
  // A reply in a thread: Slack may put the thread's parent first, so ask for two and pick by ts.
  // Any failure here (thread_not_found, a Slack stand-in without the method) means "not found".
  const fromReplies = async (channel: string, ts: string) => {
    try {
      return pick(
        await client.conversations.replies({ channel, ts, oldest: ts, latest: ts, inclusive: true, limit: 2 }),
        ts,
      );
    } catch {
      return null;
    }
  };
  const permalink = async (channel: string, ts: string) => {
    try {
      return (await client.chat.getPermalink({ channel, message_ts: ts })).permalink ?? null;
    } catch {
      return null;
    }
  };

  return {
    permalink,
    async find(channelId, ts) {
      const message = (await fromHistory(channelId, ts)) ?? (await fromReplies(channelId, ts));
      if (!message) return null;
      return {
        channelId,
        ts,
        text: message.text ?? '',
        userId: message.user ?? null,
        botId: message.bot_id ?? null,
        files: (message.files ?? []).map((f) => ({ id: f.id, name: f.name ?? null, permalink: f.permalink ?? null })),
        reactions: (message.reactions ?? []).map((r) => ({ name: r.name, users: r.users ?? [] })),
        pinnedTo: message.pinned_to ?? [],
        permalink: await permalink(channelId, ts),
      };
    },
  };
};
