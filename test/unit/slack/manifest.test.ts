import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { buildManifest, renderManifest, type SlackManifest } from '../../../src/slack/manifest.ts';

// Slack's JSON Schema for manifests (slackapi/manifest-schema, MIT), copied into the repository.
const schemaPath = fileURLToPath(new URL('../../fixtures/slack/slack_app_manifest_schema_v2.json', import.meta.url));

// The scope each subscribed event needs (../shared/slack/README.md §3.8 and §9; user_change from Slack's
// event page). An event missing here fails the test, so a new subscription must name its scope.
const EVENT_SCOPES: Record<string, string[]> = {
  app_mention: ['app_mentions:read'],
  channel_rename: ['channels:read'],
  group_rename: ['groups:read'],
  member_joined_channel: ['channels:read', 'groups:read'],
  'message.channels': ['channels:history'],
  'message.groups': ['groups:history'],
  pin_added: ['pins:read'],
  pin_removed: ['pins:read'],
  reaction_added: ['reactions:read'],
  reaction_removed: ['reactions:read'],
  user_change: ['users:read'],
};

const requestUrls = (manifest: SlackManifest): string[] => [
  ...manifest.features.slash_commands.map((command) => command.url),
  manifest.settings.interactivity.request_url,
  manifest.settings.event_subscriptions.request_url,
];

describe('Slack app manifest', () => {
  it('is valid against Slack’s manifest JSON Schema', () => {
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    // The schema uses format "uri" (for "$schema"); ajv ships no formats and we add no package for one.
    ajv.addFormat('uri', (value: string) => URL.canParse(value));
    const validate = ajv.compile(schema);

    for (const url of ['https://incidents.example.com', 'https://tools.example.com/incidents']) {
      const valid = validate(buildManifest(url));
      assert.ok(valid, `${url}: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
    }
    // The validator is live: an over-long shortcut name is refused.
    const broken = buildManifest('https://incidents.example.com');
    broken.features.shortcuts[0]!.name = 'Add to incident timeline!';
    assert.equal(validate(broken), false);
  });

  it('sends every Slack request to /slack/events and sign-in back to /auth/slack/callback', () => {
    const manifest = buildManifest('https://incidents.example.com');
    assert.deepEqual(requestUrls(manifest), Array(3).fill('https://incidents.example.com/slack/events'));
    assert.deepEqual(manifest.oauth_config.redirect_urls, ['https://incidents.example.com/auth/slack/callback']);
  });

  it('keeps a sub-path prefix and drops a trailing slash', () => {
    const manifest = buildManifest('https://tools.example.com/incidents/');
    assert.deepEqual(requestUrls(manifest), Array(3).fill('https://tools.example.com/incidents/slack/events'));
    assert.deepEqual(manifest.oauth_config.redirect_urls, ['https://tools.example.com/incidents/auth/slack/callback']);
    assert.equal(
      buildManifest('http://localhost:3000/').settings.event_subscriptions.request_url,
      'http://localhost:3000/slack/events',
    );
  });

  it('refuses a bad URL with a message naming --url', () => {
    for (const bad of [
      '',
      'incidents.example.com',
      '/slack',
      'ftp://incidents.example.com',
      'https://x.example/?a=1',
    ]) {
      assert.throws(() => buildManifest(bad), /--url/, `expected "${bad}" to be refused`);
      assert.throws(() => renderManifest(bad), /--url/);
    }
  });

  it('renders YAML that parses back to the same manifest, headed by a comment', () => {
    const url = 'https://tools.example.com/incidents';
    const yaml = renderManifest(url);
    assert.match(yaml, /^# .*manifest.*\n# .*api\.slack\.com\/apps/);
    assert.deepEqual(parse(yaml), buildManifest(url));
  });

  it('asks for the scope of every event it subscribes to', () => {
    const { bot_events: events } = buildManifest('https://incidents.example.com').settings.event_subscriptions;
    const botScopes = new Set(buildManifest('https://incidents.example.com').oauth_config.scopes.bot);
    for (const event of events) {
      const needed = EVENT_SCOPES[event];
      assert.ok(needed, `no scope listed in this test for event ${event}`);
      for (const scope of needed) assert.ok(botScopes.has(scope), `${event} needs bot scope ${scope}`);
    }
  });

  it('asks for the scopes the features use, and Sign in with Slack only as user scopes', () => {
    const { bot, user } = buildManifest('https://incidents.example.com').oauth_config.scopes;
    assert.equal(new Set(bot).size, bot.length, 'duplicate bot scope');
    // /incident and the shortcut; creating and managing channels; the headline in a channel it has not joined;
    // DMs to the lead via conversations.open.
    for (const scope of ['commands', 'channels:manage', 'groups:write', 'chat:write.public', 'im:write']) {
      assert.ok(bot.includes(scope), `missing bot scope ${scope}`);
    }
    assert.deepEqual(user, ['openid', 'email', 'profile']);
    assert.ok(!bot.some((scope) => user.includes(scope)), 'OIDC scopes cannot be bot scopes');
  });

  it('offers /incident and a message shortcut whose name fits Slack’s 24-character limit', () => {
    const { features } = buildManifest('https://incidents.example.com');
    const [command] = features.slash_commands;
    assert.equal(command?.command, '/incident');
    assert.equal(command?.should_escape, false);
    assert.equal(features.shortcuts.length, 1);
    const [shortcut] = features.shortcuts;
    assert.equal(shortcut?.type, 'message');
    assert.equal(shortcut?.callback_id, 'add-to-timeline');
    assert.ok((shortcut?.name.length ?? 99) <= 24, `shortcut name "${shortcut?.name}" is over 24 characters`);
  });

  it('uses HTTP request URLs, not Socket Mode, and no org-wide deploy or token rotation', () => {
    const { settings } = buildManifest('https://incidents.example.com');
    assert.equal(settings.interactivity.is_enabled, true);
    assert.equal(settings.socket_mode_enabled, false);
    assert.equal(settings.org_deploy_enabled, false);
    assert.equal(settings.token_rotation_enabled, false);
  });

  it('takes another app name, within Slack’s 35 characters', () => {
    assert.equal(
      buildManifest('https://incidents.example.com', { name: 'Incidents (staging)' }).display_information.name,
      'Incidents (staging)',
    );
    assert.throws(() => buildManifest('https://incidents.example.com', { name: 'x'.repeat(36) }), /35 characters/);
  });
});
