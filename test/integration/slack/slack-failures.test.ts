// Slack failing loses nothing: a taken channel name, a rate limit, a Slack error that clears on
// retry, and one that never clears. In every case the incident is stored and visible, nothing is
// created twice, and after the last retry the reporter hears what went wrong.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { eventually, type SlackWorld, startSlackWorld } from '../../support/slack-world.ts';

describe('Slack failures during set-up', () => {
  let world: SlackWorld;
  before(async () => {
    world = await startSlackWorld();
  });
  after(() => world.stop());
  afterEach(() => world.slack.clearFaults());

  /** Declares through the modal, as a person would; returns the new incident's id. */
  const declare = async (title: string, lead?: string): Promise<number> => {
    const { slack, people, channels } = world;
    await slack.slashCommand({ user: people.alice, channel: channels.general, text: title });
    const view = slack.openViews(people.alice).at(-1);
    assert.ok(view);
    const reply = await slack.submitView({
      user: people.alice,
      viewId: view.id,
      values: { title, kind: 'live', ...(lead ? { lead } : {}) },
    });
    assert.equal(reply.status, 200);
    const list = (await (await world.bot.get('/api/v1/incidents')).json()) as {
      items: { id: number; title: string }[];
    };
    const found = list.items.find((i) => i.title === title);
    assert.ok(found, 'stored at once, whatever Slack does next');
    return found.id;
  };

  const headlinesOf = (id: number) =>
    world.slack.messages(world.channels.incidents).filter((m) => m.text.includes(`#${id}:`));

  it("takes the next name when the channel name is someone else's, and never reuses their channel", async () => {
    const { slack, people } = world;
    const theirs = slack.addChannel({ name: 'inc-1-checkout-is-down', members: [people.carol], botIsMember: false });
    const id = await declare('Checkout is down', people.bob);
    assert.equal(id, 1, 'the first incident of this database, so its name clashes');
    await eventually(() => headlinesOf(id).length === 1, 5_000, 'headline');
    const ours = slack.channelByName('inc-1-checkout-is-down-2');
    assert.ok(ours, 'the -2 channel');
    assert.deepEqual(slack.channel(theirs.id)?.members, [people.carol], 'their channel untouched');
    assert.ok(ours.members.includes(people.alice) && ours.members.includes(people.bob));
    const api = (await (await world.bot.get(`/api/v1/incidents/${id}`)).json()) as { channel: { id: string } };
    assert.equal(api.channel.id, ours.id);
  });

  it('waits out a 429 on the headline and posts it once', async () => {
    const { slack } = world;
    slack.failNext('chat.postMessage', { retryAfter: 1 });
    const id = await declare('Login is slow');
    await eventually(() => headlinesOf(id).length > 0, 8_000, 'headline after the rate limit');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(headlinesOf(id).length, 1);
    const limited = slack.calls('chat.postMessage').filter((c) => c.status === 429);
    assert.equal(limited.length, 1, 'Slack was asked again only after Retry-After');
  });

  it('retries a failed Slack call in a later attempt without creating anything twice', async () => {
    const { slack } = world;
    // The WebClient does not retry Slack's own errors; the job's retry (with backoff) does.
    slack.failNext('chat.postMessage', { error: 'internal_error', times: 1 });
    const id = await declare('Search returns nothing');
    await eventually(() => headlinesOf(id).length === 1, 8_000, 'headline on the retry');
    const channels = slack.channels().filter((c) => c.name.startsWith(`inc-${id}-`));
    assert.equal(channels.length, 1, 'one channel across both attempts');
    const openings = slack.messages(channels[0]?.id ?? '').filter((m) => m.botId);
    assert.equal(openings.length, 1, 'one opening message across both attempts');
  });

  it('after the last retry tells the reporter what failed; the incident stays stored', async () => {
    const { slack, people } = world;
    // Both attempts (the first and its one retry in tests) fail to post.
    slack.failNext('chat.postMessage', { error: 'internal_error', times: 2 });
    const id = await declare('Emails are delayed');
    const dm = await eventually(
      () => slack.dms(people.alice).find((m) => m.text.includes(`#${id}`)),
      10_000,
      'a DM to the reporter',
    );
    assert.match(dm.text, /posting the opening message/);
    assert.match(dm.text, /internal_error/);
    assert.match(dm.text, new RegExp(`http://incidents.test/incidents/${id}`));
    const stored = await world.bot.get(`/api/v1/incidents/${id}`);
    assert.equal(stored.status, 200);
  });

  it("adopts the channel it created when Slack's answer was lost, instead of making a second", async () => {
    const { slack } = world;
    // Attempt one fails as if the reply never came back; before the retry the channel appears, made
    // by this bot (exactly what a create whose answer was lost leaves behind).
    slack.failNext('conversations.create', { error: 'internal_error', times: 1 });
    const id = await declare('Reply lost');
    await eventually(
      () => slack.calls('conversations.create').some((c) => c.error === 'internal_error'),
      5_000,
      'fail',
    );
    const api = await fetch(`${slack.apiUrl}conversations.create`, {
      method: 'POST',
      headers: { authorization: `Bearer ${slack.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `inc-${id}-reply-lost` }),
    });
    const made = ((await api.json()) as { channel: { id: string } }).channel.id;
    await eventually(() => headlinesOf(id).length === 1, 8_000, 'headline after the retry');
    const mine = slack.channels().filter((c) => c.name.startsWith(`inc-${id}-`));
    assert.deepEqual(
      mine.map((c) => c.id),
      [made],
      'one channel: the one already made',
    );
    const incident = (await (await world.bot.get(`/api/v1/incidents/${id}`)).json()) as { channel: { id: string } };
    assert.equal(incident.channel.id, made);
  });

  it('does not retry what cannot succeed, and says so at once', async () => {
    const { slack, people } = world;
    slack.failNext('conversations.create', { error: 'restricted_action', times: 1 });
    const id = await declare('VPN is down');
    const dm = await eventually(
      () => slack.dms(people.alice).find((m) => m.text.includes(`#${id}`)),
      5_000,
      'a DM to the reporter',
    );
    assert.match(dm.text, /creating the incident channel \(restricted_action\)/);
    assert.equal(slack.calls('conversations.create').filter((c) => c.error === 'restricted_action').length, 1);
  });
});
