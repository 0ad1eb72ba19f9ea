// conversations.* methods that change a channel (README §4): create, invite, topic/purpose, join, rename, archive.
import { channelNameProblem, nameTaken } from '../channel-names.ts';
import { slackId } from '../ids.ts';
import { channelObject } from '../slack-objects.ts';
import { type ChannelRecord, isMember, nowSeconds, type Workspace } from '../state.ts';
import {
  ApiError,
  booleanArg,
  type Handler,
  optionalString,
  requireBotMember,
  requireNotArchived,
  resolveChannel,
} from './args.ts';

function checkName(ws: Workspace, name: string | undefined, exceptId?: string): string {
  const problem = channelNameProblem(name);
  if (problem !== undefined) throw new ApiError(problem);
  if (nameTaken(ws, name as string, exceptId)) throw new ApiError('name_taken');
  return name as string;
}

/** A new channel record; shared with the sandbox's addChannel so both make identical channels. */
export function newChannel(ws: Workspace, name: string, isPrivate: boolean, creator: string): ChannelRecord {
  const channel: ChannelRecord = {
    id: slackId('C'),
    name,
    isPrivate,
    isArchived: false,
    isIm: false,
    creator,
    created: nowSeconds(ws),
    topic: { value: '', creator: '', lastSet: 0 },
    purpose: { value: '', creator: '', lastSet: 0 },
    members: [],
    previousNames: [],
  };
  ws.channels.set(channel.id, channel);
  return channel;
}

const create: Handler = ({ ws, args }) => {
  const name = checkName(ws, optionalString(args, 'name'));
  const channel = newChannel(ws, name, booleanArg(args, 'is_private'), ws.botUserId);
  channel.members.push(ws.botUserId);
  return { channel: channelObject(ws, channel) };
};

// One bad id fails the whole call unless force=true; already-members are only an error when nobody
// new would join (Slack's semantics).
const invite: Handler = ({ ws, args }) => {
  const channel = resolveChannel(ws, optionalString(args, 'channel'));
  requireNotArchived(channel);
  requireBotMember(ws, channel);
  const ids = (optionalString(args, 'users') ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (ids.length === 0) throw new ApiError('no_user');
  const errors: { user: string; ok: false; error: string }[] = [];
  const joining: string[] = [];
  for (const id of ids) {
    const error =
      id === ws.botUserId
        ? 'cant_invite_self'
        : !ws.users.has(id)
          ? 'user_not_found'
          : isMember(channel, id)
            ? 'already_in_channel'
            : undefined;
    if (error) errors.push({ user: id, ok: false, error });
    else if (!joining.includes(id)) joining.push(id);
  }
  const fatal = errors.filter((e) => e.error !== 'already_in_channel');
  const force = booleanArg(args, 'force');
  if ((fatal.length > 0 && !force) || joining.length === 0) {
    throw new ApiError((fatal[0] ?? errors[0])?.error ?? 'no_user', { errors });
  }
  channel.members.push(...joining);
  return { channel: channelObject(ws, channel), ...(fatal.length > 0 ? { errors: fatal } : {}) };
};

const setText =
  (field: 'topic' | 'purpose'): Handler =>
  ({ ws, args }) => {
    const channel = resolveChannel(ws, optionalString(args, 'channel'));
    requireNotArchived(channel);
    requireBotMember(ws, channel);
    const value = optionalString(args, field) ?? '';
    if (value.length > 250) throw new ApiError('too_long');
    channel[field] = { value, creator: ws.botUserId, lastSet: nowSeconds(ws) };
    return { channel: channelObject(ws, channel) };
  };

const join: Handler = ({ ws, args }) => {
  const channel = resolveChannel(ws, optionalString(args, 'channel'));
  if (channel.isPrivate) throw new ApiError('method_not_supported_for_channel_type');
  requireNotArchived(channel);
  if (isMember(channel, ws.botUserId)) {
    return {
      channel: channelObject(ws, channel),
      warning: 'already_in_channel',
      response_metadata: { warnings: ['already_in_channel'] },
    };
  }
  channel.members.push(ws.botUserId);
  return { channel: channelObject(ws, channel) };
};

const rename: Handler = ({ ws, args }) => {
  const channel = resolveChannel(ws, optionalString(args, 'channel'));
  requireBotMember(ws, channel);
  requireNotArchived(channel);
  const name = checkName(ws, optionalString(args, 'name'), channel.id);
  if (name !== channel.name) {
    channel.previousNames.unshift(channel.name);
    channel.name = name;
  }
  return { channel: channelObject(ws, channel) };
};

const archive: Handler = ({ ws, args }) => {
  const channel = resolveChannel(ws, optionalString(args, 'channel'));
  if (channel.isIm) throw new ApiError('method_not_supported_for_channel_type');
  if (channel.isArchived) throw new ApiError('already_archived');
  requireBotMember(ws, channel);
  channel.isArchived = true;
  return {};
};

/** The conversations.* methods that change channels, by name. */
export const conversationManageMethods: Record<string, Handler> = {
  'conversations.create': create,
  'conversations.invite': invite,
  'conversations.setTopic': setText('topic'),
  'conversations.setPurpose': setText('purpose'),
  'conversations.join': join,
  'conversations.rename': rename,
  'conversations.archive': archive,
};
