// A change made on a page reaches Slack: the incident's headline in the sandbox Slack follows it,
// as it does for changes made in Slack.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { banner, type PageClient, pageClient } from '../../support/page-client.ts';
import { eventually, type SlackWorld, startSlackWorld } from '../../support/slack-world.ts';

describe('pages and the Slack headline', () => {
  let world: SlackWorld;
  let browser: PageClient;
  const id = 1;

  before(async () => {
    world = await startSlackWorld();
    const { slack, people, channels } = world;
    await slack.slashCommand({ user: people.alice, channel: channels.general, text: 'Checkout errors' });
    const view = slack.openViews(people.alice).at(-1);
    assert.ok(view);
    await slack.submitView({ user: people.alice, viewId: view.id, values: { title: 'Checkout errors' } });
    await eventually(() => slack.channels().find((c) => c.name.startsWith('inc-1-')), 5_000, 'the incident channel');
    browser = pageClient(world.bot.baseUrl);
    await browser.get(`/incidents/${id}`);
  });
  after(() => world.stop());

  const headline = () => world.slack.messages(world.channels.incidents).find((m) => m.text.includes(`#${id}:`));

  it('updates the headline after the severity and the title change on the web', async () => {
    await eventually(() => headline(), 5_000, 'the headline');
    const severity = await browser.submit(`/incidents/${id}/severity`, { severity: 'critical' });
    assert.equal(banner(severity.html), 'Success Severity changed.');
    await eventually(() => JSON.stringify(headline()?.blocks).includes('Critical'), 5_000, 'headline shows Critical');

    await browser.submit(`/incidents/${id}/details`, { title: 'Checkout errors (Visa)', summary: '', impact: '' });
    await eventually(() => headline()?.text.includes('Checkout errors (Visa)'), 5_000, 'headline shows the new title');
  });

  it('shows the incident channel the bot made, linked to Slack', async () => {
    const channel = world.slack.channels().find((c) => c.name.startsWith('inc-1-'));
    assert.ok(channel);
    const page = await browser.get(`/incidents/${id}`);
    assert.ok(page.html.includes(`href="https://slack.com/app_redirect?channel=${channel.id}">#${channel.name}</a>`));
  });
});
