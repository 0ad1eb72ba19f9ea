// The timeline reaction (TIMELINE_EMOJI, 📌 by default) works like a pin anyone can add: reacting
// records the message, taking the last such reaction off hides the entry again. Reaction events
// carry only the message's channel and ts (§3.8), so the message is read from Slack.
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { userActor } from '../../../domain/index.ts';
import { captureMessage, releaseReaction } from '../../../usecases/index.ts';
import { baseEmoji, stillMarked } from '../../message-lookup.ts';
import { slackTsToDate } from '../../slack-time.ts';
import type { ListenerDeps } from '../deps.ts';
import { settle } from './settle.ts';

const ReactionEvent = z.object({
  user: z.string(),
  reaction: z.string(),
  // Reactions to files and file comments have other item types: not messages, nothing to record.
  item: z.object({ type: z.literal('message'), channel: z.string(), ts: z.string() }),
});

/** Registers reaction_added and reaction_removed. */
export const registerReactionEvents = (app: App, deps: ListenerDeps): void => {
  const channelWrite = { ...deps.write, chatState: deps.chatState };
  const { timelineEmoji, messages } = deps.events;

  /** The timeline reaction in an incident channel, or null for anything else (no Slack call then). */
  const timelineReaction = async (event: unknown) => {
    const reaction = ReactionEvent.safeParse(event);
    if (!reaction.success || baseEmoji(reaction.data.reaction) !== timelineEmoji) return null;
    const incidentId = await deps.chatState.incidentForChannel(reaction.data.item.channel);
    return incidentId === null ? null : reaction.data;
  };

  app.event('reaction_added', ({ event, context }) =>
    settle(deps.logger, 'reaction_added', async () => {
      const reaction = await timelineReaction(event);
      if (!reaction) return;
      const message = await messages.find(reaction.item.channel, reaction.item.ts);
      // Gone already, or one of the bot's own posts (the opening message, reminders): nothing to add.
      if (!message || (message.userId !== null && message.userId === context.botUserId)) return;
      await captureMessage(channelWrite, {
        source: 'reaction',
        actor: userActor(reaction.user),
        message: {
          channelId: message.channelId,
          ts: message.ts,
          text: message.text,
          authorId: message.userId,
          at: slackTsToDate(message.ts),
          permalink: message.permalink,
          files: message.files,
        },
      });
    }),
  );

  app.event('reaction_removed', ({ event }) =>
    settle(deps.logger, 'reaction_removed', async () => {
      const reaction = await timelineReaction(event);
      if (!reaction) return;
      const { channel, ts } = reaction.item;
      // Slack's copy may still list the reaction just removed, so only other people's count.
      const message = await messages.find(channel, ts);
      const marked =
        message !== null && stillMarked(message, { emoji: timelineEmoji, channelId: channel, except: reaction.user });
      await releaseReaction(channelWrite, {
        channelId: channel,
        ts,
        actor: userActor(reaction.user),
        stillMarked: marked,
      });
    }),
  );
};
