// Renders records into the JSON objects Slack's Web API and payloads carry (field names as Slack spells them).
import {
  type ChannelRecord,
  isMember,
  type MessageRecord,
  permalink,
  type UserRecord,
  type ViewRecord,
  type Workspace,
} from './state.ts';

const topic = (t: ChannelRecord['topic']) => ({ value: t.value, creator: t.creator, last_set: t.lastSet });

/** A conversation object as conversations.* return it (IMs get Slack's shorter IM shape). */
export function channelObject(ws: Workspace, c: ChannelRecord): Record<string, unknown> {
  if (c.isIm) {
    return {
      id: c.id,
      created: c.created,
      is_im: true,
      is_org_shared: false,
      is_archived: false,
      is_open: true,
      user: c.imUser,
      priority: 0,
    };
  }
  return {
    id: c.id,
    name: c.name,
    name_normalized: c.name,
    // Private channels created since 2021 have C ids and is_channel true; is_group is for the old G ones.
    is_channel: true,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: c.isPrivate,
    is_archived: c.isArchived,
    is_general: false,
    is_shared: false,
    is_ext_shared: false,
    is_org_shared: false,
    is_pending_ext_shared: false,
    is_member: isMember(c, ws.botUserId),
    created: c.created,
    creator: c.creator,
    unlinked: 0,
    topic: topic(c.topic),
    purpose: topic(c.purpose),
    previous_names: [...c.previousNames],
    num_members: c.members.length,
  };
}

/** A message object as chat.* and conversations.history return it. */
export function messageObject(
  ws: Workspace,
  m: MessageRecord,
  o: { permalink?: boolean; pinnedTo?: boolean } = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = { type: 'message', text: m.text, ts: m.ts };
  if (m.clientMsgId !== undefined) out.client_msg_id = m.clientMsgId;
  if (m.user !== undefined) out.user = m.user;
  if (m.botId !== undefined) {
    out.bot_id = m.botId;
    out.app_id = ws.appId;
  }
  out.team = ws.teamId;
  if (m.blocks !== undefined) out.blocks = structuredClone(m.blocks);
  if (m.threadTs !== undefined) out.thread_ts = m.threadTs;
  if (m.edited !== undefined) out.edited = { ...m.edited };
  if (m.reactions.length > 0) {
    out.reactions = m.reactions.map((r) => ({ name: r.name, users: [...r.users], count: r.users.length }));
  }
  if (o.pinnedTo && m.pin) out.pinned_to = [m.channel];
  if (o.permalink) out.permalink = permalink(ws, m.channel, m.ts);
  return out;
}

/** A user object as users.info / users.list return it. */
export function userObject(ws: Workspace, u: UserRecord): Record<string, unknown> {
  const profile: Record<string, unknown> = {
    real_name: u.realName,
    real_name_normalized: u.realName,
    display_name: u.isBot ? u.realName : u.name,
    display_name_normalized: u.isBot ? u.realName : u.name,
    avatar_hash: 'g000000000ab',
    title: '',
    phone: '',
    skype: '',
    status_text: '',
    status_emoji: '',
    fields: {},
    team: ws.teamId,
  };
  if (u.email !== undefined) profile.email = u.email;
  if (u.isBot) {
    profile.bot_id = ws.botId;
    profile.api_app_id = ws.appId;
    profile.always_active = true;
  }
  return {
    id: u.id,
    team_id: ws.teamId,
    name: u.name,
    deleted: false,
    real_name: u.realName,
    tz: u.tz,
    tz_label: u.tz,
    tz_offset: 0,
    profile,
    is_admin: false,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: u.isBot,
    is_app_user: false,
    updated: u.updated,
  };
}

/** The `user` object of interaction payloads. */
export const payloadUser = (ws: Workspace, userId: string) => {
  const name = ws.users.get(userId)?.name ?? userId;
  return { id: userId, username: name, name, team_id: ws.teamId };
};

/** A view object as views.* return it and view_submission carries it. */
export function viewObject(ws: Workspace, v: ViewRecord, state: Record<string, unknown> = {}): Record<string, unknown> {
  const sent = v.view;
  return {
    id: v.id,
    team_id: ws.teamId,
    type: sent.type ?? 'modal',
    blocks: structuredClone(sent.blocks ?? []),
    private_metadata: sent.private_metadata ?? '',
    callback_id: sent.callback_id ?? '',
    state: { values: state },
    hash: v.hash,
    title: structuredClone(sent.title),
    clear_on_close: sent.clear_on_close ?? false,
    notify_on_close: sent.notify_on_close ?? false,
    close: structuredClone(sent.close ?? null),
    submit: structuredClone(sent.submit ?? null),
    previous_view_id: v.previousViewId,
    root_view_id: v.rootViewId,
    app_id: ws.appId,
    external_id: sent.external_id ?? '',
    app_installed_team_id: ws.teamId,
    bot_id: ws.botId,
  };
}
