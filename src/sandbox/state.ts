// The workspace the sandbox pretends to be: plain records in Maps and arrays, no behaviour beyond lookups.
import { formatTs, randomHex, slackId } from './ids.ts';
import type { SandboxCall, SandboxFault } from './types.ts';

/** A user row; the bot is one too. */
export interface UserRecord {
  id: string;
  name: string;
  realName: string;
  email?: string;
  tz: string;
  isBot: boolean;
  updated: number;
}

/** A channel's topic or purpose with who set it and when (Unix s). */
export interface TopicRecord {
  value: string;
  creator: string;
  lastSet: number;
}

/** A channel, private channel or DM (isIm, with imUser the person). */
export interface ChannelRecord {
  id: string;
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  isIm: boolean;
  imUser?: string;
  creator: string;
  created: number;
  topic: TopicRecord;
  purpose: TopicRecord;
  members: string[];
  previousNames: string[];
}

/** A stored message; reactions and pins live on it so deleting the message drops them too. */
export interface MessageRecord {
  ts: string;
  channel: string;
  user?: string;
  botId?: string;
  /** Set on messages people type (Slack's client id), absent on the bot's. */
  clientMsgId?: string;
  text: string;
  blocks?: unknown[];
  threadTs?: string;
  edited?: { user: string; ts: string };
  reactions: { name: string; users: string[] }[];
  pin?: { created: number; createdBy: string };
}

/** An ephemeral message; `ts` identifies it for replace_original through a response_url. */
export interface EphemeralRecord {
  channel: string;
  user: string;
  text: string;
  blocks?: unknown[];
  via: 'api' | 'response_url';
  ts: string;
}

/** A modal; `stack` order lives in Workspace.stacks. */
export interface ViewRecord {
  id: string;
  userId: string;
  view: Record<string, unknown>;
  errors?: Record<string, string>;
  closed: boolean;
  hash: string;
  rootViewId: string;
  previousViewId: string | null;
}

/** A trigger id handed to the bot with an interaction (README §2.2). */
export interface TriggerRecord {
  userId: string;
  issuedAt: number;
  used: boolean;
}

/** A response_url handed to the bot (README §2.3); `messageTs` is the message a button sat on. */
export interface ResponseUrlRecord {
  channel: string;
  user: string;
  messageTs?: string;
  ephemeral: boolean;
  createdAt: number;
  uses: number;
}

/** A channel bookmark added with bookmarks.add. */
export interface BookmarkRecord {
  id: string;
  channel: string;
  title: string;
  link: string;
  emoji?: string;
  created: number;
}

/** Everything the sandbox knows. */
export interface Workspace {
  teamId: string;
  teamDomain: string;
  appId: string;
  botUserId: string;
  botId: string;
  botToken: string;
  signingSecret: string;
  /** The deprecated `token` field Slack still puts in payloads. */
  verificationToken: string;
  now: () => number;
  /** `http://host:port` once started (or the public origin given); permalinks and response_urls hang off it. */
  origin: string;
  /** Where the sandbox's routes live under the origin: '' or a path like `/sandbox` (no trailing slash). */
  basePath: string;
  /** Bumped on every change people could see; the UI's server-sent events carry it. */
  version: number;
  /** Called (synchronously) after every change; see `changed`. */
  watchers: Set<() => void>;
  requestUrl?: string;
  users: Map<string, UserRecord>;
  channels: Map<string, ChannelRecord>;
  messages: Map<string, MessageRecord[]>;
  ephemerals: EphemeralRecord[];
  views: Map<string, ViewRecord>;
  /** Open view ids per user, bottom first (Slack's stack of up to 3). */
  stacks: Map<string, string[]>;
  triggers: Map<string, TriggerRecord>;
  responseUrls: Map<string, ResponseUrlRecord>;
  bookmarks: BookmarkRecord[];
  calls: SandboxCall[];
  faults: Map<string, (SandboxFault & { remaining: number })[]>;
  lastTsMicros: number;
}

/** A fresh workspace with only the bot user in it. */
export function createWorkspace(o: {
  teamId?: string;
  botToken?: string;
  signingSecret?: string;
  requestUrl?: string;
  now?: () => number;
  basePath?: string;
  publicOrigin?: string;
}): Workspace {
  const now = o.now ?? Date.now;
  const ws: Workspace = {
    teamId: o.teamId ?? 'T0SANDBOX01',
    teamDomain: 'sandbox',
    appId: 'A0SANDBOX01',
    botUserId: 'U0BOT00001',
    botId: 'B0BOT00001',
    botToken: o.botToken ?? `xoxb-sandbox-${randomHex(12)}`,
    signingSecret: o.signingSecret ?? randomHex(16),
    verificationToken: randomHex(12),
    now,
    origin: o.publicOrigin ?? 'http://sandbox.invalid',
    basePath: o.basePath ?? '',
    version: 0,
    watchers: new Set(),
    requestUrl: o.requestUrl,
    users: new Map(),
    channels: new Map(),
    messages: new Map(),
    ephemerals: [],
    views: new Map(),
    stacks: new Map(),
    triggers: new Map(),
    responseUrls: new Map(),
    bookmarks: [],
    calls: [],
    faults: new Map(),
    lastTsMicros: 0,
  };
  ws.users.set(ws.botUserId, {
    id: ws.botUserId,
    name: 'incident',
    realName: 'Incident Bot',
    tz: 'Europe/London',
    isBot: true,
    updated: Math.floor(now() / 1000),
  });
  return ws;
}

/** Unix seconds on the workspace clock. */
export const nowSeconds = (ws: Workspace): number => Math.floor(ws.now() / 1000);

/** A new ts, strictly greater than every ts handed out before (so per-channel order is strict too). */
export function nextTs(ws: Workspace): string {
  ws.lastTsMicros = Math.max(ws.lastTsMicros + 1, Math.floor(ws.now()) * 1000);
  return formatTs(ws.lastTsMicros);
}

/** Whether `userId` is in the channel (the bot is always in its DMs). */
export const isMember = (channel: ChannelRecord, userId: string): boolean => channel.members.includes(userId);

/** The channel's messages, creating the list on first use. */
export function channelMessages(ws: Workspace, channelId: string): MessageRecord[] {
  let list = ws.messages.get(channelId);
  if (!list) {
    list = [];
    ws.messages.set(channelId, list);
  }
  return list;
}

/** The message with that ts in that channel, if any. */
export const findMessage = (ws: Workspace, channelId: string, ts: string): MessageRecord | undefined =>
  ws.messages.get(channelId)?.find((m) => m.ts === ts);

/** The DM channel between the bot and the user, opened (like conversations.open) on first use. */
export function openDm(ws: Workspace, userId: string): ChannelRecord {
  for (const channel of ws.channels.values()) {
    if (channel.isIm && channel.imUser === userId) return channel;
  }
  const created = nowSeconds(ws);
  const dm: ChannelRecord = {
    id: slackId('D'),
    name: userId,
    isPrivate: true,
    isArchived: false,
    isIm: true,
    imUser: userId,
    creator: userId,
    created,
    topic: { value: '', creator: '', lastSet: 0 },
    purpose: { value: '', creator: '', lastSet: 0 },
    members: [userId, ws.botUserId],
    previousNames: [],
  };
  ws.channels.set(dm.id, dm);
  return dm;
}

/** Where the sandbox's routes start: origin plus base path, no trailing slash. */
export const baseUrl = (ws: Workspace): string => `${ws.origin}${ws.basePath}`;

/** A permalink of Slack's shape; the sandbox serves it by opening the message in its UI. */
export const permalink = (ws: Workspace, channelId: string, ts: string): string =>
  `${baseUrl(ws)}/archives/${channelId}/p${ts.replace('.', '')}`;

/** Records that the workspace changed (so the UI refreshes); watchers must not throw. */
export function changed(ws: Workspace): void {
  ws.version += 1;
  for (const watcher of ws.watchers) watcher();
}

/** Slack's channel-type letter/word for event payloads. */
export const channelType = (channel: ChannelRecord): 'channel' | 'group' | 'im' =>
  channel.isIm ? 'im' : channel.isPrivate ? 'group' : 'channel';
