// Someone joined an incident channel: tell them, and only them, how the channel works. Not the bot
// (Slack sends member_joined_channel for the bot too, when it creates or joins a channel, §3.8).
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { getIncident } from '../../../usecases/index.ts';
import { welcomeText } from '../../blocks/welcome.ts';
import { slackErrorCode } from '../../slack-errors.ts';
import type { ListenerDeps } from '../deps.ts';

const Joined = z.object({ user: z.string(), channel: z.string() });

/** Registers member_joined_channel. */
export const registerMemberJoined = (app: App, deps: ListenerDeps): void => {
  app.event('member_joined_channel', async ({ event, context, client }) => {
    const joined = Joined.safeParse(event);
    if (!joined.success || joined.data.user === context.botUserId) return;
    const { user, channel } = joined.data;
    const incidentId = await deps.chatState.incidentForChannel(channel);
    if (incidentId === null) return;
    const incident = await getIncident(deps.read, incidentId);
    try {
      await client.chat.postEphemeral({ channel, user, text: welcomeText(incident, deps.events) });
    } catch (error) {
      // A welcome is a courtesy: one that cannot be shown (they left at once) is not worth Slack's retries.
      deps.logger.warn(
        { code: slackErrorCode(error), user, channel },
        'could not welcome a person to the incident channel',
      );
    }
  });
};
