// People pinning, reacting, renaming and joining; each changes the workspace, then Slack's event
// (README §3.8) goes to the bot when it is a member of the conversation.
import { channelNameProblem, nameTaken } from './channel-names.ts';
import { deliverEvent, notDelivered } from './events.ts';
import { actors } from './interactions.ts';
import { botHears } from './person-messages.ts';
import { messageObject } from './slack-objects.ts';
import { findMessage, nextTs, nowSeconds, type Workspace } from './state.ts';
import type { Delivery, EventDelivery } from './types.ts';

type Target = { user: string; channel: string; ts: string };

function target(ws: Workspace, a: Target) {
  const channel = actors(ws, a.user, a.channel);
  const message = findMessage(ws, channel.id, a.ts);
  if (!message) throw new Error(`sandbox: no message ${a.ts} in ${channel.id}`);
  return { channel, message };
}

/** Pins a message as `user`; delivers pin_added (or pin_removed when `add` is false). */
export async function pinEvent(ws: Workspace, a: Target, add: boolean, d: Delivery, timeoutMs: number) {
  const { channel, message } = target(ws, a);
  if (add === Boolean(message.pin)) throw new Error(`sandbox: message ${a.ts} is ${add ? 'already' : 'not'} pinned`);
  const pin = message.pin ?? { created: nowSeconds(ws), createdBy: a.user };
  if (add) message.pin = pin;
  else delete message.pin;
  const pinCount = (ws.messages.get(channel.id) ?? []).filter((m) => m.pin).length;
  if (!botHears(ws, channel)) return notDelivered(d);
  const event: Record<string, unknown> = {
    type: add ? 'pin_added' : 'pin_removed',
    user: a.user,
    channel_id: channel.id,
    item: {
      type: 'message',
      created: pin.created,
      created_by: pin.createdBy,
      channel: channel.id,
      message: messageObject(ws, message, { permalink: true, pinnedTo: true }),
    },
    ...(message.user !== undefined ? { item_user: message.user } : {}),
    pin_count: pinCount,
    pinned_info: { channel: channel.id, pinned_by: pin.createdBy, pinned_ts: pin.created },
    ...(add ? {} : { has_pins: pinCount > 0 }),
    event_ts: nextTs(ws),
  };
  return deliverEvent(ws, event, d, timeoutMs);
}

/** Adds (or removes) `user`'s reaction; delivers reaction_added / reaction_removed. */
export async function reactionEvent(
  ws: Workspace,
  a: Target & { name: string },
  add: boolean,
  d: Delivery,
  timeoutMs: number,
): Promise<EventDelivery> {
  const { channel, message } = target(ws, a);
  const reaction = message.reactions.find((r) => r.name === a.name);
  const has = reaction?.users.includes(a.user) ?? false;
  if (add === has) throw new Error(`sandbox: ${a.user} has ${add ? 'already' : 'not'} reacted :${a.name}:`);
  if (add && reaction) reaction.users.push(a.user);
  else if (add) message.reactions.push({ name: a.name, users: [a.user] });
  else if (reaction) {
    reaction.users = reaction.users.filter((u) => u !== a.user);
    if (reaction.users.length === 0) message.reactions = message.reactions.filter((r) => r !== reaction);
  }
  if (!botHears(ws, channel)) return notDelivered(d);
  const event = {
    type: add ? 'reaction_added' : 'reaction_removed',
    user: a.user,
    reaction: a.name,
    ...(message.user !== undefined ? { item_user: message.user } : {}),
    item: { type: 'message', channel: channel.id, ts: message.ts },
    event_ts: nextTs(ws),
  };
  return deliverEvent(ws, event, d, timeoutMs);
}

/** Renames a channel as a person would; channel_rename (group_rename for private channels, as Slack sends). */
export async function renameEvent(ws: Workspace, a: { channel: string; name: string }, d: Delivery, timeoutMs: number) {
  const channel = ws.channels.get(a.channel);
  if (!channel || channel.isIm) throw new Error(`sandbox: no channel ${a.channel}`);
  const problem = channelNameProblem(a.name) ?? (nameTaken(ws, a.name, channel.id) ? 'name_taken' : undefined);
  if (problem) throw new Error(`sandbox: Slack would refuse the name ${JSON.stringify(a.name)}: ${problem}`);
  channel.previousNames.unshift(channel.name);
  channel.name = a.name;
  if (!botHears(ws, channel)) return notDelivered(d);
  const event = {
    type: channel.isPrivate ? 'group_rename' : 'channel_rename',
    channel: {
      id: channel.id,
      name: channel.name,
      name_normalized: channel.name,
      created: channel.created,
      is_channel: !channel.isPrivate,
      is_mpim: false,
    },
    event_ts: nextTs(ws),
  };
  return deliverEvent(ws, event, d, timeoutMs);
}

/** `user` joins (the bot too: that is how a person adds it); member_joined_channel goes to the bot. */
export async function joinEvent(ws: Workspace, a: { user: string; channel: string }, timeoutMs: number) {
  const channel = actors(ws, a.user, a.channel);
  if (channel.isIm || channel.isArchived) throw new Error(`sandbox: nobody can join ${channel.id}`);
  if (channel.members.includes(a.user)) throw new Error(`sandbox: ${a.user} is already in ${channel.id}`);
  channel.members.push(a.user);
  if (!botHears(ws, channel)) return;
  const event = {
    type: 'member_joined_channel',
    user: a.user,
    channel: channel.id,
    channel_type: channel.isPrivate ? 'G' : 'C',
    team: ws.teamId,
    event_ts: nextTs(ws),
  };
  await deliverEvent(ws, event, {}, timeoutMs);
}
