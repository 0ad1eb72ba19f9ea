// Slash commands, buttons and message shortcuts as Slack sends them: signed form bodies with the fixtures'
// fields, single-use 3-second trigger ids, and response_urls with Slack's 5-uses / 30-minutes limits.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { fixture, fixtureText, missingKeys } from './fake-bot.ts';
import { slackError, startWorld, type World } from './world.ts';

const START = Date.UTC(2026, 3, 5, 14, 0, 0);
const modal = { type: 'modal', title: { type: 'plain_text', text: 'Report' }, blocks: [] };

describe('sandbox interactions', () => {
  let w: World;
  let clock = START;
  let alice: string;
  let channel: string;
  before(async () => {
    w = await startWorld({ now: () => clock });
    alice = w.sandbox.addUser({ name: 'alice' }).id;
    channel = w.sandbox.addChannel({ name: 'incidents', members: [alice] }).id;
  });
  beforeEach(() => {
    w.bot.received.length = 0;
    w.bot.answer = () => ({});
  });
  after(() => w.stop());

  it('sends slash commands as signed form bodies with the fields, in the order, of a real one', async () => {
    const reply = await w.sandbox.slashCommand({ user: alice, channel, text: 'Payments API returning 500s' });
    assert.equal(reply.status, 200);
    assert.equal(reply.body, null);
    const r = w.bot.received[0];
    assert.ok(r?.signatureValid, 'v0 signature verifies');
    assert.equal(r.headers['x-slack-request-timestamp'], String(START / 1000));
    assert.equal(r.contentType, 'application/x-www-form-urlencoded');
    const expectedOrder = [...new URLSearchParams(fixtureText('slash_command.txt')).keys()];
    assert.deepEqual(
      r.form?.map(([k]) => k),
      expectedOrder,
    );
    const fields = Object.fromEntries(r.form ?? []);
    assert.equal(fields.command, '/incident');
    assert.equal(fields.text, 'Payments API returning 500s');
    assert.match(r.raw, /text=Payments\+API\+returning\+500s/, 'spaces arrive as +');
    assert.equal(fields.channel_name, 'incidents');
    assert.equal(fields.trigger_id, reply.triggerId);
    assert.match(String(reply.triggerId), /^\d+\.\d+\.[0-9a-f]+$/);
    assert.match(String(fields.response_url), /\/response\/[\w-]+$/);
  });

  it('trigger ids open one view, once, within 3 seconds; unknown ones are invalid', async () => {
    const first = await w.sandbox.slashCommand({ user: alice, channel });
    const opened = await w.client.views.open({ trigger_id: String(first.triggerId), view: modal as never });
    assert.match(String(opened.view?.id), /^V[A-Z0-9]{10}$/);
    assert.equal(w.sandbox.openViews(alice).length, 1);
    assert.equal(
      (await slackError(w.client.views.open({ trigger_id: String(first.triggerId), view: modal as never }))).error,
      'exchanged_trigger_id',
    );

    const second = await w.sandbox.slashCommand({ user: alice, channel });
    clock += 3001;
    assert.equal(
      (await slackError(w.client.views.open({ trigger_id: String(second.triggerId), view: modal as never }))).error,
      'expired_trigger_id',
    );
    const third = await w.sandbox.slashCommand({ user: alice, channel });
    clock += 3000;
    assert.equal(
      (await w.client.views.open({ trigger_id: String(third.triggerId), view: modal as never })).ok,
      true,
      'exactly 3 s is still in time',
    );
    assert.equal(
      (await slackError(w.client.views.open({ trigger_id: '123456.7890123.abcdef', view: modal as never }))).error,
      'invalid_trigger_id',
    );
  });

  it('turns a slash command reply body into an ephemeral, or a channel message for in_channel', async () => {
    w.bot.answer = () => ({ body: { text: 'Got it, opening a form' } });
    await w.sandbox.slashCommand({ user: alice, channel, text: 'x' });
    assert.deepEqual(
      w.sandbox.ephemerals({ user: alice, channel }).map((e) => [e.text, e.via]),
      [['Got it, opening a form', 'response_url']],
    );
    w.bot.answer = () => ({ body: 'plain text reply' });
    await w.sandbox.slashCommand({ user: alice, channel });
    assert.equal(w.sandbox.ephemerals({ user: alice }).at(-1)?.text, 'plain text reply');
    w.bot.answer = () => ({ body: { response_type: 'in_channel', text: 'Everyone sees this' } });
    await w.sandbox.slashCommand({ user: alice, channel });
    assert.equal(w.sandbox.messages(channel).at(-1)?.text, 'Everyone sees this');
  });

  it('reports a reply later than the deadline as status 0', async () => {
    const quick = await startWorld({ replyTimeoutMs: 100 });
    try {
      const bob = quick.sandbox.addUser({ name: 'bob' }).id;
      const c = quick.sandbox.addChannel({ name: 'slow', members: [bob] }).id;
      quick.bot.answer = () => ({ delayMs: 300, body: { text: 'too late' } });
      const reply = await quick.sandbox.slashCommand({ user: bob, channel: c });
      assert.equal(reply.status, 0);
      assert.deepEqual(reply.problems, ['operation_timeout']);
      assert.deepEqual(quick.sandbox.ephemerals(), [], 'a late reply is not shown');
    } finally {
      await quick.stop();
    }
  });

  it('sends block_actions with the fields of a real payload and the button from the message', async () => {
    const fx = fixture('block_actions.json');
    const posted = await w.client.chat.postMessage({ channel, text: fx.message.text, blocks: fx.message.blocks });
    const reply = await w.sandbox.clickButton({
      user: alice,
      channel,
      ts: String(posted.ts),
      actionId: 'edit-incident-button',
    });
    assert.equal(reply.status, 200);
    const payload = w.bot.received[0]?.json;
    assert.ok(w.bot.received[0]?.signatureValid);
    assert.deepEqual(missingKeys(fx, payload), []);
    assert.equal(payload.type, 'block_actions');
    assert.deepEqual(payload.container, {
      type: 'message',
      message_ts: posted.ts,
      channel_id: channel,
      is_ephemeral: false,
    });
    assert.deepEqual(payload.actions[0].value, '42');
    assert.deepEqual(payload.actions[0].block_id, 'actions');
    assert.deepEqual(payload.actions[0].text, fx.actions[0].text);
    assert.equal(payload.trigger_id, reply.triggerId);
    assert.deepEqual(payload.message.blocks, fx.message.blocks);
    await assert.rejects(
      w.sandbox.clickButton({ user: alice, channel, ts: String(posted.ts), actionId: 'no-such-button' }),
      /no button with action_id no-such-button/,
    );
  });

  it('sends message_action with the fields of a real payload', async () => {
    const message = await w.sandbox.postMessage({ user: alice, channel, text: 'Rolled back payments-api' });
    w.bot.received.length = 0;
    await w.sandbox.messageShortcut({ user: alice, channel, ts: message.ts, callbackId: 'add-to-timeline' });
    const payload = w.bot.received[0]?.json;
    assert.deepEqual(missingKeys(fixture('message_action.json'), payload), []);
    assert.equal(payload.callback_id, 'add-to-timeline');
    assert.equal(payload.message.text, 'Rolled back payments-api');
    assert.equal(payload.message.user, alice);
    assert.deepEqual(payload.channel, { id: channel, name: 'incidents' });
  });

  it('serves response_urls: ephemeral, in_channel, replace/delete original; 5 uses, 30 minutes', async () => {
    const posted = await w.client.chat.postMessage({
      channel,
      text: 'headline',
      blocks: [
        {
          type: 'actions',
          block_id: 'a',
          elements: [{ type: 'button', action_id: 'go', text: { type: 'plain_text', text: 'Go' } }],
        },
      ],
    });
    await w.sandbox.clickButton({ user: alice, channel, ts: String(posted.ts), actionId: 'go' });
    const url = String(w.bot.received[0]?.json.response_url);
    const post = (body: object) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    assert.equal((await post({ text: 'just for you' })).status, 200);
    assert.equal(w.sandbox.ephemerals({ user: alice }).at(-1)?.text, 'just for you');
    await post({ response_type: 'in_channel', text: 'for everyone' });
    assert.equal(w.sandbox.messages(channel).at(-1)?.text, 'for everyone');
    await post({ replace_original: true, text: 'headline, edited' });
    assert.equal(w.sandbox.messages(channel).find((m) => m.ts === posted.ts)?.text, 'headline, edited');
    const bad = await post({ blocks: [{ type: 'carousel' }] });
    assert.equal(bad.status, 400);
    assert.deepEqual(await bad.json(), { ok: false, error: 'invalid_blocks' });
    await post({ delete_original: true });
    assert.equal(
      w.sandbox.messages(channel).some((m) => m.ts === posted.ts),
      false,
    );
    assert.equal((await post({ text: 'fifth' })).status, 200, 'a refused message does not count as a use');
    const sixth = await post({ text: 'one too many' });
    assert.equal(sixth.status, 404);
    assert.deepEqual(await sixth.json(), { ok: false, error: 'used_url' });

    const later = await w.sandbox.slashCommand({ user: alice, channel });
    assert.ok(later);
    const fresh = String(Object.fromEntries(w.bot.received.at(-1)?.form ?? []).response_url);
    clock += 30 * 60 * 1000 + 1;
    const expired = await fetch(fresh, { method: 'POST', body: JSON.stringify({ text: 'too late' }) });
    assert.equal(expired.status, 404);
    assert.deepEqual(await expired.json(), { ok: false, error: 'expired_url' });
  });
});
