// Events API deliveries: the event_callback envelope and inner events with the fixtures' fields, Slack's
// "only where the bot is a member" rule, redelivery headers, timeouts, and forged/stale requests.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { fixture, missingKeys } from './fake-bot.ts';
import { startWorld, type World } from './world.ts';

describe('sandbox events', () => {
  let w: World;
  let alice: string;
  let channel: string;
  const events = () => w.bot.received.map((r) => r.json);
  before(async () => {
    w = await startWorld();
    alice = w.sandbox.addUser({ name: 'alice' }).id;
    channel = w.sandbox.addChannel({ name: 'inc-payments', members: [alice], botIsMember: true }).id;
  });
  beforeEach(() => {
    w.bot.received.length = 0;
    w.bot.answer = () => ({});
  });
  after(() => w.stop());

  it('delivers a person’s message as a signed event_callback with the envelope of a real one', async () => {
    const message = await w.sandbox.postMessage({ user: alice, channel, text: 'Rolled back payments-api' });
    assert.equal(w.bot.received.length, 1);
    const r = w.bot.received[0];
    assert.ok(r?.signatureValid);
    assert.equal(r.contentType, 'application/json');
    const body = r.json;
    const { event: _inner, ...envelope } = fixture('event_pin_added.json');
    assert.deepEqual(missingKeys(envelope, body), [], 'every envelope field of a real delivery');
    assert.match(body.event_id, /^Ev[A-Z0-9]+$/);
    assert.deepEqual(body.authorizations, [
      {
        enterprise_id: null,
        team_id: w.sandbox.teamId,
        user_id: w.sandbox.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ]);
    assert.equal(body.is_ext_shared_channel, false);
    assert.deepEqual(
      {
        type: body.event.type,
        user: body.event.user,
        text: body.event.text,
        ts: body.event.ts,
        channel: body.event.channel,
        channel_type: body.event.channel_type,
      },
      {
        type: 'message',
        user: alice,
        text: 'Rolled back payments-api',
        ts: message.ts,
        channel,
        channel_type: 'channel',
      },
    );
  });

  it('adds app_mention when the text mentions the bot', async () => {
    await w.sandbox.postMessage({ user: alice, channel, text: `<@${w.sandbox.botUserId}> what is the status?` });
    assert.deepEqual(
      events().map((e) => e.event.type),
      ['message', 'app_mention'],
    );
    assert.deepEqual(missingKeys(fixture('event_app_mention.json'), events()[1]), []);
    assert.notEqual(events()[0].event_id, events()[1].event_id);
  });

  it('sends nothing about conversations the bot is not in', async () => {
    const elsewhere = w.sandbox.addChannel({ name: 'random', members: [alice] }).id;
    const message = await w.sandbox.postMessage({ user: alice, channel: elsewhere, text: 'hello' });
    const pinned = await w.sandbox.pin({ user: alice, channel: elsewhere, ts: message.ts });
    assert.deepEqual(pinned.statuses, []);
    assert.equal(w.bot.received.length, 0);
    assert.deepEqual(w.sandbox.pins(elsewhere), [message.ts], 'the pin itself still happened');
  });

  it('delivers pin_added and pin_removed with the fixtures’ fields', async () => {
    const message = await w.sandbox.postMessage({ user: alice, channel, text: 'Error rate is dropping' });
    w.bot.received.length = 0;
    const added = await w.sandbox.pin({ user: alice, channel, ts: message.ts });
    assert.deepEqual(added.statuses, [200]);
    const pinAdded = events()[0];
    assert.equal(pinAdded.event_id, added.eventId);
    assert.deepEqual(missingKeys(fixture('event_pin_added.json'), pinAdded), []);
    assert.deepEqual(pinAdded.event.item.message.pinned_to, [channel]);
    assert.equal(pinAdded.event.item.message.permalink, message.permalink);
    assert.equal(pinAdded.event.item_user, alice);
    assert.equal(pinAdded.event.pin_count, 1);
    await w.sandbox.unpin({ user: alice, channel, ts: message.ts });
    const pinRemoved = events()[1];
    assert.deepEqual(missingKeys(fixture('event_pin_removed.json'), pinRemoved), []);
    assert.equal(pinRemoved.event.has_pins, false);
    assert.equal(pinRemoved.event.pin_count, 0);
    assert.deepEqual(w.sandbox.pins(channel), []);
  });

  it('redelivers the same event_id with X-Slack-Retry-Num and X-Slack-Retry-Reason', async () => {
    const message = await w.sandbox.postMessage({ user: alice, channel, text: 'retry me' });
    w.bot.received.length = 0;
    const d = await w.sandbox.react(
      { user: alice, channel, ts: message.ts, name: 'eyes' },
      { times: 3, eventId: 'Ev0RETRY0001' },
    );
    assert.deepEqual(d, { eventId: 'Ev0RETRY0001', statuses: [200, 200, 200] });
    assert.deepEqual(
      w.bot.received.map((r) => [r.json.event_id, r.headers['x-slack-retry-num'], r.headers['x-slack-retry-reason']]),
      [
        ['Ev0RETRY0001', undefined, undefined],
        ['Ev0RETRY0001', '1', 'http_timeout'],
        ['Ev0RETRY0001', '2', 'http_timeout'],
      ],
    );
    assert.ok(w.bot.received.every((r) => r.signatureValid && r.raw === w.bot.received[0]?.raw));
    assert.deepEqual(missingKeys(fixture('event_reaction_added.json'), events()[0]), []);
    assert.deepEqual(w.sandbox.reactions(channel, message.ts), [{ name: 'eyes', users: [alice] }]);
    await w.sandbox.unreact({ user: alice, channel, ts: message.ts, name: 'eyes' });
    assert.equal(events().at(-1).event.type, 'reaction_removed');
    assert.deepEqual(w.sandbox.reactions(channel, message.ts), []);
  });

  it('records a failing or late reply per attempt (0 = no answer within the deadline)', async () => {
    const quick = await startWorld({ replyTimeoutMs: 100 });
    try {
      quick.bot.answer = (r) => (r.headers['x-slack-retry-num'] ? { status: 200 } : { delayMs: 300 });
      const d = await quick.sandbox.sendEvent({ type: 'app_home_opened', user: 'U0ALICE0001' }, { times: 2 });
      assert.deepEqual(d.statuses, [0, 200]);
      quick.bot.answer = () => ({ status: 500 });
      assert.deepEqual((await quick.sandbox.sendEvent({ type: 'app_home_opened' })).statuses, [500]);
    } finally {
      await quick.stop();
    }
  });

  it('delivers message_changed and message_deleted with the fixtures’ fields', async () => {
    const message = await w.sandbox.postMessage({ user: alice, channel, text: 'typo' });
    await w.sandbox.editMessage({ channel, ts: message.ts, text: 'fixed' });
    const changed = events()[1];
    assert.deepEqual(missingKeys(fixture('event_message_changed.json'), changed), []);
    assert.equal(changed.event.message.text, 'fixed');
    assert.equal(changed.event.previous_message.text, 'typo');
    assert.equal(w.sandbox.messages(channel).at(-1)?.edited?.user, alice);
    await w.sandbox.deleteMessage({ channel, ts: message.ts });
    const deleted = events()[2];
    assert.deepEqual(missingKeys(fixture('event_message_deleted.json'), deleted), []);
    assert.equal(deleted.event.deleted_ts, message.ts);
    assert.ok(!w.sandbox.messages(channel).some((m) => m.ts === message.ts));
  });

  it('delivers channel_rename (group_rename for private channels)', async () => {
    const d = await w.sandbox.renameChannel({ channel, name: 'inc-payments-down' });
    assert.deepEqual(d.statuses, [200]);
    assert.deepEqual(missingKeys(fixture('event_channel_rename.json'), events()[0]), []);
    assert.equal(events()[0].event.channel.name, 'inc-payments-down');
    assert.equal(w.sandbox.channel(channel)?.name, 'inc-payments-down');
    const secret = w.sandbox.addChannel({ name: 'secret-room', isPrivate: true, botIsMember: true }).id;
    await w.sandbox.renameChannel({ channel: secret, name: 'secret-room-2' });
    assert.equal(events()[1].event.type, 'group_rename');
    await assert.rejects(w.sandbox.renameChannel({ channel, name: 'Bad Name' }), /invalid_name_specials/);
  });

  it('delivers member_joined_channel, also when the bot itself is added', async () => {
    const bob = w.sandbox.addUser({ name: 'bob' }).id;
    await w.sandbox.joinChannel({ user: bob, channel });
    // Self-joins carry no inviter, and this is not an Enterprise Grid org: the fixture has both.
    assert.deepEqual(missingKeys(fixture('event_member_joined_channel.json'), events()[0]), [
      '/event/inviter',
      '/event/enterprise',
    ]);
    assert.deepEqual([events()[0].event.user, events()[0].event.channel_type], [bob, 'C']);
    const quiet = w.sandbox.addChannel({ name: 'quiet', members: [alice] }).id;
    await w.sandbox.joinChannel({ user: w.sandbox.botUserId, channel: quiet });
    assert.equal(events()[1].event.user, w.sandbox.botUserId);
    assert.ok(w.sandbox.channel(quiet)?.members.includes(w.sandbox.botUserId));
  });

  it('sends raw bodies signed now, or forged and stale on request', async () => {
    const body = JSON.stringify(fixture('url_verification.json'));
    w.bot.answer = () => ({ body: 'challenge-accepted' });
    const good = await w.sandbox.sendSigned(body, 'application/json');
    assert.equal(await good.text(), 'challenge-accepted');
    assert.equal(w.bot.received[0]?.signatureValid, true);
    await w.sandbox.sendSigned(body, 'application/json', { signature: null });
    assert.equal(w.bot.received[1]?.headers['x-slack-signature'], undefined);
    await w.sandbox.sendSigned(body, 'application/json', { signature: 'v0=forged' });
    assert.equal(w.bot.received[2]?.signatureValid, false);
    await w.sandbox.sendSigned(body, 'application/json', { timestamp: 1531420618, headers: { 'x-extra': '1' } });
    assert.equal(w.bot.received[3]?.headers['x-slack-request-timestamp'], '1531420618');
    assert.equal(w.bot.received[3]?.signatureValid, true, 'signed with the stale timestamp it carries');
    assert.equal(w.bot.received[3]?.headers['x-extra'], '1');
  });
});
