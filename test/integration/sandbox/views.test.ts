// Modals: views.open/update/push with Slack's errors and limits, and submitView turning simple values into
// view.state.values, then acting on the bot's response_action the way Slack does.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { fixture, missingKeys } from './fake-bot.ts';
import { slackError, startWorld, type World } from './world.ts';

const plain = (text: string) => ({ type: 'plain_text', text });
const input = (blockId: string, element: object, optional = false) => ({
  type: 'input',
  block_id: blockId,
  label: plain(blockId),
  optional,
  element: { action_id: blockId, ...element },
});
const modal = (blocks: unknown[], extra: object = {}) => ({
  type: 'modal',
  callback_id: 'test-modal',
  title: plain('Test'),
  submit: plain('Save'),
  blocks,
  ...extra,
});

describe('sandbox views', () => {
  let w: World;
  let alice: string;
  let channel: string;
  const open = async (view: object) => {
    const { triggerId } = await w.sandbox.slashCommand({ user: alice, channel });
    const r = await w.client.views.open({ trigger_id: String(triggerId), view: view as never });
    w.bot.received.length = 0;
    return { id: String(r.view?.id), hash: String(r.view?.hash) };
  };
  before(async () => {
    w = await startWorld();
    alice = w.sandbox.addUser({ name: 'alice' }).id;
    channel = w.sandbox.addChannel({ name: 'incidents', members: [alice] }).id;
  });
  beforeEach(() => {
    w.bot.received.length = 0;
    w.bot.answer = () => ({});
  });
  after(() => w.stop());

  it('submits the fixture report modal with state.values exactly as Slack builds them', async () => {
    const fx = fixture('view_submission.json');
    const { callback_id, private_metadata, title, submit, close, blocks } = fx.view;
    const view = await open({ type: 'modal', callback_id, private_metadata, title, submit, close, blocks });
    const reply = await w.sandbox.submitView({
      user: alice,
      viewId: view.id,
      values: {
        incident_type: 'live',
        summary: 'Card payments failing with HTTP 500 since 14:02',
        impact: '',
        lead: 'U0987654321',
        severity: 'major',
      },
    });
    assert.equal(reply.status, 200);
    const payload = w.bot.received[0]?.json;
    assert.ok(w.bot.received[0]?.signatureValid);
    assert.deepEqual(missingKeys(fx, payload), []);
    assert.deepEqual(payload.view.state.values, fx.view.state.values, 'report keeps its initial_value; impact is null');
    assert.equal(payload.view.id, view.id);
    assert.equal(payload.view.hash, view.hash);
    assert.equal(payload.view.private_metadata, private_metadata);
    assert.equal(w.sandbox.view(view.id)?.closed, true, 'an empty 200 closes the view');
    assert.deepEqual(w.sandbox.openViews(alice), []);
  });

  it('maps every element type, leaves untouched blocks empty, and refuses test bugs', async () => {
    const options = [
      { text: plain('One'), value: '1' },
      { text: plain('Two'), value: '2' },
    ];
    const view = await open(
      modal([
        input('date', { type: 'datepicker' }),
        input('who', { type: 'multi_users_select' }),
        input('where', { type: 'conversations_select' }),
        input('chan', { type: 'channels_select' }, true),
        input('pick', { type: 'checkboxes', options }),
        input('radio', { type: 'radio_buttons', options }, true),
        input('note', { type: 'plain_text_input', max_length: 5 }, true),
      ]),
    );
    await assert.rejects(
      w.sandbox.submitView({ user: alice, viewId: view.id, values: { nope: 'x' } }),
      /no input block with block_id "nope"/,
    );
    await assert.rejects(
      w.sandbox.submitView({
        user: alice,
        viewId: view.id,
        values: { date: '2026-04-05', who: [alice], where: channel },
      }),
      /input block pick is required/,
    );
    await assert.rejects(
      w.sandbox.submitView({
        user: alice,
        viewId: view.id,
        values: { date: '2026-04-05', who: [alice], where: channel, pick: ['3'] },
      }),
      /no option with value "3"/,
    );
    await assert.rejects(
      w.sandbox.submitView({
        user: alice,
        viewId: view.id,
        values: { date: '2026-04-05', who: [alice], where: channel, pick: ['1'], note: 'too long' },
      }),
      /at most 5 characters/,
    );
    assert.equal(w.bot.received.length, 0, 'nothing reached the bot');
    await w.sandbox.submitView({
      user: alice,
      viewId: view.id,
      values: { date: '2026-04-05', who: [alice], where: channel, pick: ['1', '2'] },
    });
    assert.deepEqual(w.bot.received[0]?.json.view.state.values, {
      date: { date: { type: 'datepicker', selected_date: '2026-04-05' } },
      who: { who: { type: 'multi_users_select', selected_users: [alice] } },
      where: { where: { type: 'conversations_select', selected_conversation: channel } },
      chan: { chan: { type: 'channels_select', selected_channel: null } },
      pick: { pick: { type: 'checkboxes', selected_options: options } },
      radio: { radio: { type: 'radio_buttons', selected_option: null } },
      note: { note: { type: 'plain_text_input', value: null } },
    });
  });

  it('keeps the view open with errors, replaces it on update, stacks on push and closes all on clear', async () => {
    const form = modal([input('title', { type: 'plain_text_input' })]);
    const view = await open(form);
    w.bot.answer = () => ({ body: { response_action: 'errors', errors: { title: 'Say what is happening' } } });
    await w.sandbox.submitView({ user: alice, viewId: view.id, values: { title: 'x' } });
    assert.deepEqual(w.sandbox.view(view.id)?.errors, { title: 'Say what is happening' });
    assert.equal(w.sandbox.view(view.id)?.closed, false);

    w.bot.answer = () => ({
      body: {
        response_action: 'update',
        view: modal([input('title', { type: 'plain_text_input' })], { title: plain('Step 2') }),
      },
    });
    await w.sandbox.submitView({ user: alice, viewId: view.id, values: { title: 'Payments down' } });
    const updated = w.sandbox.view(view.id);
    assert.deepEqual(updated?.view.title, plain('Step 2'));
    assert.equal(updated?.errors, undefined, 'a new view version clears the errors');
    assert.notEqual(updated?.hash, view.hash);

    w.bot.answer = () => ({
      body: {
        response_action: 'push',
        view: modal([input('more', { type: 'plain_text_input' })], { title: plain('More') }),
      },
    });
    await w.sandbox.submitView({ user: alice, viewId: view.id, values: { title: 'Payments down' } });
    const stack = w.sandbox.openViews(alice);
    assert.deepEqual(
      stack.map((v) => (v.view.title as { text: string }).text),
      ['Step 2', 'More'],
    );

    w.bot.answer = () => ({ body: { response_action: 'clear' } });
    await w.sandbox.submitView({ user: alice, viewId: String(stack[1]?.id), values: { more: 'x' } });
    assert.deepEqual(w.sandbox.openViews(alice), []);
    assert.equal(w.sandbox.view(view.id)?.closed, true);
  });

  it('reports replies Slack would reject and leaves the view as it was', async () => {
    const view = await open(modal([input('title', { type: 'plain_text_input' })]));
    w.bot.answer = () => ({
      body: { response_action: 'update', view: { type: 'modal', title: plain('t'.repeat(25)), blocks: [] } },
    });
    const tooLong = await w.sandbox.submitView({ user: alice, viewId: view.id, values: { title: 'x' } });
    assert.deepEqual(tooLong.problems, [
      'invalid_arguments',
      '[ERROR] must be less than 25 characters [json-pointer:/view/title/text]',
    ]);
    w.bot.answer = () => ({ body: { response_action: 'errors', errors: { nowhere: 'x' } } });
    const wrongBlock = await w.sandbox.submitView({ user: alice, viewId: view.id, values: { title: 'x' } });
    assert.match(String(wrongBlock.problems?.[0]), /nowhere, which is not an input block/);
    w.bot.answer = () => ({ status: 500 });
    assert.equal((await w.sandbox.submitView({ user: alice, viewId: view.id, values: { title: 'x' } })).status, 500);
    assert.equal(w.sandbox.view(view.id)?.closed, false);
    assert.deepEqual(w.sandbox.view(view.id)?.view.title, plain('Test'));
  });

  it('updates by view_id or external_id, refusing a stale hash and unknown views', async () => {
    const view = await open(modal([], { external_id: 'incident-42-edit', submit: undefined }));
    const byId = await w.client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: modal([], { title: plain('Two') }) as never,
    });
    assert.notEqual(byId.view?.hash, view.hash);
    assert.equal(
      (await slackError(w.client.views.update({ view_id: view.id, hash: view.hash, view: modal([]) as never }))).error,
      'hash_conflict',
    );
    const byExternal = await w.client.views.update({
      external_id: 'incident-42-edit',
      view: modal([], { title: plain('Three'), external_id: 'incident-42-edit' }) as never,
    });
    assert.equal(byExternal.view?.id, view.id);
    assert.equal(
      (await slackError(w.client.views.update({ view_id: 'V0NOTHERE00', view: modal([]) as never }))).error,
      'not_found',
    );
    const { triggerId } = await w.sandbox.slashCommand({ user: alice, channel });
    assert.equal(
      (
        await slackError(
          w.client.views.open({
            trigger_id: String(triggerId),
            view: modal([], { external_id: 'incident-42-edit' }) as never,
          }),
        )
      ).error,
      'duplicate_external_id',
    );
  });

  it('pushes up to three views, then push_limit_reached', async () => {
    await open(modal([]));
    for (const n of [2, 3]) {
      const { triggerId } = await w.sandbox.slashCommand({ user: alice, channel });
      await w.client.views.push({
        trigger_id: String(triggerId),
        view: modal([], { title: plain(`View ${n}`) }) as never,
      });
    }
    assert.equal(w.sandbox.openViews(alice).length, 3);
    const { triggerId } = await w.sandbox.slashCommand({ user: alice, channel });
    assert.equal(
      (await slackError(w.client.views.push({ trigger_id: String(triggerId), view: modal([]) as never }))).error,
      'push_limit_reached',
    );
  });

  it('enforces modal limits (invalid_arguments + json-pointer messages) without spending the trigger', async () => {
    const { triggerId } = await w.sandbox.slashCommand({ user: alice, channel });
    const tryOpen = async (view: object) => {
      const { error, data } = await slackError(
        w.client.views.open({ trigger_id: String(triggerId), view: view as never }),
      );
      assert.equal(error, 'invalid_arguments');
      return (data.response_metadata as { messages: string[] }).messages;
    };
    const text = input('t', { type: 'plain_text_input' });
    assert.deepEqual(await tryOpen(modal([text], { submit: undefined })), [
      '[ERROR] must define submit to use input block [json-pointer:/view/blocks/0/input]',
    ]);
    assert.deepEqual(await tryOpen(modal([], { title: plain('x'.repeat(25)) })), [
      '[ERROR] must be less than 25 characters [json-pointer:/view/title/text]',
    ]);
    assert.deepEqual(await tryOpen(modal([text], { submit: plain('s'.repeat(25)) })), [
      '[ERROR] must be less than 25 characters [json-pointer:/view/submit/text]',
    ]);
    assert.deepEqual(await tryOpen(modal([], { close: plain('c'.repeat(25)) })), [
      '[ERROR] must be less than 25 characters [json-pointer:/view/close/text]',
    ]);
    assert.deepEqual(await tryOpen(modal([], { private_metadata: 'm'.repeat(3001) })), [
      '[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]',
    ]);
    assert.deepEqual(await tryOpen(modal([], { callback_id: 'c'.repeat(256) })), [
      '[ERROR] must be less than 256 characters [json-pointer:/view/callback_id]',
    ]);
    assert.deepEqual(await tryOpen(modal([], { external_id: 'e'.repeat(256) })), [
      '[ERROR] must be less than 256 characters [json-pointer:/view/external_id]',
    ]);
    assert.deepEqual(await tryOpen(modal(Array.from({ length: 101 }, () => ({ type: 'divider' })))), [
      '[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]',
    ]);
    assert.deepEqual(await tryOpen(modal([input('t', { type: 'plain_text_input', max_length: 3001 })])), [
      '[ERROR] must be between 1 and 3000 [json-pointer:/view/blocks/0/element/max_length]',
    ]);
    assert.deepEqual(await tryOpen(modal([{ ...text, label: plain('l'.repeat(2001)) }])), [
      '[ERROR] must be less than 2001 characters [json-pointer:/view/blocks/0/label/text]',
    ]);
    const ok = await w.client.views.open({
      trigger_id: String(triggerId),
      view: modal(Array.from({ length: 100 }, () => ({ type: 'divider' }))) as never,
    });
    assert.equal(ok.ok, true, 'the refused attempts did not use the trigger up; 100 blocks are allowed');
  });
});
