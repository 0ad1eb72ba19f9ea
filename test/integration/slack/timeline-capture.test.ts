// Beyond pins: the 📌 reaction and the "Add to timeline" shortcut put messages on the incident's
// timeline, taking the last reaction off or deleting the message hides the entry, and an edit in
// Slack rewrites it. Redeliveries change nothing; other channels and the bot's own posts are ignored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { ADD_TO_TIMELINE } from '../../../src/slack/ids.ts';
import { incidentEvents } from '../../../src/storage/schema.ts';
import { eventually, type SlackWorld, startSlackWorld } from '../../support/slack-world.ts';

type Entry = {
  source: string;
  text: string;
  hidden: boolean;
  occurredAt: string;
  author: { slackId: string; name: string } | null;
  slack: { channelId: string; ts: string; permalink: string | null } | null;
};

const PIN = 'pushpin';

describe('capturing messages beyond pins', () => {
  let world: SlackWorld;
  let channelId: string;

  before(async () => {
    world = await startSlackWorld();
    const { slack, people, channels } = world;
    await slack.slashCommand({ user: people.alice, channel: channels.general, text: 'Checkout errors' });
    const view = slack.openViews(people.alice).at(-1);
    assert.ok(view);
    await slack.submitView({
      user: people.alice,
      viewId: view.id,
      values: { title: 'Checkout errors', lead: people.bob },
    });
    const channel = await eventually(() => slack.channels().find((c) => c.name.startsWith('inc-1-')), 5_000, 'channel');
    channelId = channel.id;
    await eventually(() => slack.messages(channelId).length > 0, 5_000, 'opening message');
  });
  after(() => world.stop());

  /** The incident's timeline as the API shows it (hidden entries too when asked). */
  const timeline = async (hidden = false): Promise<Entry[]> => {
    const res = await world.bot.get(`/api/v1/incidents/1/timeline${hidden ? '?hidden=include' : ''}`);
    assert.equal(res.status, 200);
    return ((await res.json()) as { items: Entry[] }).items.filter((e) => e.source !== 'change');
  };
  const entryFor = async (ts: string, hidden = true) => (await timeline(hidden)).find((e) => e.slack?.ts === ts);
  const post = (user: string, text: string) => world.slack.postMessage({ user, channel: channelId, text });
  const react = (user: string, ts: string, times = 1) =>
    world.slack.react({ user, channel: channelId, ts, name: PIN }, { times });
  const unreact = (user: string, ts: string, times = 1) =>
    world.slack.unreact({ user, channel: channelId, ts, name: PIN }, { times });

  it('records a message reacted to with 📌 once, with its author, time and link, however often Slack delivers it', async () => {
    const { people } = world;
    const message = await post(people.bob, 'Checkout <api> errors started at 09:58');
    const delivery = await react(people.alice, message.ts, 3);
    assert.deepEqual(delivery.statuses, [200, 200, 200]);
    const entries = (await timeline()).filter((e) => e.slack?.ts === message.ts);
    assert.equal(entries.length, 1);
    const [entry] = entries;
    assert.equal(entry?.source, 'reaction');
    assert.equal(entry?.text, 'Checkout <api> errors started at 09:58', 'stored as Slack sent it');
    assert.equal(entry?.author?.slackId, people.bob, 'the author is who wrote it, not who reacted');
    assert.equal(entry?.slack?.permalink, message.permalink);
    const sentAt = Number(message.ts.split('.')[0]) * 1000;
    assert.ok(Math.abs(new Date(entry?.occurredAt ?? 0).getTime() - sentAt) < 1000, "the message's own time");
  });

  it('keeps the entry while someone else still has 📌 on it, hides it when the last one comes off', async () => {
    const { people } = world;
    const message = await post(people.alice, 'Payment provider confirms an outage');
    await react(people.alice, message.ts);
    await react(people.bob, message.ts);
    await unreact(people.alice, message.ts, 3);
    assert.equal((await entryFor(message.ts))?.hidden, false, "Bob's 📌 still marks it");
    await unreact(people.bob, message.ts);
    assert.equal(await entryFor(message.ts, false), undefined, 'gone from the timeline');
    assert.equal((await entryFor(message.ts))?.hidden, true, 'kept, marked hidden');
    await react(people.bob, message.ts);
    assert.equal((await entryFor(message.ts))?.hidden, false, 'back after reacting again');
  });

  it('keeps a pinned message on the timeline when its 📌 reaction comes off', async () => {
    const { slack, people } = world;
    const message = await post(people.bob, 'Rolled back checkout to v2.3.1');
    await slack.pin({ user: people.bob, channel: channelId, ts: message.ts });
    await react(people.alice, message.ts);
    await unreact(people.alice, message.ts);
    assert.equal((await entryFor(message.ts))?.hidden, false);
  });

  it('makes one entry when the same reaction reaches the bot under a new event id', async () => {
    const { slack, people } = world;
    const message = await post(people.bob, 'Error rate back under 1%');
    await react(people.alice, message.ts);
    const before = await timeline(true);
    const event = { type: 'reaction_added', user: people.alice, reaction: PIN, item_user: people.bob };
    const again = await slack.sendEvent({ ...event, item: { type: 'message', channel: channelId, ts: message.ts } });
    assert.deepEqual(again.statuses, [200]);
    assert.deepEqual(await timeline(true), before);
  });

  it("ignores other emoji, the bot's own messages, and 📌 in channels that are not incident channels", async () => {
    const { slack, people, channels } = world;
    const before = await timeline(true);
    const historyCalls = slack.calls('conversations.history').length;
    const message = await post(people.bob, 'Looking into it');
    await slack.react({ user: people.alice, channel: channelId, ts: message.ts, name: 'eyes' });
    const opening = slack.messages(channelId).find((m) => m.user === slack.botUserId);
    assert.ok(opening, "the bot's opening message");
    await react(people.alice, opening.ts);
    const elsewhere = await slack.postMessage({ user: people.alice, channel: channels.incidents, text: 'unrelated' });
    const delivery = await slack.react({ user: people.bob, channel: channels.incidents, ts: elsewhere.ts, name: PIN });
    assert.deepEqual(delivery.statuses, [200]);
    assert.deepEqual(await timeline(true), before);
    assert.equal(
      slack.calls('conversations.history').length,
      historyCalls + 1,
      'Slack is asked only about the 📌 in the incident channel',
    );
  });

  it('adds a message with the shortcut and tells only that person, with the incident number', async () => {
    const { slack, people } = world;
    const message = await post(people.bob, 'Customer support reports failed refunds');
    const reply = await slack.messageShortcut({
      user: people.alice,
      channel: channelId,
      ts: message.ts,
      callbackId: ADD_TO_TIMELINE,
    });
    assert.equal(reply.status, 200);
    const entry = await entryFor(message.ts);
    assert.equal(entry?.source, 'shortcut');
    assert.equal(entry?.author?.slackId, people.bob);
    assert.equal(entry?.slack?.permalink, message.permalink);
    const answers = () => slack.ephemerals({ user: people.alice, channel: channelId }).map((e) => e.text);
    const added = await eventually(
      () => answers().find((t) => t.includes('Added to the timeline of incident #1')),
      5_000,
      'reply',
    );
    assert.ok(added.includes('http://incidents.test/incidents/1'), 'links the incident page');
    assert.equal(slack.ephemerals({ user: people.bob }).length, 0, 'nobody else sees it');

    await slack.messageShortcut({
      user: people.alice,
      channel: channelId,
      ts: message.ts,
      callbackId: ADD_TO_TIMELINE,
    });
    await eventually(
      () => answers().some((t) => t.includes('already on the timeline of incident #1')),
      5_000,
      'second reply',
    );
    assert.equal((await timeline()).filter((e) => e.slack?.ts === message.ts).length, 1, 'still one entry');
  });

  it('keeps a shortcut entry when a 📌 reaction on it comes and goes', async () => {
    const { slack, people } = world;
    const message = await post(people.alice, 'Refund queue drained');
    await slack.messageShortcut({ user: people.bob, channel: channelId, ts: message.ts, callbackId: ADD_TO_TIMELINE });
    await react(people.alice, message.ts);
    await unreact(people.alice, message.ts);
    assert.equal((await entryFor(message.ts))?.hidden, false);
  });

  it('says the shortcut works only in incident channels when used elsewhere, and records nothing', async () => {
    const { slack, people, channels } = world;
    const before = await timeline(true);
    const message = await slack.postMessage({
      user: people.carol,
      channel: channels.general,
      text: 'Is checkout down?',
    });
    const reply = await slack.messageShortcut({
      user: people.carol,
      channel: channels.general,
      ts: message.ts,
      callbackId: ADD_TO_TIMELINE,
    });
    assert.equal(reply.status, 200);
    const answer = await eventually(
      () => slack.ephemerals({ user: people.carol, channel: channels.general }).at(-1)?.text,
      5_000,
      'reply',
    );
    assert.match(answer, /works only in incident channels/);
    assert.deepEqual(await timeline(true), before);
  });

  it('rewrites the entry when the message is edited in Slack, once however often the edit arrives', async () => {
    const { slack, people } = world;
    const message = await post(people.bob, 'DB failver done');
    await react(people.alice, message.ts);
    await slack.editMessage({ channel: channelId, ts: message.ts, text: 'DB failover done' });
    assert.equal((await entryFor(message.ts))?.text, 'DB failover done');

    const edited = slack.messages(channelId).find((m) => m.ts === message.ts);
    const event = {
      type: 'message',
      subtype: 'message_changed',
      hidden: true,
      channel: channelId,
      ts: '1999999999.000001',
      message: {
        type: 'message',
        user: people.bob,
        text: 'DB failover done (replica 2)',
        ts: message.ts,
        edited: edited?.edited,
      },
    };
    const delivery = await slack.sendEvent(event, { times: 3 });
    assert.deepEqual(delivery.statuses, [200, 200, 200]);
    await slack.sendEvent(event);
    assert.equal((await entryFor(message.ts))?.text, 'DB failover done (replica 2)');
    // One change in the incident's history per real edit: the first, and the one sent four times.
    const [updates] = await world.bot.db.db
      .select({ n: count() })
      .from(incidentEvents)
      .where(eq(incidentEvents.type, 'timeline.updated'));
    assert.equal(updates?.n, 2);
  });

  it('leaves the timeline alone when a message nobody captured is edited', async () => {
    const { slack, people } = world;
    const before = await timeline(true);
    const message = await post(people.bob, 'typo hre');
    await slack.editMessage({ channel: channelId, ts: message.ts, text: 'typo here' });
    assert.deepEqual(await timeline(true), before);
  });

  it('hides the entry when the message is deleted in Slack', async () => {
    const { slack, people } = world;
    const message = await post(people.bob, 'Wrong channel, sorry');
    await react(people.bob, message.ts);
    assert.equal((await entryFor(message.ts))?.hidden, false);
    await slack.deleteMessage({ channel: channelId, ts: message.ts });
    assert.equal(await entryFor(message.ts, false), undefined);
    assert.equal((await entryFor(message.ts))?.hidden, true, 'kept, marked hidden');
  });
});
