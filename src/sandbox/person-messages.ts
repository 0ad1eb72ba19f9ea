// People writing, editing and deleting messages; the bot hears about it through `message` events
// (README §3.8-3.9) only in conversations it is a member of.
import { randomUUID } from 'node:crypto';
import { deliverEvent } from './events.ts';
import { actors } from './interactions.ts';
import { messageObject } from './slack-objects.ts';
import {
  type ChannelRecord,
  channelMessages,
  channelType,
  findMessage,
  isMember,
  type MessageRecord,
  nextTs,
  openDm,
  type Workspace,
} from './state.ts';

/** Whether Slack would send the bot events about this conversation. */
export const botHears = (ws: Workspace, channel: ChannelRecord): boolean => isMember(channel, ws.botUserId);

function existing(ws: Workspace, channelId: string, ts: string): { channel: ChannelRecord; message: MessageRecord } {
  const channel = ws.channels.get(channelId);
  if (!channel) throw new Error(`sandbox: no channel ${channelId}`);
  const message = findMessage(ws, channelId, ts);
  if (!message) throw new Error(`sandbox: no message ${ts} in ${channelId}`);
  return { channel, message };
}

/** Stores a person's message and delivers `message` (and `app_mention` when it mentions the bot). */
export async function personPosts(
  ws: Workspace,
  a: { user: string; channel: string; text: string; threadTs?: string },
  timeoutMs: number,
): Promise<MessageRecord> {
  // Writing "to the bot" (its user id) means the person's DM with it, as in Slack's sidebar.
  const channel = a.channel === ws.botUserId ? openDm(ws, a.user) : actors(ws, a.user, a.channel);
  if (!ws.users.has(a.user)) throw new Error(`sandbox: no user ${a.user}`);
  if (channel.isArchived) throw new Error(`sandbox: ${channel.id} is archived; nobody can post there`);
  if (!isMember(channel, a.user)) throw new Error(`sandbox: ${a.user} is not in ${channel.id}; joinChannel first`);
  const message: MessageRecord = {
    ts: nextTs(ws),
    channel: channel.id,
    user: a.user,
    clientMsgId: randomUUID(),
    text: a.text,
    reactions: [],
  };
  if (a.threadTs !== undefined) message.threadTs = a.threadTs;
  channelMessages(ws, channel.id).push(message);
  if (!botHears(ws, channel)) return message;
  const event = {
    ...messageObject(ws, message),
    channel: channel.id,
    event_ts: message.ts,
    channel_type: channelType(channel),
  };
  await deliverEvent(ws, event, {}, timeoutMs);
  // DMs to the bot are not app_mentions (README §3.8).
  if (!channel.isIm && a.text.includes(`<@${ws.botUserId}>`)) {
    const { channel_type: _, ...mention } = event;
    await deliverEvent(ws, { ...mention, type: 'app_mention' }, {}, timeoutMs);
  }
  return message;
}

/** Edits a message's text and delivers `message_changed`. */
export async function editMessage(ws: Workspace, a: { channel: string; ts: string; text: string }, timeoutMs: number) {
  const { channel, message } = existing(ws, a.channel, a.ts);
  const previous = messageObject(ws, message);
  const ts = nextTs(ws);
  message.text = a.text;
  message.edited = { user: message.user ?? ws.botUserId, ts };
  if (!botHears(ws, channel)) return;
  const event = {
    type: 'message',
    subtype: 'message_changed',
    hidden: true,
    channel: channel.id,
    ts,
    event_ts: ts,
    message: messageObject(ws, message),
    previous_message: previous,
    channel_type: channelType(channel),
  };
  await deliverEvent(ws, event, {}, timeoutMs);
}

/** Deletes a message (with its pins and reactions) and delivers `message_deleted`. */
export async function deleteMessage(ws: Workspace, a: { channel: string; ts: string }, timeoutMs: number) {
  const { channel, message } = existing(ws, a.channel, a.ts);
  ws.messages.set(
    channel.id,
    channelMessages(ws, channel.id).filter((m) => m !== message),
  );
  if (!botHears(ws, channel)) return;
  const ts = nextTs(ws);
  const event = {
    type: 'message',
    subtype: 'message_deleted',
    hidden: true,
    channel: channel.id,
    ts,
    event_ts: ts,
    deleted_ts: message.ts,
    previous_message: messageObject(ws, message),
    channel_type: channelType(channel),
  };
  await deliverEvent(ws, event, {}, timeoutMs);
}
