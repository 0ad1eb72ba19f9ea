// `@Incident <command>` in an incident channel, as in Response: ✅ when done, ❓ and a private
// note saying what to do instead when not. Replies meant for everyone are posted in the channel.
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { splitCommand, withoutLeadingMention } from '../../commands/parse.ts';
import { runCommand } from '../../commands/run-command.ts';
import { slackErrorCode } from '../../slack-errors.ts';
import type { ListenerDeps } from '../deps.ts';

const DONE = 'white_check_mark';
const PUZZLED = 'question';

/** Adds one reaction and takes the other away; "already there" and "not there" are fine (§4). */
const react = async (client: WebClient, channel: string, timestamp: string, add: string, remove: string) => {
  const quietly = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      const code = slackErrorCode(error);
      if (code !== 'already_reacted' && code !== 'no_reaction') throw error;
    }
  };
  await quietly(() => client.reactions.remove({ channel, timestamp, name: remove }));
  await quietly(() => client.reactions.add({ channel, timestamp, name: add }));
};

/** Registers app_mention. */
export const registerMentionCommands = (app: App, deps: ListenerDeps): void => {
  app.event('app_mention', async ({ event, client }) => {
    if (!event.user) return;
    const { channel, ts, user } = event;
    const words = splitCommand(withoutLeadingMention(event.text)) ?? { name: 'help', args: '' };
    const result = await runCommand({
      deps,
      client,
      name: words.name,
      args: words.args,
      userId: user,
      channelId: channel,
      triggerId: null,
      via: 'mention',
    });
    // Outside incident channels mentions are conversation, not commands (Response's rule too).
    if (result === null) return;
    if (!result.ok) {
      await react(client, channel, ts, PUZZLED, DONE);
      await client.chat.postEphemeral({ channel, user, text: `:question: ${result.error}` });
      return;
    }
    await react(client, channel, ts, DONE, PUZZLED);
    if (result.tell) {
      await client.chat.postEphemeral({ channel, user, text: result.tell.text, blocks: result.tell.blocks as never });
    }
    if (result.say) await client.chat.postMessage({ channel, text: result.say });
  });
};
