// `incident-bot manifest` as an operator runs it: YAML on stdout to paste into Slack, the public URL
// from --url or PUBLIC_URL, and a bad URL refused with exit 2 and a line that says how to fix it.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { childEnv, killAll, runCli } from '../../support/processes.ts';

type Manifest = {
  features: { slash_commands: { command: string; url: string }[] };
  settings: { event_subscriptions: { request_url: string }; interactivity: { request_url: string } };
};

describe('incident-bot manifest', () => {
  after(() => killAll());

  it('prints a manifest whose every request URL is /slack/events under --url', async () => {
    const result = await runCli(['manifest', '--url', 'https://incidents.example.com/'], childEnv());
    assert.equal(result.code, 0, result.stderr);
    const manifest = parse(result.stdout) as Manifest;
    const url = 'https://incidents.example.com/slack/events';
    assert.deepEqual(
      manifest.features.slash_commands.map((c) => [c.command, c.url]),
      [['/incident', url]],
    );
    assert.equal(manifest.settings.event_subscriptions.request_url, url);
    assert.equal(manifest.settings.interactivity.request_url, url);
  });

  it('uses PUBLIC_URL when --url is not given, keeping a path prefix', async () => {
    const result = await runCli(['manifest'], childEnv({ PUBLIC_URL: 'https://proxy.example.org/incidents' }));
    assert.equal(result.code, 0, result.stderr);
    const manifest = parse(result.stdout) as Manifest;
    assert.equal(manifest.settings.event_subscriptions.request_url, 'https://proxy.example.org/incidents/slack/events');
  });

  it('refuses a URL Slack could not call, with exit 2 naming --url', async () => {
    const result = await runCli(['manifest', '--url', 'incidents.example.com'], childEnv());
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--url/);
    assert.equal(result.stdout, '');
  });
});
