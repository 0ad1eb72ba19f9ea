// What the browser UI shows one person: GET <base>/ui/state?user=U…&channel=C…. Plain JSON built from the
// workspace records; ephemerals and the open modal are only ever the asking person's own.
import type { ChannelRecord, MessageRecord, UserRecord, Workspace } from '../state.ts';

/** A person (or the bot) as the UI names them. */
export interface UiPerson {
  id: string;
  name: string;
  realName: string;
  isBot: boolean;
}

/** A conversation in the sidebar. */
export interface UiChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  isIm: boolean;
  isMember: boolean;
  topic: string;
  purpose: string;
  memberCount: number;
  /** ts of the newest message the person can see, or null. */
  latest: string | null;
}

/** A channel message or one of the person's ephemerals. */
export interface UiMessage {
  kind: 'message' | 'ephemeral';
  ts: string;
  author: UiPerson | null;
  text: string;
  blocks?: unknown[];
  threadTs?: string;
  edited: boolean;
  reactions: { name: string; count: number; users: string[]; mine: boolean }[];
  pinnedBy: string | null;
}

/** The whole page's data. */
export interface UiState {
  version: number;
  team: { id: string; domain: string };
  bot: UiPerson;
  me: UiPerson | null;
  people: UiPerson[];
  channels: UiChannel[];
  /** The person's DM with the bot; its id is the bot's user id until the DM exists. */
  dms: UiChannel[];
  channel: (UiChannel & { members: string[] }) | null;
  messages: UiMessage[];
  /** The top of the person's modal stack. */
  view: {
    id: string;
    hash: string;
    depth: number;
    view: Record<string, unknown>;
    errors: Record<string, string>;
  } | null;
}

const person = (u: UserRecord): UiPerson => ({ id: u.id, name: u.name, realName: u.realName, isBot: u.isBot });

const dmOf = (ws: Workspace, userId: string): ChannelRecord | undefined =>
  [...ws.channels.values()].find((c) => c.isIm && c.imUser === userId);

const newest = (ws: Workspace, channelId: string, userId: string | undefined): string | null => {
  const stamps = [
    ...(ws.messages.get(channelId) ?? []).map((m) => m.ts),
    ...ws.ephemerals.filter((e) => e.channel === channelId && e.user === userId).map((e) => e.ts),
  ];
  // ts strings have a fixed width, so they sort as their times do.
  return stamps.sort().at(-1) ?? null;
};

function summary(ws: Workspace, c: ChannelRecord, userId: string | undefined): UiChannel {
  const bot = ws.users.get(ws.botUserId);
  return {
    id: c.id,
    name: c.isIm ? (bot?.realName ?? 'Incident Bot') : c.name,
    isPrivate: c.isPrivate,
    isArchived: c.isArchived,
    isIm: c.isIm,
    isMember: userId !== undefined && c.members.includes(userId),
    topic: c.topic.value,
    purpose: c.purpose.value,
    memberCount: c.members.length,
    latest: newest(ws, c.id, userId),
  };
}

// The bot's DM before it exists: selecting it and writing opens it, as in Slack's sidebar.
const unopenedDm = (ws: Workspace): UiChannel => ({
  id: ws.botUserId,
  name: ws.users.get(ws.botUserId)?.realName ?? 'Incident Bot',
  isPrivate: true,
  isArchived: false,
  isIm: true,
  isMember: true,
  topic: '',
  purpose: '',
  memberCount: 2,
  latest: null,
});

/** Whether the person may see the conversation: public channels, private ones they are in, their own DM. */
const visible = (c: ChannelRecord, userId: string | undefined): boolean =>
  c.isIm ? c.imUser === userId : !c.isPrivate || (userId !== undefined && c.members.includes(userId));

function messageFor(ws: Workspace, m: MessageRecord, userId: string | undefined): UiMessage {
  const author = m.user !== undefined ? ws.users.get(m.user) : undefined;
  const name = (id: string) => ws.users.get(id)?.name ?? id;
  return {
    kind: 'message',
    ts: m.ts,
    author: author ? person(author) : null,
    text: m.text,
    ...(m.blocks !== undefined ? { blocks: structuredClone(m.blocks) } : {}),
    ...(m.threadTs !== undefined ? { threadTs: m.threadTs } : {}),
    edited: m.edited !== undefined,
    reactions: m.reactions.map((r) => ({
      name: r.name,
      count: r.users.length,
      users: r.users.map(name),
      mine: userId !== undefined && r.users.includes(userId),
    })),
    pinnedBy: m.pin ? name(m.pin.createdBy) : null,
  };
}

/** The state for `user` looking at `channel` (either may be missing or unknown). */
export function uiState(ws: Workspace, q: { user?: string | null; channel?: string | null }): UiState {
  const found = q.user ? ws.users.get(q.user) : undefined;
  const me = found && !found.isBot ? found : undefined;
  const bot = ws.users.get(ws.botUserId) as UserRecord;
  const channels = [...ws.channels.values()]
    .filter((c) => !c.isIm && visible(c, me?.id))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => summary(ws, c, me?.id));
  const dm = me ? dmOf(ws, me.id) : undefined;
  const dms = me ? [dm ? summary(ws, dm, me.id) : unopenedDm(ws)] : [];

  const wanted = q.channel === ws.botUserId && dm ? dm : q.channel ? ws.channels.get(q.channel) : undefined;
  const selected = wanted && visible(wanted, me?.id) ? wanted : undefined;
  let channel: UiState['channel'] = null;
  let messages: UiMessage[] = [];
  if (selected) {
    channel = { ...summary(ws, selected, me?.id), members: [...selected.members] };
    const own = (ws.messages.get(selected.id) ?? []).map((m) => messageFor(ws, m, me?.id));
    const ephemerals = ws.ephemerals
      .filter((e) => me !== undefined && e.user === me.id && e.channel === selected.id)
      .map(
        (e): UiMessage => ({
          kind: 'ephemeral',
          ts: e.ts,
          author: person(bot),
          text: e.text,
          ...(e.blocks !== undefined ? { blocks: structuredClone(e.blocks) } : {}),
          edited: false,
          reactions: [],
          pinnedBy: null,
        }),
      );
    messages = [...own, ...ephemerals].sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
  } else if (q.channel === ws.botUserId && me) {
    channel = { ...unopenedDm(ws), members: [me.id, ws.botUserId] };
  }

  const stack = me ? (ws.stacks.get(me.id) ?? []) : [];
  const top = stack.length > 0 ? ws.views.get(stack[stack.length - 1] as string) : undefined;
  return {
    version: ws.version,
    team: { id: ws.teamId, domain: ws.teamDomain },
    bot: person(bot),
    me: me ? person(me) : null,
    people: [...ws.users.values()].map(person),
    channels,
    dms,
    channel,
    messages,
    view:
      top && !top.closed
        ? {
            id: top.id,
            hash: top.hash,
            depth: stack.length,
            view: structuredClone(top.view),
            errors: { ...(top.errors ?? {}) },
          }
        : null,
  };
}
