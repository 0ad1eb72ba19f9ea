// The sandbox's public contract: what tests and `npm start` code against. Plain data only.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** How to build a sandbox; every field has a default so `createSandboxSlack()` just works. */
export interface SandboxOptions {
  signingSecret?: string;
  botToken?: string;
  teamId?: string;
  /** The bot's URL for commands, interactivity and events; can be set later with setRequestUrl. */
  requestUrl?: string;
  /** Milliseconds clock for signing timestamps, message ts and trigger/response_url expiry. */
  now?: () => number;
  /** How long the sandbox waits for the bot's HTTP reply; Slack waits 3000 ms (README §2.1). */
  replyTimeoutMs?: number;
  /**
   * The path every sandbox route lives under, e.g. `/sandbox`: `/sandbox/api/<method>`, `/sandbox/response/<id>`,
   * the UI at `/sandbox/`. Default '' (the root).
   */
  basePath?: string;
  /**
   * The origin the bot and browsers reach the sandbox at when it is mounted in another server with `handler`
   * (e.g. `http://127.0.0.1:3000`); apiUrl, response_urls and permalinks use it. Without it, start() sets it.
   */
  publicOrigin?: string;
  /**
   * When given, the UI offers a "Play a demo incident" button that runs this in the background (one run at a
   * time), e.g. `demo: () => playDemo(slack, cast)`.
   */
  demo?: () => Promise<unknown>;
}

/**
 * A node:http request listener that also works as Express/Connect middleware: serves everything the sandbox
 * serves under its base path, and calls `next()` (or answers 404 when there is no `next`) for anything else.
 */
export type SandboxHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

/** A person (or the bot) in the workspace. */
export interface SandboxUser {
  id: string;
  name: string;
  realName: string;
  email?: string;
  tz: string;
  isBot: boolean;
}

/** A channel as people see it; DMs have isIm true and the other person's id as name. */
export interface SandboxChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  isIm: boolean;
  creator: string;
  topic: string;
  purpose: string;
  members: string[];
  /** Unix seconds. */
  created: number;
}

/** A message in a channel's history. */
export interface SandboxMessage {
  ts: string;
  channel: string;
  user?: string;
  botId?: string;
  text: string;
  blocks?: unknown[];
  threadTs?: string;
  edited?: { user: string; ts: string };
  permalink: string;
}

/** A message only one person sees. */
export interface SandboxEphemeral {
  channel: string;
  user: string;
  text: string;
  blocks?: unknown[];
  via: 'api' | 'response_url';
  ts: string;
}

/** A modal as the sandbox holds it. */
export interface SandboxView {
  id: string;
  userId: string;
  /** The JSON the bot sent (callback_id, private_metadata, blocks, title, …), with Slack's filled-in block ids. */
  view: Record<string, unknown>;
  errors?: Record<string, string>;
  closed: boolean;
  hash: string;
}

/** One Web API call, as the sandbox answered it. */
export interface SandboxCall {
  method: string;
  args: Record<string, unknown>;
  ok: boolean;
  error?: string;
  status: number;
}

/** How failNext makes a method fail. */
export interface SandboxFault {
  error?: string;
  retryAfter?: number;
  status?: number;
  times?: number;
}

/** Delivery options for an event. */
export interface Delivery {
  /**
   * Deliver the same event_id this many times; the 2nd+ carry X-Slack-Retry-Num 1,2… and
   * X-Slack-Retry-Reason http_timeout.
   */
  times?: number;
  eventId?: string;
}

/** What happened to an event: one HTTP status per attempt (0 = no reply in time or no connection). */
export interface EventDelivery {
  eventId: string;
  statuses: number[];
}

/** The bot's HTTP reply to a slash command or an interaction. */
export interface SandboxReply {
  /** HTTP status, or 0 when the bot did not answer in time (Slack shows the person an error). */
  status: number;
  /** Parsed JSON, or text, or null when empty. */
  body: unknown;
  triggerId?: string;
  /** Why Slack would not act on the reply (e.g. an invalid view in response_action update); absent when fine. */
  problems?: string[];
}

/** A stateful stand-in for Slack: Web API server, signed requests to the bot, and inspection of what happened. */
export interface SandboxSlack {
  /** Listens on its own port (127.0.0.1, ephemeral by default), serving what `handler` serves. */
  start(port?: number, host?: string): Promise<void>;
  /** Stops the server start() began, and ends the UI's open event streams (call it when mounted, too). */
  stop(): Promise<void>;
  /** `http://127.0.0.1:PORT/api/` (with the base path, on the public origin when given); throws before either. */
  readonly apiUrl: string;
  /** The browser UI's address: `<origin><basePath>/`; throws like apiUrl. */
  readonly uiUrl: string;
  /** '' or the base path given, normalised to `/path` without a trailing slash. */
  readonly basePath: string;
  /** Mounts the sandbox in another server: `createServer(sandbox.handler)` or `app.use(sandbox.handler)`. */
  readonly handler: SandboxHandler;
  /** Sets (or changes) the public origin, e.g. once a host server listening on port 0 knows its port. */
  setPublicOrigin(origin: string): void;
  readonly signingSecret: string;
  readonly botToken: string;
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;
  setRequestUrl(url: string): void;

  addUser(u: { name: string; realName?: string; email?: string; id?: string; tz?: string }): SandboxUser;
  addChannel(c: { name: string; isPrivate?: boolean; members?: string[]; botIsMember?: boolean }): SandboxChannel;
  user(id: string): SandboxUser | undefined;
  channel(id: string): SandboxChannel | undefined;
  channelByName(name: string): SandboxChannel | undefined;
  /** Every channel except DMs. */
  channels(): SandboxChannel[];
  /** The channel's messages, oldest first. */
  messages(channelId: string): SandboxMessage[];
  ephemerals(filter?: { user?: string; channel?: string }): SandboxEphemeral[];
  /** Messages the bot sent to that person's DM. */
  dms(userId: string): SandboxMessage[];
  pins(channelId: string): string[];
  reactions(channelId: string, ts: string): { name: string; users: string[] }[];
  bookmarks(channelId: string): { id: string; title: string; link: string; emoji?: string }[];
  view(viewId: string): SandboxView | undefined;
  openViews(userId?: string): SandboxView[];
  /** Every Web API call, in order (optionally of one method). */
  calls(method?: string): SandboxCall[];
  /**
   * Next `times` (default 1) calls to `method` fail: with `{ok:false,error}` (HTTP 200), or HTTP 429 +
   * Retry-After (error 'ratelimited') when retryAfter is given, or an HTTP status like 500/503 when status is given.
   */
  failNext(method: string, fault: SandboxFault): void;
  clearFaults(): void;

  slashCommand(a: { user: string; channel: string; text?: string; command?: string }): Promise<SandboxReply>;
  submitView(a: { user: string; viewId: string; values: Record<string, unknown> }): Promise<SandboxReply>;
  clickButton(a: {
    user: string;
    channel: string;
    ts: string;
    actionId: string;
    value?: string;
  }): Promise<SandboxReply>;
  messageShortcut(a: { user: string; channel: string; ts: string; callbackId: string }): Promise<SandboxReply>;
  /**
   * `user` presses the view's Cancel: the top view closes (the whole stack with clear_on_close); the bot gets
   * view_closed only when the view set notify_on_close, and then its reply is returned.
   */
  closeView(a: { user: string; viewId: string }): Promise<SandboxReply | undefined>;
  /**
   * A person posts; the bot gets `message` (and `app_mention` when mentioned) if it is a member.
   * `channel: botUserId` means the person's DM with the bot.
   */
  postMessage(a: { user: string; channel: string; text: string; threadTs?: string }): Promise<SandboxMessage>;
  editMessage(a: { channel: string; ts: string; text: string }): Promise<void>;
  deleteMessage(a: { channel: string; ts: string }): Promise<void>;
  pin(a: { user: string; channel: string; ts: string }, d?: Delivery): Promise<EventDelivery>;
  unpin(a: { user: string; channel: string; ts: string }, d?: Delivery): Promise<EventDelivery>;
  react(a: { user: string; channel: string; ts: string; name: string }, d?: Delivery): Promise<EventDelivery>;
  unreact(a: { user: string; channel: string; ts: string; name: string }, d?: Delivery): Promise<EventDelivery>;
  renameChannel(a: { channel: string; name: string }, d?: Delivery): Promise<EventDelivery>;
  joinChannel(a: { user: string; channel: string }): Promise<void>;
  /** Low level: wraps any inner event in the event_callback envelope and delivers it, member or not. */
  sendEvent(event: Record<string, unknown>, d?: Delivery): Promise<EventDelivery>;
  /**
   * Low level for forged/stale tests: POSTs `body` to the request URL with the given content type, signed now
   * unless overridden (`signature: null` sends no signature header).
   */
  sendSigned(
    body: string,
    contentType: string,
    sign?: { timestamp?: number; signature?: string | null; headers?: Record<string, string> },
  ): Promise<Response>;
}
