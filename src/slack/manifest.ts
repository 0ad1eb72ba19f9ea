// The Slack app manifest for `incident-bot manifest --url …`: one place that lists what the app asks Slack for.
// Field rules: ../shared/slack/README.md §9; scopes per method and event: §3.8 and §4.
import { Document } from 'yaml';
import { ADD_TO_TIMELINE } from './ids.ts';

/** Where Slack sends slash commands, interactivity and Events API requests (one URL for all three). */
export const SLACK_EVENTS_PATH = '/slack/events';
/** Where Sign in with Slack (OpenID Connect) returns the browser. */
export const OIDC_CALLBACK_PATH = '/auth/slack/callback';
/** callback_id of the "Add to timeline" message shortcut. */
export const ADD_TO_TIMELINE_CALLBACK_ID = ADD_TO_TIMELINE;

/** Bot token scopes: each is used by a Web API call or needed for an event below (README §4, §9). */
export const BOT_SCOPES = [
  'commands', // /incident and the message shortcut
  'app_mentions:read', // app_mention
  'chat:write', // headline, channel messages, ephemeral replies, DMs via chat.postMessage to a user id
  'chat:write.public', // post the headline in a public channel the bot has not joined
  'channels:read', // conversations.info; channel_rename, member_joined_channel
  'channels:history', // message.channels; conversations.history
  'channels:manage', // create, rename, archive, invite, topic and purpose for public incident channels
  'channels:join', // conversations.join
  'groups:read', // the same for private channels; group_rename
  'groups:history', // message.groups
  'groups:write', // create, rename, archive, invite in private channels
  'pins:read', // pin_added, pin_removed; pins.list
  'reactions:read', // reaction_added, reaction_removed
  'reactions:write', // reactions.add, reactions.remove
  'users:read', // users.info; user_change
  'users:read.email', // users.lookupByEmail; profile.email in users.info
  'bookmarks:write', // bookmarks.add: the incident page in its channel
  'im:write', // conversations.open to DM the lead or reporter
] as const;

/** User scopes for Sign in with Slack; requested in the separate OIDC flow, never with bot scopes (README §8). */
export const USER_SCOPES = ['openid', 'email', 'profile'] as const;

/** Bot events the app subscribes to; Slack only sends those from conversations the bot is a member of. */
export const BOT_EVENTS = [
  'app_mention',
  'channel_rename',
  'group_rename',
  'member_joined_channel',
  'message.channels',
  'message.groups',
  'pin_added',
  'pin_removed',
  'reaction_added',
  'reaction_removed',
  'user_change',
] as const;

const DEFAULT_NAME = 'Incident Bot';
const MAX_NAME_LENGTH = 35;

export interface SlackSlashCommand {
  command: string;
  url: string;
  description: string;
  usage_hint: string;
  should_escape: boolean;
}

export interface SlackShortcut {
  name: string;
  type: 'message' | 'global';
  callback_id: string;
  description: string;
}

/** The subset of Slack's app manifest (schema v2) that Incident Bot sets. */
export interface SlackManifest {
  _metadata: { major_version: number; minor_version: number };
  display_information: {
    name: string;
    description: string;
    long_description: string;
    background_color: string;
  };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    bot_user: { display_name: string; always_online: boolean };
    slash_commands: SlackSlashCommand[];
    shortcuts: SlackShortcut[];
  };
  oauth_config: {
    redirect_urls: string[];
    scopes: { bot: string[]; user: string[] };
  };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

export interface ManifestOptions {
  /** The app's name in Slack (≤ 35 characters); defaults to "Incident Bot". */
  name?: string;
}

const LONG_DESCRIPTION =
  'Incident Bot helps your teams respond to incidents without leaving Slack. Type /incident to report ' +
  'one: the bot opens a channel for it, posts a headline that stays up to date, and reminds the lead to ' +
  'set a severity and share updates. Pin or react to messages, or use the "Add to timeline" shortcut, to ' +
  'build the timeline, then review everything on the web.';

/**
 * Normalises the public base URL the app is served at: absolute http(s), no query or fragment, no trailing
 * slash. A path prefix is kept, for apps behind a proxy under a sub-path.
 */
export function normalisePublicUrl(publicUrl: string): string {
  const example = 'e.g. --url https://incidents.example.com';
  let url: URL;
  try {
    url = new URL(publicUrl.trim());
  } catch {
    throw new Error(`--url must be an absolute http(s) URL, got "${publicUrl}" (${example})`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`--url must start with https:// or http://, got "${publicUrl}" (${example})`);
  }
  if (url.username || url.password) {
    throw new Error(`--url must not contain a user name or password, got a URL with credentials (${example})`);
  }
  if (url.search || url.hash) {
    throw new Error(`--url must be a base URL without ?query or #fragment, got "${publicUrl}" (${example})`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Builds the Slack app manifest for Incident Bot served at `publicUrl` (a base URL, sub-path allowed). */
export function buildManifest(publicUrl: string, options: ManifestOptions = {}): SlackManifest {
  const base = normalisePublicUrl(publicUrl);
  const name = (options.name ?? DEFAULT_NAME).trim();
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) {
    throw new Error(`The app name must be 1 to ${MAX_NAME_LENGTH} characters, got "${name}"`);
  }
  const requestUrl = `${base}${SLACK_EVENTS_PATH}`;

  return {
    _metadata: { major_version: 2, minor_version: 1 },
    display_information: {
      name,
      description: 'Report, run and review incidents from Slack',
      long_description: LONG_DESCRIPTION,
      background_color: '#1d1c1d',
    },
    features: {
      // The Messages tab shows the bot's DMs (reminders); people cannot reply there.
      app_home: { home_tab_enabled: false, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
      bot_user: { display_name: 'incident', always_online: true },
      slash_commands: [
        {
          command: '/incident',
          url: requestUrl,
          description: 'Report or run an incident',
          usage_hint: '[title] | lead | severity | status | update | close | help',
          should_escape: false,
        },
      ],
      shortcuts: [
        {
          name: 'Add to timeline',
          type: 'message',
          callback_id: ADD_TO_TIMELINE_CALLBACK_ID,
          description: 'Add this message to the incident timeline',
        },
      ],
    },
    oauth_config: {
      redirect_urls: [`${base}${OIDC_CALLBACK_PATH}`],
      scopes: { bot: [...BOT_SCOPES], user: [...USER_SCOPES] },
    },
    settings: {
      event_subscriptions: { request_url: requestUrl, bot_events: [...BOT_EVENTS] },
      interactivity: { is_enabled: true, request_url: requestUrl },
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    },
  };
}

/** The manifest as YAML, headed by a comment saying where to paste it. */
export function renderManifest(publicUrl: string, options: ManifestOptions = {}): string {
  const manifest = buildManifest(publicUrl, options);
  const doc = new Document(manifest);
  doc.commentBefore = [
    ` Slack app manifest for ${manifest.display_information.name} at ${normalisePublicUrl(publicUrl)}`,
    ' Paste it at https://api.slack.com/apps → Create New App → From a manifest,',
    ' or into an existing app under Features → App Manifest. Guide: docs/slack-app.md',
  ].join('\n');
  // lineWidth 0: keep each value on one line, so the file reads like the form it fills in.
  return doc.toString({ lineWidth: 0 });
}
