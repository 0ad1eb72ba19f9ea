// The ChatNotifier port on Slack's Web API. Each method is one Slack effect and is safe to call
// again: the sync use case records every id Slack returns before moving on.
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { type ChatChannel, ChatError, type ChatNotifier, type ChatOrigin } from '../usecases/index.ts';
import { headline } from './blocks/headline.ts';
import { incidentUrl } from './blocks/incident-fields.ts';
import { clip } from './blocks/mrkdwn.ts';
import { chatFailureNotice, reporterThanks } from './blocks/notices.ts';
import { openingMessage } from './blocks/opening-message.ts';
import { reportRequest, resolutionNotice } from './blocks/resolution.ts';
import { alternativeName, channelName } from './channel-name.ts';
import { slackCall, slackErrorCode, toChatError } from './slack-errors.ts';

/** Where and how the bot posts. */
export interface NotifierOptions {
  readonly client: WebClient;
  readonly publicUrl: string;
  readonly teamId: string | null;
  readonly incidentChannel: string;
  readonly reportChannel: string;
  readonly channelNameTemplate: string;
  readonly timezone: string;
  readonly logger: Logger;
}

// name, name-2 … name-10: past that something other than a clash is wrong.
const NAME_ATTEMPTS = 10;
// Enough pages to find a channel among ~4000 (Slack suggests limit ≤ 200 per page).
const LIST_PAGES = 20;
const TOPIC_MAX = 250;
// Errors that mean the person is already there, or is the bot itself: nothing left to do.
const INVITE_DONE = new Set(['already_in_channel', 'cant_invite_self']);
// Errors where the ephemeral route cannot reach the person, so a DM is the way.
const EPHEMERAL_UNREACHABLE = new Set(['user_not_in_channel', 'channel_not_found', 'not_in_channel', 'is_archived']);

/** The Slack implementation of the core's chat capabilities. */
export const createSlackNotifier = (options: NotifierOptions): ChatNotifier & { botUserId(): Promise<string> } => {
  const { client, publicUrl, teamId, logger } = options;
  let botUser: Promise<string> | undefined;
  const botUserId = () => {
    botUser ??= slackCall('auth.test', () => client.auth.test()).then((r) => String(r.user_id));
    botUser.catch(() => {
      botUser = undefined;
    });
    return botUser;
  };

  /** A channel this bot created under `name` (a create whose answer was lost before we stored it). */
  const findOwnChannel = async (name: string): Promise<ChatChannel | null> => {
    const me = await botUserId();
    let cursor: string | undefined;
    for (let page = 0; page < LIST_PAGES; page++) {
      const list = await slackCall('conversations.list', () =>
        client.conversations.list({ types: 'public_channel,private_channel', limit: 200, cursor }),
      );
      const found = list.channels?.find((c) => c.name === name && c.creator === me && !c.is_archived);
      if (found?.id) return { id: found.id, name };
      cursor = list.response_metadata?.next_cursor || undefined;
      if (!cursor) return null;
    }
    return null;
  };

  const post = async (channel: string, message: { text: string; blocks: unknown[] }) => {
    const sent = await slackCall('chat.postMessage', () =>
      client.chat.postMessage({ channel, text: message.text, blocks: message.blocks as never, unfurl_links: false }),
    );
    return { channelId: String(sent.channel), ts: String(sent.ts) };
  };

  return {
    botUserId,

    async createChannel(incident, { retrying, isFree }) {
      const base = channelName(options.channelNameTemplate, incident, options.timezone);
      for (let n = 1; n <= NAME_ATTEMPTS; n++) {
        const name = n === 1 ? base : alternativeName(base, n);
        try {
          const created = await client.conversations.create({ name });
          return { id: String(created.channel?.id), name: String(created.channel?.name ?? name) };
        } catch (error) {
          if (slackErrorCode(error) !== 'name_taken') throw toChatError('conversations.create', error);
          // Taken: by us, in an attempt whose reply never reached the database? Then it is ours.
          if (retrying) {
            const own = await findOwnChannel(name);
            if (own && (await isFree(own.id))) return own;
          }
          logger.info({ incidentId: incident.id, name }, 'channel name taken, trying the next');
        }
      }
      throw new ChatError(
        'name_taken',
        false,
        `Slack conversations.create failed: every name from ${base} to ${alternativeName(base, NAME_ATTEMPTS)} is taken`,
      );
    },

    async prepareChannel(channel, incident) {
      const url = incidentUrl(publicUrl, incident);
      const topic = `${clip(incident.title, TOPIC_MAX - url.length - 3)} · ${url}`;
      await slackCall('conversations.setTopic', () => client.conversations.setTopic({ channel: channel.id, topic }));
      const me = await botUserId();
      const people = [incident.reporter?.slackId, incident.lead?.slackId].filter(
        (id, i, all): id is string => !!id && id !== me && all.indexOf(id) === i,
      );
      // One at a time: with several users, one bad id fails the whole call (§4).
      for (const user of people) {
        try {
          await client.conversations.invite({ channel: channel.id, users: user });
        } catch (error) {
          const code = slackErrorCode(error);
          if (code && INVITE_DONE.has(code)) continue;
          if (code === 'user_not_found' || code === 'cant_invite') {
            logger.warn({ incidentId: incident.id, user, code }, 'could not invite a person to the incident channel');
            continue;
          }
          throw toChatError('conversations.invite', error);
        }
      }
    },

    postOpening: (channel, incident) => post(channel.id, openingMessage(incident, publicUrl)),

    postHeadline: (incident) =>
      post(
        incident.kind === 'report' ? options.reportChannel : options.incidentChannel,
        headline(incident, publicUrl, teamId),
      ),

    async updateHeadline(ref, incident) {
      const message = headline(incident, publicUrl, teamId);
      await slackCall('chat.update', () =>
        client.chat.update({ channel: ref.channelId, ts: ref.ts, text: message.text, blocks: message.blocks }),
      );
    },

    async tellReporter(origin: ChatOrigin, incident) {
      const text = reporterThanks(incident, publicUrl);
      if (origin.responseUrl && (await answerInPlace(origin.responseUrl, text))) return;
      if (!origin.userId) return;
      const user = origin.userId;
      if (origin.channelId) {
        const channel = origin.channelId;
        try {
          await client.chat.postEphemeral({ channel, user, text });
          return;
        } catch (error) {
          const code = slackErrorCode(error);
          if (!code || !EPHEMERAL_UNREACHABLE.has(code)) throw toChatError('chat.postEphemeral', error);
        }
      }
      await slackCall('chat.postMessage', () => client.chat.postMessage({ channel: user, text }));
    },

    async announceResolution(incident) {
      if (incident.channel) {
        const channel = incident.channel.id;
        const text = resolutionNotice(incident, publicUrl);
        await slackCall('chat.postMessage', () => client.chat.postMessage({ channel, text, unfurl_links: false }));
      }
      const person = incident.lead?.slackId ?? incident.reporter?.slackId;
      if (!person) return;
      const text = reportRequest(incident, publicUrl);
      await slackCall('chat.postMessage', () =>
        client.chat.postMessage({ channel: person, text, unfurl_links: false }),
      );
    },

    async reportFailure(userId, incident, what) {
      const text = chatFailureNotice(incident, what, publicUrl);
      await slackCall('chat.postMessage', () => client.chat.postMessage({ channel: userId, text }));
    },
  };
};

/** Answers through the command's response_url (valid 30 minutes, §2.3); false if that no longer works. */
const answerInPlace = async (responseUrl: string, text: string): Promise<boolean> => {
  try {
    const response = await fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', text }),
      signal: AbortSignal.timeout(5_000),
    });
    return response.ok;
  } catch {
    return false;
  }
};
