// After set-up: pins become the timeline (once, however often Slack delivers the event), unpinning
// hides, renaming the channel is noticed, events elsewhere are ignored, and the headline follows
// every change to the incident.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { userActor } from '../../../src/domain/index.ts';
import { setSeverity, updateIncident } from '../../../src/usecases/index.ts';
import { eventually, type SlackWorld, startSlackWorld } from '../../support/slack-world.ts';

type Entry = {
  source: string;
  text: string;
  hidden: boolean;
  occurredAt: string;
  author: { slackId: string } | null;
  slack: { channelId: string; ts: string; permalink: string | null } | null;
};

describe('an incident channel at work', () => {
  let world: SlackWorld;
  let incidentId: number;
  let channelId: string;

  before(async () => {
    world = await startSlackWorld();
    const { slack, people, channels } = world;
    await slack.slashCommand({ user: people.alice, channel: channels.general, text: 'Database failover' });
    const view = slack.openViews(people.alice).at(-1);
    assert.ok(view);
    await slack.submitView({
      user: people.alice,
      viewId: view.id,
      values: { title: 'Database failover', lead: people.bob },
    });
    incidentId = 1;
    const channel = await eventually(() => slack.channels().find((c) => c.name.startsWith('inc-1-')), 5_000, 'channel');
    channelId = channel.id;
    await eventually(() => slack.messages(channels.incidents).some((m) => m.text.includes('#1:')), 5_000, 'headline');
  });
  after(() => world.stop());

  const timeline = async (hidden = false): Promise<Entry[]> => {
    const query = hidden ? '?hidden=include' : '';
    const res = await world.bot.get(`/api/v1/incidents/${incidentId}/timeline${query}`);
    return ((await res.json()) as { items: Entry[] }).items.filter((e) => e.source === 'pin');
  };

  it('records a pinned message once, even when Slack delivers the pin three times', async () => {
    const { slack, people } = world;
    const message = await slack.postMessage({
      user: people.bob,
      channel: channelId,
      text: 'Failover to <replica-2> done',
    });
    const delivery = await slack.pin({ user: people.alice, channel: channelId, ts: message.ts }, { times: 3 });
    assert.deepEqual(delivery.statuses, [200, 200, 200]);
    const entries = await timeline();
    assert.equal(entries.length, 1);
    const [entry] = entries;
    assert.equal(entry?.text, 'Failover to <replica-2> done', 'stored as Slack sent it');
    assert.equal(entry?.author?.slackId, people.bob, 'the author is who wrote it, not who pinned it');
    assert.equal(entry?.slack?.ts, message.ts);
    assert.equal(entry?.slack?.permalink, message.permalink);
    const sentAt = Number(message.ts.split('.')[0]) * 1000;
    assert.ok(Math.abs(new Date(entry?.occurredAt ?? 0).getTime() - sentAt) < 1000, "the message's own time");
  });

  it('hides the entry when the message is unpinned, and shows it again when pinned again', async () => {
    const { slack, people } = world;
    const message = await slack.postMessage({ user: people.alice, channel: channelId, text: 'Replication lag 40s' });
    await slack.pin({ user: people.alice, channel: channelId, ts: message.ts });
    await slack.unpin({ user: people.alice, channel: channelId, ts: message.ts });
    const visible = await timeline();
    assert.ok(!visible.some((e) => e.text === 'Replication lag 40s'), 'hidden from the timeline');
    const all = await timeline(true);
    assert.equal(all.find((e) => e.text === 'Replication lag 40s')?.hidden, true, 'kept, marked hidden');
    await slack.pin({ user: people.alice, channel: channelId, ts: message.ts });
    assert.ok(
      (await timeline()).some((e) => e.text === 'Replication lag 40s'),
      'back after pinning again',
    );
  });

  it('ignores pins in channels that are not incident channels', async () => {
    const { slack, people, channels } = world;
    const before = (await timeline(true)).length;
    const message = await slack.postMessage({ user: people.alice, channel: channels.incidents, text: 'unrelated' });
    const delivery = await slack.pin({ user: people.alice, channel: channels.incidents, ts: message.ts });
    assert.deepEqual(delivery.statuses, [200]);
    assert.equal((await timeline(true)).length, before);
  });

  it('keeps the channel name in step when someone renames it', async () => {
    await world.slack.renameChannel({ channel: channelId, name: 'inc-1-db-failover' });
    const res = await world.bot.get(`/api/v1/incidents/${incidentId}`);
    assert.equal(((await res.json()) as { channel: { name: string } }).channel.name, 'inc-1-db-failover');
  });

  it('edits the headline in place after every change', async () => {
    const { slack, bot, people, channels } = world;
    const headline = () => slack.messages(channels.incidents).filter((m) => m.text.includes('#1:'));
    await setSeverity(bot.write, { incidentId, severity: 'critical', actor: userActor(people.bob) });
    await bot.incidentChanged(incidentId);
    await eventually(
      () => JSON.stringify(headline()[0]?.blocks).includes('Critical'),
      5_000,
      'severity on the headline',
    );
    await updateIncident(bot.write, {
      incidentId,
      patch: { title: 'Primary database failover' },
      actor: userActor(people.bob),
    });
    await bot.incidentChanged(incidentId);
    await eventually(
      () => headline()[0]?.text.includes('Primary database failover'),
      5_000,
      'new title on the headline',
    );
    assert.equal(headline().length, 1, 'still one headline');
    assert.ok(slack.calls('chat.update').filter((c) => c.ok).length >= 2);
  });
});
