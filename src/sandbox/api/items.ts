// pins.*, reactions.* and bookmarks.add (README §4): things the bot attaches to messages and channels.
import { slackId } from '../ids.ts';
import { messageObject } from '../slack-objects.ts';
import { findMessage, isMember, type MessageRecord, nowSeconds, type Workspace } from '../state.ts';
import { ApiError, type Handler, optionalString, requireBotMember, requiredString, resolveChannel } from './args.ts';

function target(ws: Workspace, args: Record<string, unknown>): MessageRecord {
  const channel = resolveChannel(ws, optionalString(args, 'channel'));
  if (channel.isPrivate && !isMember(channel, ws.botUserId)) throw new ApiError('channel_not_found');
  const message = findMessage(ws, channel.id, requiredString(args, 'timestamp', 'no_item_specified'));
  if (!message) throw new ApiError('message_not_found');
  return message;
}

const pinsAdd: Handler = ({ ws, args }) => {
  const message = target(ws, args);
  requireBotMember(ws, resolveChannel(ws, message.channel));
  if (message.pin) throw new ApiError('already_pinned');
  message.pin = { created: nowSeconds(ws), createdBy: ws.botUserId };
  return {};
};

const pinsRemove: Handler = ({ ws, args }) => {
  const message = target(ws, args);
  if (!message.pin) throw new ApiError('no_pin');
  delete message.pin;
  return {};
};

const pinsList: Handler = ({ ws, args }) => {
  const channel = resolveChannel(ws, optionalString(args, 'channel'));
  if (channel.isPrivate && !isMember(channel, ws.botUserId)) throw new ApiError('channel_not_found');
  const pinned = (ws.messages.get(channel.id) ?? []).filter((m) => m.pin);
  return {
    items: pinned.map((m) => ({
      type: 'message',
      channel: channel.id,
      created: m.pin?.created,
      created_by: m.pin?.createdBy,
      message: messageObject(ws, m, { permalink: true, pinnedTo: true }),
    })),
  };
};

const emojiName = (args: Record<string, unknown>): string =>
  requiredString(args, 'name', 'invalid_name').replace(/^:|:$/g, '');

const reactionsAdd: Handler = ({ ws, args }) => {
  const message = target(ws, args);
  const name = emojiName(args);
  const reaction = message.reactions.find((r) => r.name === name);
  if (reaction?.users.includes(ws.botUserId)) throw new ApiError('already_reacted');
  if (reaction) reaction.users.push(ws.botUserId);
  else message.reactions.push({ name, users: [ws.botUserId] });
  return {};
};

const reactionsRemove: Handler = ({ ws, args }) => {
  const message = target(ws, args);
  const name = emojiName(args);
  const reaction = message.reactions.find((r) => r.name === name);
  if (!reaction?.users.includes(ws.botUserId)) throw new ApiError('no_reaction');
  reaction.users = reaction.users.filter((u) => u !== ws.botUserId);
  if (reaction.users.length === 0) message.reactions = message.reactions.filter((r) => r !== reaction);
  return {};
};

const bookmarksAdd: Handler = ({ ws, args }) => {
  const channel = resolveChannel(ws, optionalString(args, 'channel_id'));
  requireBotMember(ws, channel);
  const title = requiredString(args, 'title');
  if (requiredString(args, 'type') !== 'link') throw new ApiError('invalid_bookmark_type');
  const link = requiredString(args, 'link');
  const emoji = optionalString(args, 'emoji');
  const created = nowSeconds(ws);
  const bookmark = { id: slackId('Bk'), channel: channel.id, title, link, created, ...(emoji ? { emoji } : {}) };
  ws.bookmarks.push(bookmark);
  return {
    bookmark: {
      id: bookmark.id,
      channel_id: channel.id,
      title,
      link,
      emoji: emoji ?? null,
      icon_url: null,
      type: 'link',
      entity_id: null,
      date_created: created,
      date_updated: 0,
      rank: String.fromCharCode(97 + ws.bookmarks.filter((b) => b.channel === channel.id).length - 1),
      last_updated_by_user_id: ws.botUserId,
      last_updated_by_team_id: ws.teamId,
      shortcut_id: null,
      app_id: ws.appId,
    },
  };
};

/** pins.*, reactions.* and bookmarks.add, by name. */
export const itemMethods: Record<string, Handler> = {
  'pins.add': pinsAdd,
  'pins.remove': pinsRemove,
  'pins.list': pinsList,
  'reactions.add': reactionsAdd,
  'reactions.remove': reactionsRemove,
  'bookmarks.add': bookmarksAdd,
};
