// chat.* methods (README §4): the bot posting, updating and whispering messages.
import { messageObject } from '../slack-objects.ts';
import {
  type ChannelRecord,
  channelMessages,
  findMessage,
  isMember,
  type MessageRecord,
  nextTs,
  openDm,
  permalink,
  type Workspace,
} from '../state.ts';
import {
  ApiError,
  type Handler,
  optionalString,
  requireBotMember,
  requiredString,
  requireNotArchived,
  resolveChannel,
} from './args.ts';
import { readContent, readNewContent } from './message-content.ts';

/** Where chat.postMessage / postEphemeral write: a channel id, a `#name`, or a user id (their DM with the bot). */
function postTarget(ws: Workspace, target: string | undefined): ChannelRecord {
  if (target !== undefined && /^[UW]/.test(target) && ws.users.has(target)) return openDm(ws, target);
  if (target !== undefined && !ws.channels.has(target)) {
    const name = target.replace(/^#/, '');
    for (const c of ws.channels.values()) if (!c.isIm && c.name === name) return writable(ws, c);
  }
  return writable(ws, resolveChannel(ws, target));
}

// Public channels accept posts from non-members (chat:write.public); private ones need the bot inside.
function writable(ws: Workspace, channel: ChannelRecord): ChannelRecord {
  if (channel.isPrivate) requireBotMember(ws, channel);
  requireNotArchived(channel);
  return channel;
}

const postMessage: Handler = ({ ws, args }) => {
  const channel = postTarget(ws, optionalString(args, 'channel'));
  const content = readNewContent(args);
  const message: MessageRecord = {
    ts: nextTs(ws),
    channel: channel.id,
    user: ws.botUserId,
    botId: ws.botId,
    ...content,
    reactions: [],
  };
  const threadTs = optionalString(args, 'thread_ts');
  if (threadTs !== undefined) message.threadTs = threadTs;
  channelMessages(ws, channel.id).push(message);
  return { channel: channel.id, ts: message.ts, message: messageObject(ws, message) };
};

const update: Handler = ({ ws, args }) => {
  const channel = resolveChannel(ws, optionalString(args, 'channel'));
  const message = findMessage(ws, channel.id, requiredString(args, 'ts', 'message_not_found'));
  if (!message) throw new ApiError('message_not_found');
  if (message.botId !== ws.botId) throw new ApiError('cant_update_message');
  requireNotArchived(channel);
  const content = readContent(args);
  // Omitted blocks keep the old ones; `blocks: []` removes them (Slack's documented behaviour).
  if (content.text !== undefined) message.text = content.text;
  if (content.blocks !== undefined) {
    if (content.blocks.length > 0) message.blocks = content.blocks;
    else delete message.blocks;
  }
  message.edited = { user: ws.botUserId, ts: nextTs(ws) };
  return { channel: channel.id, ts: message.ts, text: message.text, message: messageObject(ws, message) };
};

const postEphemeral: Handler = ({ ws, args }) => {
  const channel = postTarget(ws, optionalString(args, 'channel'));
  const userId = requiredString(args, 'user', 'user_not_found');
  if (!ws.users.has(userId)) throw new ApiError('user_not_found');
  if (!isMember(channel, userId)) throw new ApiError('user_not_in_channel');
  const content = readNewContent(args);
  const ts = nextTs(ws);
  ws.ephemerals.push({ channel: channel.id, user: userId, via: 'api', ts, ...content });
  return { message_ts: ts };
};

const getPermalink: Handler = ({ ws, args }) => {
  const channel = resolveChannel(ws, optionalString(args, 'channel'));
  const message = findMessage(ws, channel.id, requiredString(args, 'message_ts', 'message_not_found'));
  if (!message) throw new ApiError('message_not_found');
  return { channel: channel.id, permalink: permalink(ws, channel.id, message.ts) };
};

/** The chat.* methods by name. */
export const chatMethods: Record<string, Handler> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.postEphemeral': postEphemeral,
  'chat.getPermalink': getPermalink,
};
