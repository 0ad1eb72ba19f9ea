// createSandboxSlack: wires the workspace state, the HTTP server and the "acting as people" operations
// behind the SandboxSlack interface.
import type { Server } from 'node:http';
import { newChannel } from './api/conversations-manage.ts';
import { channelNameProblem, nameTaken } from './channel-names.ts';
import { sendSigned } from './deliver.ts';
import { deliverEvent } from './events.ts';
import { createHandler, normaliseBasePath, normaliseOrigin } from './handler.ts';
import { slackId } from './ids.ts';
import { clickButton, messageShortcut, slashCommand } from './interactions.ts';
import { joinEvent, pinEvent, reactionEvent, renameEvent } from './person-actions.ts';
import { deleteMessage, editMessage, personPosts } from './person-messages.ts';
import { close, listen } from './server.ts';
import { channelSnapshot, messageSnapshot, userSnapshot, viewSnapshot } from './snapshots.ts';
import { changed, createWorkspace, nowSeconds, type Workspace } from './state.ts';
import type { SandboxHandler, SandboxOptions, SandboxSlack } from './types.ts';
import { uiRoutes } from './ui/routes.ts';
import { closeView } from './view-close.ts';
import { submitView } from './view-submission.ts';

/** Slack's deadline for the bot's reply (README §2.1). */
const SLACK_REPLY_TIMEOUT_MS = 3000;

/** A new, empty sandbox Slack (only the bot user exists); call start() before pointing a WebClient at apiUrl. */
export function createSandboxSlack(options: SandboxOptions = {}): SandboxSlack {
  const { publicOrigin, demo, ...rest } = options;
  const ws: Workspace = createWorkspace({
    ...rest,
    basePath: normaliseBasePath(options.basePath),
    ...(publicOrigin !== undefined ? { publicOrigin: normaliseOrigin(publicOrigin) } : {}),
  });
  const timeout = options.replyTimeoutMs ?? SLACK_REPLY_TIMEOUT_MS;
  let server: Server | undefined;
  let hasPublicOrigin = publicOrigin !== undefined;
  const requireOrigin = (what: string) => {
    if (!server && !hasPublicOrigin)
      throw new Error(`sandbox: ${what} is known only after start() or with publicOrigin`);
  };
  // A person's action changes the workspace at once (their message is stored before the bot hears of it) and
  // again when the bot has answered: the UI hears about both.
  const touch = <T>(work: Promise<T>): Promise<T> => {
    changed(ws);
    return work.finally(() => changed(ws));
  };

  const requireUser = (id: string) => {
    if (!ws.users.has(id)) throw new Error(`sandbox: no user ${id}; addUser first`);
  };
  const snapshotMessages = (channelId: string) =>
    [...(ws.messages.get(channelId) ?? [])].sort((a, b) => (a.ts < b.ts ? -1 : 1)).map((m) => messageSnapshot(ws, m));

  let handle: SandboxHandler | undefined;
  const handler: SandboxHandler = (req, res, next) => (handle as SandboxHandler)(req, res, next);

  const sandbox: SandboxSlack = {
    async start(port = 0, host = '127.0.0.1') {
      if (server) throw new Error('sandbox: already started');
      const started = await listen(handler, port, host);
      server = started.server;
      if (!hasPublicOrigin) ws.origin = started.origin;
    },
    async stop() {
      ui.closeStreams();
      if (!server) return;
      const s = server;
      server = undefined;
      await close(s);
    },
    get apiUrl() {
      requireOrigin('apiUrl');
      return `${ws.origin}${ws.basePath}/api/`;
    },
    get uiUrl() {
      requireOrigin('uiUrl');
      return `${ws.origin}${ws.basePath}/`;
    },
    basePath: ws.basePath,
    handler,
    setPublicOrigin(origin) {
      ws.origin = normaliseOrigin(origin);
      hasPublicOrigin = true;
    },
    signingSecret: ws.signingSecret,
    botToken: ws.botToken,
    teamId: ws.teamId,
    botUserId: ws.botUserId,
    botId: ws.botId,
    appId: ws.appId,
    setRequestUrl(url) {
      ws.requestUrl = url;
    },

    addUser(u) {
      const id = u.id ?? slackId('U');
      if (ws.users.has(id)) throw new Error(`sandbox: user ${id} exists`);
      const record = {
        id,
        name: u.name,
        realName: u.realName ?? u.name,
        ...(u.email !== undefined ? { email: u.email } : {}),
        tz: u.tz ?? 'Europe/London',
        isBot: false,
        updated: nowSeconds(ws),
      };
      ws.users.set(id, record);
      changed(ws);
      return userSnapshot(record);
    },
    addChannel(c) {
      const problem = channelNameProblem(c.name) ?? (nameTaken(ws, c.name) ? 'name_taken' : undefined);
      if (problem)
        throw new Error(`sandbox: Slack would refuse the channel name ${JSON.stringify(c.name)}: ${problem}`);
      const members = [...new Set(c.members ?? [])];
      for (const id of members) requireUser(id);
      if (c.botIsMember && !members.includes(ws.botUserId)) members.push(ws.botUserId);
      const channel = newChannel(ws, c.name, c.isPrivate ?? false, members[0] ?? ws.botUserId);
      channel.members = members;
      changed(ws);
      return channelSnapshot(channel);
    },
    user: (id) => {
      const u = ws.users.get(id);
      return u ? userSnapshot(u) : undefined;
    },
    channel: (id) => {
      const c = ws.channels.get(id);
      return c ? channelSnapshot(c) : undefined;
    },
    channelByName: (name) => {
      const c = [...ws.channels.values()].find((ch) => !ch.isIm && ch.name === name);
      return c ? channelSnapshot(c) : undefined;
    },
    channels: () => [...ws.channels.values()].filter((c) => !c.isIm).map(channelSnapshot),
    messages: snapshotMessages,
    ephemerals: (filter = {}) =>
      ws.ephemerals
        .filter(
          (e) =>
            (filter.user === undefined || e.user === filter.user) &&
            (filter.channel === undefined || e.channel === filter.channel),
        )
        .map((e) => structuredClone(e)),
    dms: (userId) => {
      const dm = [...ws.channels.values()].find((c) => c.isIm && c.imUser === userId);
      return dm ? snapshotMessages(dm.id).filter((m) => m.botId === ws.botId) : [];
    },
    pins: (channelId) => (ws.messages.get(channelId) ?? []).filter((m) => m.pin).map((m) => m.ts),
    reactions: (channelId, ts) =>
      structuredClone(ws.messages.get(channelId)?.find((m) => m.ts === ts)?.reactions ?? []),
    bookmarks: (channelId) =>
      ws.bookmarks
        .filter((b) => b.channel === channelId)
        .map((b) => ({ id: b.id, title: b.title, link: b.link, ...(b.emoji ? { emoji: b.emoji } : {}) })),
    view: (id) => {
      const v = ws.views.get(id);
      return v ? viewSnapshot(v) : undefined;
    },
    openViews: (userId) =>
      [...ws.stacks.entries()]
        .filter(([owner]) => userId === undefined || owner === userId)
        .flatMap(([, ids]) => ids.flatMap((id) => ws.views.get(id) ?? []))
        .map(viewSnapshot),
    calls: (method) =>
      ws.calls.filter((c) => method === undefined || c.method === method).map((c) => structuredClone(c)),
    failNext(method, fault) {
      const queue = ws.faults.get(method) ?? [];
      queue.push({ ...fault, remaining: fault.times ?? 1 });
      ws.faults.set(method, queue);
    },
    clearFaults() {
      ws.faults.clear();
    },

    slashCommand: (a) => touch(slashCommand(ws, a, timeout)),
    submitView: (a) => touch(submitView(ws, a, timeout)),
    clickButton: (a) => touch(clickButton(ws, a, timeout)),
    messageShortcut: (a) => touch(messageShortcut(ws, a, timeout)),
    closeView: (a) => touch(closeView(ws, a, timeout)),
    postMessage: async (a) => messageSnapshot(ws, await touch(personPosts(ws, a, timeout))),
    editMessage: (a) => touch(editMessage(ws, a, timeout)),
    deleteMessage: (a) => touch(deleteMessage(ws, a, timeout)),
    pin: (a, d = {}) => touch(pinEvent(ws, a, true, d, timeout)),
    unpin: (a, d = {}) => touch(pinEvent(ws, a, false, d, timeout)),
    react: (a, d = {}) => touch(reactionEvent(ws, a, true, d, timeout)),
    unreact: (a, d = {}) => touch(reactionEvent(ws, a, false, d, timeout)),
    renameChannel: (a, d = {}) => touch(renameEvent(ws, a, d, timeout)),
    joinChannel: (a) => touch(joinEvent(ws, a, timeout)),
    sendEvent: (event, d = {}) => deliverEvent(ws, event, d, timeout),
    sendSigned: (body, contentType, sign) => sendSigned(ws, body, contentType, sign),
  };
  const ui = uiRoutes(ws, sandbox, demo);
  handle = createHandler(ws, ui);
  return sandbox;
}
