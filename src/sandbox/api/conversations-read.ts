// conversations.* methods that read (README §4): info, list, members, history.
import { parseTs } from '../ids.ts';
import { channelObject, messageObject } from '../slack-objects.ts';
import { type ChannelRecord, isMember, type Workspace } from '../state.ts';
import { ApiError, booleanArg, type Handler, optionalString, paginate, resolveChannel } from './args.ts';

// Private channels the bot is not in do not exist as far as the bot can tell.
function visible(ws: Workspace, id: string | undefined): ChannelRecord {
  const channel = resolveChannel(ws, id);
  if (channel.isPrivate && !isMember(channel, ws.botUserId)) throw new ApiError('channel_not_found');
  return channel;
}

const info: Handler = ({ ws, args }) => ({
  channel: channelObject(ws, visible(ws, optionalString(args, 'channel'))),
});

const TYPES = ['public_channel', 'private_channel', 'mpim', 'im'];

const list: Handler = ({ ws, args }) => {
  const types = (optionalString(args, 'types') ?? 'public_channel').split(',').map((t) => t.trim());
  if (types.some((t) => !TYPES.includes(t))) throw new ApiError('invalid_types');
  const excludeArchived = booleanArg(args, 'exclude_archived');
  const matches = [...ws.channels.values()].filter((c) => {
    if (excludeArchived && c.isArchived) return false;
    if (c.isIm) return types.includes('im');
    if (c.isPrivate) return types.includes('private_channel') && isMember(c, ws.botUserId);
    return types.includes('public_channel');
  });
  const { page, nextCursor } = paginate(matches, args, 100, 1000);
  return { channels: page.map((c) => channelObject(ws, c)), response_metadata: { next_cursor: nextCursor } };
};

const members: Handler = ({ ws, args }) => {
  const channel = visible(ws, optionalString(args, 'channel'));
  const { page, nextCursor } = paginate([...channel.members], args, 100, 1000);
  return { members: page, response_metadata: { next_cursor: nextCursor } };
};

// Newest first; thread replies stay out of the channel's history, as in Slack.
const history: Handler = ({ ws, args }) => {
  const channel = visible(ws, optionalString(args, 'channel'));
  if (!isMember(channel, ws.botUserId)) throw new ApiError('not_in_channel');
  const inclusive = booleanArg(args, 'inclusive');
  const oldest = parseTs(optionalString(args, 'oldest') ?? '0');
  const latestArg = optionalString(args, 'latest');
  const latest = latestArg === undefined ? Number.POSITIVE_INFINITY : parseTs(latestArg);
  if (Number.isNaN(oldest)) throw new ApiError('invalid_ts_oldest');
  if (Number.isNaN(latest)) throw new ApiError('invalid_ts_latest');
  const all = ws.messages.get(channel.id) ?? [];
  const inRange = all
    .filter((m) => m.threadTs === undefined || m.threadTs === m.ts)
    .filter((m) => {
      const t = parseTs(m.ts);
      return inclusive ? t >= oldest && t <= latest : t > oldest && t < latest;
    })
    .reverse();
  const { page, nextCursor } = paginate(inRange, args, 100, 999);
  return {
    messages: page.map((m) => messageObject(ws, m, { pinnedTo: true })),
    has_more: nextCursor !== '',
    pin_count: all.filter((m) => m.pin).length,
    channel_actions_ts: null,
    channel_actions_count: 0,
    ...(nextCursor !== '' ? { response_metadata: { next_cursor: nextCursor } } : {}),
  };
};

/** The reading conversations.* methods, by name. */
export const conversationReadMethods: Record<string, Handler> = {
  'conversations.info': info,
  'conversations.list': list,
  'conversations.members': members,
  'conversations.history': history,
};
