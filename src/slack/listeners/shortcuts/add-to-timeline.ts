// The "Add to timeline" message shortcut (§3.7): the person picked a message, so it goes on the
// timeline of the channel's incident. Slack shows nothing by itself, so the answer is always an
// ephemeral reply through the response_url: added, already there, or why not.
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { isDomainError, userActor } from '../../../domain/index.ts';
import { captureMessage } from '../../../usecases/index.ts';
import { incidentUrl } from '../../blocks/incident-fields.ts';
import { link } from '../../blocks/mrkdwn.ts';
import { ADD_TO_TIMELINE } from '../../ids.ts';
import { slackTsToDate } from '../../slack-time.ts';
import type { ListenerDeps } from '../deps.ts';

const File = z.object({ id: z.string(), name: z.string().nullish(), permalink: z.string().nullish() });

const MessageShortcut = z.object({
  type: z.literal('message_action'),
  channel: z.object({ id: z.string() }),
  user: z.object({ id: z.string() }),
  message: z.object({
    ts: z.string(),
    text: z.string().nullish(),
    user: z.string().nullish(),
    files: z.array(File).nullish(),
  }),
});

/** Registers the message shortcut. */
export const registerAddToTimeline = (app: App, deps: ListenerDeps): void => {
  const channelWrite = { ...deps.write, chatState: deps.chatState };

  app.shortcut(ADD_TO_TIMELINE, async ({ ack, shortcut, respond, context }) => {
    await ack();
    const parsed = MessageShortcut.safeParse(shortcut);
    if (!parsed.success) return;
    const { channel, user, message } = parsed.data;
    const say = async (text: string) => {
      await respond({ response_type: 'ephemeral', text });
    };
    const incidentId = await deps.chatState.incidentForChannel(channel.id);
    if (incidentId === null) {
      await say(
        ':information_source: *Add to timeline* works only in incident channels. Open the incident’s channel and use it on a message there.',
      );
      return;
    }
    if (message.user && message.user === context.botUserId) {
      await say('That is one of my own messages: what it says is already part of the incident’s record.');
      return;
    }
    try {
      const added = await captureMessage(channelWrite, {
        source: 'shortcut',
        actor: userActor(user.id),
        message: {
          channelId: channel.id,
          ts: message.ts,
          text: message.text ?? '',
          authorId: message.user ?? null,
          at: slackTsToDate(message.ts),
          permalink: await deps.events.messages.permalink(channel.id, message.ts),
          files: (message.files ?? []).map((f) => ({ id: f.id, name: f.name ?? null, permalink: f.permalink ?? null })),
        },
      });
      const page = link(`${incidentUrl(deps.events.publicUrl, { id: incidentId })}`, 'See the timeline');
      if (!added.value) await say('That message has no text or files, so there is nothing to add.');
      else if (added.events.length > 0)
        await say(`:white_check_mark: Added to the timeline of incident #${incidentId}. ${page}`);
      else await say(`It is already on the timeline of incident #${incidentId}. ${page}`);
    } catch (error) {
      deps.logger.warn({ err: error, channel: channel.id, ts: message.ts }, 'could not add a message to the timeline');
      const why = isDomainError(error) ? error.message : 'Something went wrong on my side. Please try again.';
      await say(`:warning: I could not add that message to the timeline. ${why}`);
    }
  });
};
