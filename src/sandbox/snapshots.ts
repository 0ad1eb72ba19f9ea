// Plain-data copies of records for the inspection methods, so tests can never mutate the sandbox's state.
import {
  type ChannelRecord,
  type MessageRecord,
  permalink,
  type UserRecord,
  type ViewRecord,
  type Workspace,
} from './state.ts';
import type { SandboxChannel, SandboxMessage, SandboxUser, SandboxView } from './types.ts';

/** A user as tests see it. */
export const userSnapshot = (u: UserRecord): SandboxUser => ({
  id: u.id,
  name: u.name,
  realName: u.realName,
  ...(u.email !== undefined ? { email: u.email } : {}),
  tz: u.tz,
  isBot: u.isBot,
});

/** A channel as tests see it. */
export const channelSnapshot = (c: ChannelRecord): SandboxChannel => ({
  id: c.id,
  name: c.name,
  isPrivate: c.isPrivate,
  isArchived: c.isArchived,
  isIm: c.isIm,
  creator: c.creator,
  topic: c.topic.value,
  purpose: c.purpose.value,
  members: [...c.members],
  created: c.created,
});

/** A message as tests see it. */
export const messageSnapshot = (ws: Workspace, m: MessageRecord): SandboxMessage => ({
  ts: m.ts,
  channel: m.channel,
  ...(m.user !== undefined ? { user: m.user } : {}),
  ...(m.botId !== undefined ? { botId: m.botId } : {}),
  text: m.text,
  ...(m.blocks !== undefined ? { blocks: structuredClone(m.blocks) } : {}),
  ...(m.threadTs !== undefined ? { threadTs: m.threadTs } : {}),
  ...(m.edited !== undefined ? { edited: { ...m.edited } } : {}),
  permalink: permalink(ws, m.channel, m.ts),
});

/** A view as tests see it. */
export const viewSnapshot = (v: ViewRecord): SandboxView => ({
  id: v.id,
  userId: v.userId,
  view: structuredClone(v.view),
  ...(v.errors !== undefined ? { errors: { ...v.errors } } : {}),
  closed: v.closed,
  hash: v.hash,
});
