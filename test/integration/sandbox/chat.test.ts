// chat.* through the real WebClient: where the bot may post, DMs, updates, ephemerals, permalinks,
// and Block Kit limits enforced as Slack does (invalid_blocks + response_metadata.messages).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { slackError, startWorld, type World } from './world.ts';

const section = (text: string, blockId?: string) => ({
  type: 'section',
  ...(blockId ? { block_id: blockId } : {}),
  text: { type: 'mrkdwn', text },
});

describe('sandbox chat.*', () => {
  let w: World;
  let alice: string;
  let bob: string;
  before(async () => {
    w = await startWorld();
    alice = w.sandbox.addUser({ name: 'alice' }).id;
    bob = w.sandbox.addUser({ name: 'bob' }).id;
  });
  after(() => w.stop());

  it('posts into public channels without joining (chat:write.public), with strictly increasing ts', async () => {
    const c = w.sandbox.addChannel({ name: 'incidents', members: [alice] });
    const one = await w.client.chat.postMessage({ channel: c.id, text: 'first', blocks: [section('*first*', 'b1')] });
    const two = await w.client.chat.postMessage({ channel: c.id, text: 'second' });
    assert.match(String(one.ts), /^\d{10}\.\d{6}$/);
    assert.ok(String(two.ts) > String(one.ts));
    assert.equal(one.message?.bot_id, w.sandbox.botId);
    const stored = w.sandbox.messages(c.id);
    assert.deepEqual(
      stored.map((m) => [m.text, m.user, m.botId]),
      [
        ['first', w.sandbox.botUserId, w.sandbox.botId],
        ['second', w.sandbox.botUserId, w.sandbox.botId],
      ],
    );
    assert.deepEqual(stored[0]?.blocks, [section('*first*', 'b1')]);
    assert.match(String(stored[0]?.permalink), new RegExp(`/archives/${c.id}/p\\d{16}$`));
  });

  it('gives blocks without ids the block_id/action_id Slack would generate', async () => {
    const c = w.sandbox.addChannel({ name: 'generated-ids' });
    const blocks = [
      section('no id'),
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Go' }, value: '1' }] },
    ];
    const r = await w.client.chat.postMessage({ channel: c.id, text: 'x', blocks });
    const sent = r.message?.blocks as { block_id?: string; elements?: { action_id?: string }[] }[];
    assert.ok(sent.every((b) => typeof b.block_id === 'string' && b.block_id.length > 0));
    assert.ok(sent[1]?.elements?.[0]?.action_id);
  });

  it('refuses private channels the bot is not in, archived channels and unknown ones', async () => {
    const secret = w.sandbox.addChannel({ name: 'private-room', isPrivate: true, members: [alice] });
    assert.equal(
      (await slackError(w.client.chat.postMessage({ channel: secret.id, text: 'x' }))).error,
      'not_in_channel',
    );
    const old = await w.client.conversations.create({ name: 'archived-room' });
    await w.client.conversations.archive({ channel: String(old.channel?.id) });
    assert.equal(
      (await slackError(w.client.chat.postMessage({ channel: String(old.channel?.id), text: 'x' }))).error,
      'is_archived',
    );
    assert.equal(
      (await slackError(w.client.chat.postMessage({ channel: 'C0NOWHERE00', text: 'x' }))).error,
      'channel_not_found',
    );
    assert.equal(
      (await slackError(w.client.chat.postMessage({ channel: secret.id } as never))).error,
      'not_in_channel',
    );
    const c = w.sandbox.addChannel({ name: 'empty-message' });
    assert.equal((await slackError(w.client.chat.postMessage({ channel: c.id } as never))).error, 'no_text');
  });

  it('opens a DM when the channel is a user id, and keeps using the same D… channel', async () => {
    const one = await w.client.chat.postMessage({ channel: alice, text: 'You reported an incident' });
    const two = await w.client.chat.postMessage({ channel: alice, text: 'It is resolved' });
    assert.match(String(one.channel), /^D[A-Z0-9]{10}$/);
    assert.equal(two.channel, one.channel);
    assert.deepEqual(
      w.sandbox.dms(alice).map((m) => m.text),
      ['You reported an incident', 'It is resolved'],
    );
    assert.deepEqual(w.sandbox.dms(bob), []);
    const info = await w.client.conversations.info({ channel: String(one.channel) });
    assert.equal(info.channel?.is_im, true);
    assert.equal((info.channel as { user?: string }).user, alice, 'an IM names the person');
  });

  it("updates the bot's own messages only", async () => {
    const c = w.sandbox.addChannel({ name: 'updates', members: [alice], botIsMember: true });
    const posted = await w.client.chat.postMessage({ channel: c.id, text: 'v1', blocks: [section('v1', 'v1')] });
    const updated = await w.client.chat.update({ channel: c.id, ts: String(posted.ts), text: 'v2' });
    assert.equal(updated.text, 'v2');
    const stored = w.sandbox.messages(c.id)[0];
    assert.equal(stored?.text, 'v2');
    assert.deepEqual(stored?.blocks, [section('v1', 'v1')], 'omitted blocks are kept');
    assert.equal(stored?.edited?.user, w.sandbox.botUserId);
    assert.equal(
      (await slackError(w.client.chat.update({ channel: c.id, ts: '1000000000.000001', text: 'x' }))).error,
      'message_not_found',
    );
    const theirs = await w.sandbox.postMessage({ user: alice, channel: c.id, text: 'mine' });
    assert.equal(
      (await slackError(w.client.chat.update({ channel: c.id, ts: theirs.ts, text: 'x' }))).error,
      'cant_update_message',
    );
  });

  it('posts ephemerals only to people in the channel', async () => {
    const c = w.sandbox.addChannel({ name: 'ephemeral', members: [alice], botIsMember: true });
    const r = await w.client.chat.postEphemeral({ channel: c.id, user: alice, text: 'Only you can see this' });
    assert.match(String(r.message_ts), /^\d{10}\.\d{6}$/);
    assert.deepEqual(w.sandbox.ephemerals({ user: alice, channel: c.id }), [
      { channel: c.id, user: alice, text: 'Only you can see this', via: 'api', ts: r.message_ts },
    ]);
    assert.equal(
      (await slackError(w.client.chat.postEphemeral({ channel: c.id, user: bob, text: 'x' }))).error,
      'user_not_in_channel',
    );
    assert.equal(
      (await slackError(w.client.chat.postEphemeral({ channel: c.id, user: 'U0NOBODY000', text: 'x' }))).error,
      'user_not_found',
    );
    assert.deepEqual(w.sandbox.messages(c.id), [], 'ephemerals are not channel messages');
  });

  it('returns permalinks for existing messages', async () => {
    const c = w.sandbox.addChannel({ name: 'permalinks' });
    const posted = await w.client.chat.postMessage({ channel: c.id, text: 'x' });
    const r = await w.client.chat.getPermalink({ channel: c.id, message_ts: String(posted.ts) });
    assert.equal(r.permalink, w.sandbox.messages(c.id)[0]?.permalink);
    assert.equal(
      (await slackError(w.client.chat.getPermalink({ channel: c.id, message_ts: '1.000000' }))).error,
      'message_not_found',
    );
  });

  it('enforces Block Kit limits with invalid_blocks and json-pointer messages', async () => {
    const c = w.sandbox.addChannel({ name: 'block-kit' });
    const post = (blocks: unknown[]) =>
      slackError(w.client.chat.postMessage({ channel: c.id, text: 'x', blocks: blocks as never }));
    const button = (n: number, extra: object = {}) => ({
      type: 'button',
      action_id: `b${n}`,
      text: { type: 'plain_text', text: `B${n}` },
      ...extra,
    });
    const cases: [string, unknown[], string][] = [
      [
        '51 blocks',
        Array.from({ length: 51 }, () => ({ type: 'divider' })),
        '[ERROR] no more than 50 items allowed [json-pointer:/blocks]',
      ],
      [
        'section text 3001',
        [section('x'.repeat(3001))],
        '[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
      ],
      [
        'empty section text',
        [section('')],
        '[ERROR] must be more than 0 characters [json-pointer:/blocks/0/text/text]',
      ],
      [
        '11 fields',
        [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }],
        '[ERROR] no more than 10 items allowed [json-pointer:/blocks/0/fields]',
      ],
      [
        'field 2001',
        [{ type: 'section', fields: [{ type: 'mrkdwn', text: 'f'.repeat(2001) }] }],
        '[ERROR] must be less than 2001 characters [json-pointer:/blocks/0/fields/0/text]',
      ],
      [
        'header 151',
        [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }],
        '[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]',
      ],
      [
        'header mrkdwn',
        [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }],
        '[ERROR] must be one of: plain_text [json-pointer:/blocks/0/text/type]',
      ],
      [
        '11 context elements',
        [{ type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' })) }],
        '[ERROR] no more than 10 items allowed [json-pointer:/blocks/0/elements]',
      ],
      [
        '26 actions',
        [{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button(i)) }],
        '[ERROR] no more than 25 items allowed [json-pointer:/blocks/0/elements]',
      ],
      [
        'button text 76',
        [{ type: 'actions', elements: [{ ...button(1), text: { type: 'plain_text', text: 'b'.repeat(76) } }] }],
        '[ERROR] must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]',
      ],
      [
        'button value 2001',
        [{ type: 'actions', elements: [button(1, { value: 'v'.repeat(2001) })] }],
        '[ERROR] must be less than 2001 characters [json-pointer:/blocks/0/elements/0/value]',
      ],
      [
        'button url 3001',
        [{ type: 'actions', elements: [button(1, { url: `https://e.x/${'u'.repeat(2990)}` })] }],
        '[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/elements/0/url]',
      ],
      [
        'duplicate action_id',
        [{ type: 'actions', elements: [button(1), button(1)] }],
        '[ERROR] action_id already exists: b1 [json-pointer:/blocks/0/elements/1/action_id]',
      ],
      [
        'block_id 256',
        [section('x', 'i'.repeat(256))],
        '[ERROR] must be less than 256 characters [json-pointer:/blocks/0/block_id]',
      ],
      [
        'action_id 256',
        [{ type: 'actions', elements: [{ ...button(1), action_id: 'a'.repeat(256) }] }],
        '[ERROR] must be less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]',
      ],
      [
        'unknown block type',
        [{ type: 'carousel' }],
        '[ERROR] unsupported type: carousel [json-pointer:/blocks/0/type]',
      ],
      [
        '101 options',
        [
          {
            type: 'section',
            text: { type: 'mrkdwn', text: 's' },
            accessory: {
              type: 'static_select',
              action_id: 's',
              options: Array.from({ length: 101 }, (_, i) => ({
                text: { type: 'plain_text', text: `o${i}` },
                value: `v${i}`,
              })),
            },
          },
        ],
        '[ERROR] no more than 100 items allowed [json-pointer:/blocks/0/accessory/options]',
      ],
      [
        'option text 76',
        [
          {
            type: 'actions',
            elements: [
              {
                type: 'static_select',
                action_id: 's',
                options: [{ text: { type: 'plain_text', text: 'o'.repeat(76) }, value: 'v'.repeat(151) }],
              },
            ],
          },
        ],
        '[ERROR] must be less than 76 characters [json-pointer:/blocks/0/elements/0/options/0/text/text]',
      ],
      [
        'option value 151',
        [
          {
            type: 'actions',
            elements: [
              {
                type: 'static_select',
                action_id: 's',
                options: [{ text: { type: 'plain_text', text: 'o' }, value: 'v'.repeat(151) }],
              },
            ],
          },
        ],
        '[ERROR] must be less than 151 characters [json-pointer:/blocks/0/elements/0/options/0/value]',
      ],
    ];
    for (const [name, blocks, message] of cases) {
      const { error, data } = await post(blocks);
      assert.equal(error, 'invalid_blocks', name);
      const messages = (data.response_metadata as { messages: string[] }).messages;
      assert.ok(messages.includes(message), `${name}: ${JSON.stringify(messages)}`);
    }
    const fine = await w.client.chat.postMessage({
      channel: c.id,
      text: 't'.repeat(40_000),
      blocks: Array.from({ length: 50 }, () => ({ type: 'divider' })),
    });
    assert.equal(fine.ok, true, '50 blocks and 40000 characters of text are within limits');
    assert.equal(w.sandbox.messages(c.id).length, 1, 'refused messages are not stored');
    const badFormat = await slackError(
      w.client.apiCall('chat.postMessage', { channel: c.id, text: 'x', blocks: '[not json' }),
    );
    assert.equal(badFormat.error, 'invalid_blocks_format');
  });
});
