// conversations.* through the real WebClient: Slack's naming rules, name_taken (archived channels too),
// invite semantics, topic length, join/rename/archive, and the reading methods' pagination.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { slackError, startWorld, type World } from './world.ts';

describe('sandbox conversations.*', () => {
  let w: World;
  let alice: string;
  let bob: string;
  before(async () => {
    w = await startWorld();
    alice = w.sandbox.addUser({ name: 'alice', email: 'alice@example.com' }).id;
    bob = w.sandbox.addUser({ name: 'bob' }).id;
  });
  after(() => w.stop());

  it('creates a channel of Slack shape with the bot as creator and member', async () => {
    const r = await w.client.conversations.create({ name: 'inc-2026-payments' });
    assert.match(String(r.channel?.id), /^C[A-Z0-9]{10}$/);
    assert.equal(r.channel?.creator, w.sandbox.botUserId);
    assert.equal(r.channel?.is_member, true);
    assert.equal(r.channel?.is_private, false);
    assert.deepEqual(w.sandbox.channelByName('inc-2026-payments')?.members, [w.sandbox.botUserId]);
  });

  it("refuses names outside Slack's rules with the specific error code", async () => {
    const cases: [string, string][] = [
      ['', 'invalid_name_required'],
      ['x'.repeat(81), 'invalid_name_maxlength'],
      ['Payments', 'invalid_name_specials'],
      ['inc payments', 'invalid_name_specials'],
      ['inc.payments', 'invalid_name_specials'],
      ['--__', 'invalid_name_punctuation'],
    ];
    for (const [name, code] of cases) {
      assert.equal(
        (await slackError(w.client.conversations.create({ name }))).error,
        code,
        `name ${JSON.stringify(name)}`,
      );
    }
    assert.equal((await w.client.conversations.create({ name: 'x'.repeat(80) })).ok, true, '80 characters is fine');
  });

  it('says name_taken for a used name, also when that channel is archived', async () => {
    const first = await w.client.conversations.create({ name: 'inc-taken' });
    assert.equal((await slackError(w.client.conversations.create({ name: 'inc-taken' }))).error, 'name_taken');
    await w.client.conversations.archive({ channel: String(first.channel?.id) });
    assert.equal(w.sandbox.channel(String(first.channel?.id))?.isArchived, true);
    assert.equal((await slackError(w.client.conversations.create({ name: 'inc-taken' }))).error, 'name_taken');
    assert.equal(
      (await slackError(w.client.conversations.archive({ channel: String(first.channel?.id) }))).error,
      'already_archived',
    );
  });

  it('invites people; already_in_channel only when nobody new joins, with errors[] per user', async () => {
    const c = await w.client.conversations.create({ name: 'inc-invite', is_private: true });
    const channel = String(c.channel?.id);
    const invited = await w.client.conversations.invite({ channel, users: alice });
    assert.equal((invited.channel as { num_members?: number }).num_members, 2);
    const again = await slackError(w.client.conversations.invite({ channel, users: alice }));
    assert.equal(again.error, 'already_in_channel');
    assert.deepEqual(again.data.errors, [{ user: alice, ok: false, error: 'already_in_channel' }]);
    // Alice is in already, Bob is new: Slack invites Bob and does not complain.
    await w.client.conversations.invite({ channel, users: `${alice},${bob}` });
    assert.deepEqual(w.sandbox.channel(channel)?.members, [w.sandbox.botUserId, alice, bob]);
  });

  it('refuses inviting the bot itself, unknown users, and into channels the bot is not in', async () => {
    const c = await w.client.conversations.create({ name: 'inc-invite-errors' });
    const channel = String(c.channel?.id);
    assert.equal(
      (await slackError(w.client.conversations.invite({ channel, users: w.sandbox.botUserId }))).error,
      'cant_invite_self',
    );
    const unknown = await slackError(w.client.conversations.invite({ channel, users: `${alice},U0NOBODY000` }));
    assert.equal(unknown.error, 'user_not_found');
    assert.deepEqual(w.sandbox.channel(channel)?.members, [w.sandbox.botUserId], 'one bad id fails the whole call');
    const forced = await w.client.conversations.invite({ channel, users: `${alice},U0NOBODY000`, force: true });
    assert.deepEqual(forced.errors, [{ user: 'U0NOBODY000', ok: false, error: 'user_not_found' }]);
    assert.deepEqual(w.sandbox.channel(channel)?.members, [w.sandbox.botUserId, alice]);
    const elsewhere = w.sandbox.addChannel({ name: 'not-ours', members: [alice] });
    assert.equal(
      (await slackError(w.client.conversations.invite({ channel: elsewhere.id, users: bob }))).error,
      'not_in_channel',
    );
  });

  it('sets topic and purpose up to 250 characters, too_long beyond', async () => {
    const c = await w.client.conversations.create({ name: 'inc-topic' });
    const channel = String(c.channel?.id);
    const r = await w.client.conversations.setTopic({ channel, topic: 't'.repeat(250) });
    assert.equal(r.channel?.topic?.value, 't'.repeat(250));
    assert.equal(r.channel?.topic?.creator, w.sandbox.botUserId);
    assert.equal(
      (await slackError(w.client.conversations.setTopic({ channel, topic: 't'.repeat(251) }))).error,
      'too_long',
    );
    await w.client.conversations.setPurpose({ channel, purpose: 'Payments are failing' });
    assert.equal(w.sandbox.channel(channel)?.purpose, 'Payments are failing');
    assert.equal(
      (await slackError(w.client.conversations.setPurpose({ channel, purpose: 'p'.repeat(251) }))).error,
      'too_long',
    );
  });

  it('joins public channels (warning when already in), not private ones', async () => {
    const open = w.sandbox.addChannel({ name: 'general-chat', members: [alice] });
    const joined = await w.client.conversations.join({ channel: open.id });
    assert.equal(joined.warning, undefined);
    assert.ok(w.sandbox.channel(open.id)?.members.includes(w.sandbox.botUserId));
    const again = await w.client.conversations.join({ channel: open.id });
    assert.equal(again.warning, 'already_in_channel');
    const secret = w.sandbox.addChannel({ name: 'secret', isPrivate: true, members: [alice] });
    assert.equal(
      (await slackError(w.client.conversations.join({ channel: secret.id }))).error,
      'method_not_supported_for_channel_type',
    );
  });

  it('renames with the same rules, keeping previous names', async () => {
    const c = await w.client.conversations.create({ name: 'inc-old-name' });
    const channel = String(c.channel?.id);
    assert.equal(
      (await slackError(w.client.conversations.rename({ channel, name: 'Bad Name' }))).error,
      'invalid_name_specials',
    );
    assert.equal((await slackError(w.client.conversations.rename({ channel, name: 'inc-taken' }))).error, 'name_taken');
    const r = await w.client.conversations.rename({ channel, name: 'inc-new-name' });
    assert.equal(r.channel?.name, 'inc-new-name');
    assert.deepEqual(r.channel?.previous_names, ['inc-old-name']);
  });

  it('hides private channels the bot is not in', async () => {
    const secret = w.sandbox.addChannel({ name: 'hidden', isPrivate: true, members: [alice] });
    assert.equal((await slackError(w.client.conversations.info({ channel: secret.id }))).error, 'channel_not_found');
    const list = await w.client.conversations.list({ types: 'public_channel,private_channel', limit: 1000 });
    assert.ok(!list.channels?.some((c) => c.id === secret.id));
    assert.equal(
      (await slackError(w.client.conversations.info({ channel: 'C0MISSING00' }))).error,
      'channel_not_found',
    );
  });

  it('pages conversations.list with cursors and honours types and exclude_archived', async () => {
    for (const n of [1, 2, 3]) w.sandbox.addChannel({ name: `page-${n}` });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const r = await w.client.conversations.list({ limit: 2, cursor, exclude_archived: true });
      assert.ok((r.channels?.length ?? 0) <= 2);
      seen.push(...(r.channels ?? []).map((c) => String(c.name)));
      cursor = r.response_metadata?.next_cursor || undefined;
      pages++;
    } while (cursor);
    assert.ok(pages >= 2, 'more than one page');
    assert.ok(['page-1', 'page-2', 'page-3'].every((n) => seen.includes(n)));
    assert.ok(!seen.includes('inc-taken'), 'archived channel excluded');
    assert.ok(!seen.includes('inc-invite'), 'private channel not in the default types');
    const privateOnly = await w.client.conversations.list({ types: 'private_channel' });
    assert.ok(privateOnly.channels?.every((c) => c.is_private));
    assert.equal(
      (await slackError(w.client.conversations.list({ types: 'public_channel,shared' }))).error,
      'invalid_types',
    );
  });

  it('lists members and history (newest first, thread replies left out, not_in_channel for outsiders)', async () => {
    const c = w.sandbox.addChannel({ name: 'history', members: [alice], botIsMember: true });
    const members = await w.client.conversations.members({ channel: c.id });
    assert.deepEqual(members.members, [alice, w.sandbox.botUserId]);
    const first = await w.sandbox.postMessage({ user: alice, channel: c.id, text: 'one' });
    await w.sandbox.postMessage({ user: alice, channel: c.id, text: 'reply', threadTs: first.ts });
    await w.client.chat.postMessage({ channel: c.id, text: 'two' });
    const history = await w.client.conversations.history({ channel: c.id });
    assert.deepEqual(
      history.messages?.map((m) => m.text),
      ['two', 'one'],
    );
    assert.equal(history.has_more, false);
    const paged = await w.client.conversations.history({ channel: c.id, limit: 1 });
    assert.equal(paged.has_more, true);
    assert.ok(paged.response_metadata?.next_cursor);
    const outside = w.sandbox.addChannel({ name: 'outside', members: [alice] });
    assert.equal((await slackError(w.client.conversations.history({ channel: outside.id }))).error, 'not_in_channel');
  });
});
