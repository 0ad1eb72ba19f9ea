// People in incident channels: a newcomer gets a short welcome only they see, and the people the
// bot meets (reporter, lead, authors, joiners) get their Slack names on the pages and in the API,
// kept current when they change their profile.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { slackUsers } from '../../../src/storage/schema.ts';
import { eventually, type SlackWorld, startSlackWorld } from '../../support/slack-world.ts';

type Person = { slackId: string; name: string } | null;
type IncidentJson = { reporter: Person; lead: Person };
type Entry = { text: string; author: Person };

describe('people in incident channels', () => {
  let world: SlackWorld;
  let channelId: string;

  before(async () => {
    world = await startSlackWorld();
    const { slack, people, channels } = world;
    await slack.slashCommand({ user: people.alice, channel: channels.general, text: 'Login failures' });
    const view = slack.openViews(people.alice).at(-1);
    assert.ok(view);
    await slack.submitView({
      user: people.alice,
      viewId: view.id,
      values: { title: 'Login failures', lead: people.bob },
    });
    const channel = await eventually(() => slack.channels().find((c) => c.name.startsWith('inc-1-')), 5_000, 'channel');
    channelId = channel.id;
  });
  after(() => world.stop());

  const incident = async (): Promise<IncidentJson> =>
    (await (await world.bot.get('/api/v1/incidents/1')).json()) as IncidentJson;
  const welcomes = (user: string) => world.slack.ephemerals({ user, channel: channelId });

  it('names the reporter and the lead picked in the report form, not their ids', async () => {
    const { people } = world;
    const named = await eventually(
      async () => {
        const { reporter, lead } = await incident();
        return reporter?.name === 'alice' && lead?.name === 'bob' ? { reporter, lead } : null;
      },
      10_000,
      'names in the API',
    );
    assert.deepEqual(named, {
      reporter: { slackId: people.alice, name: 'alice' },
      lead: { slackId: people.bob, name: 'bob' },
    });
    const [row] = await world.bot.db.db.select().from(slackUsers).where(eq(slackUsers.id, people.alice));
    assert.equal(row?.realName, 'Alice Adams');
    assert.equal(row?.email, 'alice@example.com');
    assert.equal(row?.deleted, false);
  });

  it('welcomes someone joining the incident channel, only them, with the commands and the page', async () => {
    const { slack, people } = world;
    await slack.joinChannel({ user: people.carol, channel: channelId });
    const [welcome, ...more] = await eventually(
      () => welcomes(people.carol).length > 0 && welcomes(people.carol),
      5_000,
      'welcome',
    );
    assert.equal(more.length, 0, 'one welcome');
    assert.match(welcome?.text ?? '', /incident #1: \*Login failures\*/);
    assert.match(welcome?.text ?? '', /:pushpin:/);
    for (const command of ['lead', 'severity', 'status', 'update', 'close', 'help']) {
      assert.ok(welcome?.text.includes(`/incident ${command}`), command);
    }
    assert.ok(welcome?.text.includes('http://incidents.test/incidents/1'));
    assert.equal(welcomes(people.alice).length, 0, 'others see nothing');
  });

  it('does not welcome the bot, nor people joining channels that are not incident channels', async () => {
    const { slack, people, channels } = world;
    const sent = slack.calls('chat.postEphemeral').length;
    const delivery = await slack.sendEvent({
      type: 'member_joined_channel',
      user: slack.botUserId,
      channel: channelId,
      channel_type: 'C',
      team: slack.teamId,
    });
    assert.deepEqual(delivery.statuses, [200]);
    const dave = slack.addUser({ name: 'dave', realName: 'Dave Doe' }).id;
    await slack.joinChannel({ user: dave, channel: channels.incidents });
    assert.equal(slack.calls('chat.postEphemeral').length, sent);
    assert.equal(slack.ephemerals({ user: dave }).length, 0);
    assert.equal(slack.ephemerals({ user: people.alice, channel: channels.incidents }).length, 0);
  });

  it('names the author of a message captured from the channel', async () => {
    const { slack, people } = world;
    const erin = slack.addUser({ name: 'erin', realName: 'Erin Evans' }).id;
    await slack.joinChannel({ user: erin, channel: channelId });
    const message = await slack.postMessage({ user: erin, channel: channelId, text: 'SSO provider is degraded' });
    await slack.react({ user: people.alice, channel: channelId, ts: message.ts, name: 'pushpin' });
    const entry = await eventually(
      async () => {
        const res = await world.bot.get('/api/v1/incidents/1/timeline');
        const items = ((await res.json()) as { items: Entry[] }).items;
        return items.find((e) => e.text === 'SSO provider is degraded' && e.author?.name === 'erin');
      },
      10_000,
      "Erin's name on the entry",
    );
    assert.deepEqual(entry.author, { slackId: erin, name: 'erin' });
  });

  it('renames a person on the pages when they change their Slack profile', async () => {
    const { slack, people } = world;
    await eventually(async () => (await incident()).reporter?.name === 'alice', 10_000, 'alice known');
    const delivery = await slack.sendEvent({
      type: 'user_change',
      user: {
        id: people.alice,
        name: 'alice',
        real_name: 'Alice Adams-Smith',
        tz: 'America/New_York',
        deleted: false,
        profile: { display_name: 'Alice A-S', real_name: 'Alice Adams-Smith', email: 'alice@example.com' },
      },
      event_ts: '1700000000.000100',
    });
    assert.deepEqual(delivery.statuses, [200]);
    assert.deepEqual((await incident()).reporter, { slackId: people.alice, name: 'Alice A-S' });
    const [row] = await world.bot.db.db.select().from(slackUsers).where(eq(slackUsers.id, people.alice));
    assert.equal(row?.timezone, 'America/New_York');
  });

  it('asks Slack about each person once, not on every request that mentions them', async () => {
    const { slack, people } = world;
    const asked = () => slack.calls('users.info').filter((c) => c.args.user === people.bob).length;
    await eventually(() => asked() === 1, 10_000, 'bob looked up');
    const message = await slack.postMessage({ user: people.bob, channel: channelId, text: 'Looking at the IdP logs' });
    await slack.react({ user: people.bob, channel: channelId, ts: message.ts, name: 'eyes' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(asked(), 1);
  });
});
