// People using the app: slash commands, buttons and message shortcuts, sent as Slack sends them
// (README §3.1-3.3, §3.7), each with a fresh trigger_id and (where Slack gives one) a response_url.
import { deliver, interactivityBody } from './deliver.ts';
import { triggerId } from './ids.ts';
import { issueResponseUrl, respond } from './response-url.ts';
import { messageObject, payloadUser } from './slack-objects.ts';
import {
  type ChannelRecord,
  type EphemeralRecord,
  findMessage,
  type MessageRecord,
  nextTs,
  type Workspace,
} from './state.ts';
import type { SandboxReply } from './types.ts';

/** A new single-use trigger id for the person (README §2.2). */
export function issueTrigger(ws: Workspace, userId: string): string {
  const id = triggerId();
  ws.triggers.set(id, { userId, issuedAt: ws.now(), used: false });
  return id;
}

/** The channel and person of an interaction; unknown ones are test bugs. */
export function actors(ws: Workspace, userId: string, channelId: string): ChannelRecord {
  if (!ws.users.has(userId)) throw new Error(`sandbox: no user ${userId}; addUser first`);
  const channel = ws.channels.get(channelId);
  if (!channel) throw new Error(`sandbox: no channel ${channelId}; addChannel first`);
  return channel;
}

const channelName = (c: ChannelRecord): string => (c.isIm ? 'directmessage' : c.name);
const team = (ws: Workspace) => ({ id: ws.teamId, domain: ws.teamDomain });

/** `/incident text` typed by `user` in `channel`; the bot's reply body becomes an ephemeral or channel message. */
export async function slashCommand(
  ws: Workspace,
  a: { user: string; channel: string; text?: string; command?: string },
  timeoutMs: number,
): Promise<SandboxReply> {
  const channel = actors(ws, a.user, a.channel);
  const trigger = issueTrigger(ws, a.user);
  const target = { channel: channel.id, user: a.user, ephemeral: false };
  // Field order as real bodies (fixtures/slash_command.txt).
  const body = new URLSearchParams({
    token: ws.verificationToken,
    team_id: ws.teamId,
    team_domain: ws.teamDomain,
    channel_id: channel.id,
    channel_name: channelName(channel),
    user_id: a.user,
    user_name: ws.users.get(a.user)?.name ?? a.user,
    command: a.command ?? '/incident',
    text: a.text ?? '',
    api_app_id: ws.appId,
    is_enterprise_install: 'false',
    response_url: issueResponseUrl(ws, target),
    trigger_id: trigger,
  }).toString();
  const reply = await deliver(ws, body, 'application/x-www-form-urlencoded', timeoutMs);
  const problems: string[] = [];
  if (reply.status === 200 && reply.body !== null) {
    const payload = typeof reply.body === 'object' ? (reply.body as Record<string, unknown>) : { text: reply.text };
    const error = respond(ws, { ...target, createdAt: ws.now(), uses: 0 }, payload);
    if (error) problems.push(error);
  } else if (reply.status !== 200) {
    problems.push(reply.status === 0 ? 'operation_timeout' : `http_${reply.status}`);
  }
  return { status: reply.status, body: reply.body, triggerId: trigger, ...(problems.length ? { problems } : {}) };
}

type Found = { message: MessageRecord; ephemeral: false } | { message: EphemeralRecord; ephemeral: true };

// Buttons sit on channel messages or on ephemerals the clicking person can see.
function findClickable(ws: Workspace, channel: string, ts: string, user: string): Found {
  const message = findMessage(ws, channel, ts);
  if (message) return { message, ephemeral: false };
  const ephemeral = ws.ephemerals.find((e) => e.channel === channel && e.ts === ts && e.user === user);
  if (ephemeral) return { message: ephemeral, ephemeral: true };
  throw new Error(`sandbox: no message ${ts} in ${channel} that ${user} can see`);
}

function findButton(blocks: unknown[] | undefined, actionId: string) {
  for (const block of blocks ?? []) {
    const b = block as { block_id?: string; elements?: unknown[]; accessory?: unknown };
    for (const element of [...(b.elements ?? []), b.accessory]) {
      const e = element as { type?: string; action_id?: string; text?: unknown; value?: string } | undefined;
      if (e?.action_id === actionId) {
        if (e.type !== 'button') throw new Error(`sandbox: ${actionId} is a ${e.type}, not a button`);
        return { blockId: b.block_id as string, element: e };
      }
    }
  }
  throw new Error(`sandbox: no button with action_id ${actionId} on that message`);
}

/** `user` clicks a button on a message (or on an ephemeral they can see). */
export async function clickButton(
  ws: Workspace,
  a: { user: string; channel: string; ts: string; actionId: string; value?: string },
  timeoutMs: number,
): Promise<SandboxReply> {
  const channel = actors(ws, a.user, a.channel);
  const found = findClickable(ws, channel.id, a.ts, a.user);
  const { blockId, element } = findButton(found.message.blocks, a.actionId);
  const trigger = issueTrigger(ws, a.user);
  const payload = {
    type: 'block_actions',
    user: payloadUser(ws, a.user),
    api_app_id: ws.appId,
    token: ws.verificationToken,
    container: { type: 'message', message_ts: a.ts, channel_id: channel.id, is_ephemeral: found.ephemeral },
    trigger_id: trigger,
    team: team(ws),
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel.id, name: channelName(channel) },
    // Slack does not echo ephemeral messages back in the payload.
    ...(found.ephemeral ? {} : { message: messageObject(ws, found.message) }),
    state: { values: {} },
    response_url: issueResponseUrl(ws, {
      channel: channel.id,
      user: a.user,
      messageTs: a.ts,
      ephemeral: found.ephemeral,
    }),
    actions: [
      {
        action_id: a.actionId,
        block_id: blockId,
        text: element.text,
        value: a.value ?? element.value,
        type: 'button',
        action_ts: nextTs(ws),
      },
    ],
  };
  const reply = await deliver(ws, interactivityBody(payload), 'application/x-www-form-urlencoded', timeoutMs);
  return { status: reply.status, body: reply.body, triggerId: trigger };
}

/** `user` runs the message shortcut `callbackId` on a message. */
export async function messageShortcut(
  ws: Workspace,
  a: { user: string; channel: string; ts: string; callbackId: string },
  timeoutMs: number,
): Promise<SandboxReply> {
  const channel = actors(ws, a.user, a.channel);
  const message = findMessage(ws, channel.id, a.ts);
  if (!message) throw new Error(`sandbox: no message ${a.ts} in ${channel.id}`);
  const trigger = issueTrigger(ws, a.user);
  const payload = {
    type: 'message_action',
    token: ws.verificationToken,
    action_ts: nextTs(ws),
    team: team(ws),
    user: payloadUser(ws, a.user),
    channel: { id: channel.id, name: channelName(channel) },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: a.callbackId,
    trigger_id: trigger,
    response_url: issueResponseUrl(ws, { channel: channel.id, user: a.user, messageTs: a.ts, ephemeral: false }),
    message_ts: message.ts,
    message: messageObject(ws, message),
  };
  const reply = await deliver(ws, interactivityBody(payload), 'application/x-www-form-urlencoded', timeoutMs);
  return { status: reply.status, body: reply.body, triggerId: trigger };
}
