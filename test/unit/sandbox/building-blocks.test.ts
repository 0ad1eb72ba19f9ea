// The sandbox's pure pieces: Slack's published signature vector, id and ts shapes, channel-name rules,
// and the Block Kit checks that need no server.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { checkBlocks } from '../../../src/sandbox/block-kit-limits.ts';
import { checkView } from '../../../src/sandbox/block-kit-view.ts';
import { channelNameProblem } from '../../../src/sandbox/channel-names.ts';
import { formatTs, parseTs, slackId, triggerId } from '../../../src/sandbox/ids.ts';
import { slackSignature } from '../../../src/sandbox/index.ts';
import { viewStateValues } from '../../../src/sandbox/view-state.ts';

const vectorPath = new URL('../../fixtures/slack/signature_vector.json', import.meta.url);

describe('sandbox building blocks', () => {
  it("signs Slack's published test vector to the published signature", () => {
    const v = JSON.parse(readFileSync(vectorPath, 'utf8'));
    assert.equal(slackSignature(v.signing_secret, v.timestamp, v.body), v.expected_signature);
  });

  it('makes ids and timestamps of Slack shape', () => {
    assert.match(slackId('C'), /^C[A-Z0-9]{10}$/);
    assert.match(slackId('V'), /^V[A-Z0-9]{10}$/);
    assert.match(triggerId(), /^\d{13}\.\d{12}\.[0-9a-f]{32}$/);
    assert.equal(formatTs(1712330400000100), '1712330400.000100');
    assert.equal(parseTs('1712330400.000100'), 1712330400000100);
    assert.equal(parseTs('0'), 0);
    assert.ok(Number.isNaN(parseTs('yesterday')));
  });

  it("applies conversations.create's name rules in Slack's order", () => {
    assert.equal(channelNameProblem('inc-2026-04-05-payments_api'), undefined);
    assert.equal(channelNameProblem(undefined), 'invalid_name_required');
    assert.equal(channelNameProblem('A'.repeat(81)), 'invalid_name_maxlength');
    assert.equal(channelNameProblem('café'), 'invalid_name_specials');
    assert.equal(channelNameProblem('_-_'), 'invalid_name_punctuation');
  });

  it('reports every Block Kit problem of a message, not just the first', () => {
    const problems = checkBlocks(
      [
        { type: 'header', text: { type: 'plain_text', text: '' } },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: 'ok' },
          accessory: { type: 'button', text: { type: 'plain_text', text: 'Go' }, style: 'loud' },
        },
      ],
      '/blocks',
      50,
    );
    assert.deepEqual(problems, [
      '[ERROR] must be more than 0 characters [json-pointer:/blocks/0/text/text]',
      '[ERROR] must be one of: primary, danger [json-pointer:/blocks/1/accessory/style]',
    ]);
    assert.deepEqual(checkBlocks({}, '/blocks', 50), ['[ERROR] must be an array [json-pointer:/blocks]']);
  });

  it('checks a modal as a whole', () => {
    assert.deepEqual(checkView({ type: 'modal', title: { type: 'plain_text', text: 'Fine' }, blocks: [] }), []);
    assert.deepEqual(checkView({ type: 'page', blocks: [] }), [
      '[ERROR] must be one of: modal, home [json-pointer:/view/type]',
    ]);
  });

  it('fills state from initial values for untouched inputs, as Slack does', () => {
    const blocks = [
      {
        type: 'input',
        block_id: 'title',
        element: { type: 'plain_text_input', action_id: 't', initial_value: 'Payments down' },
      },
      {
        type: 'input',
        block_id: 'lead',
        optional: true,
        element: { type: 'users_select', action_id: 'l', initial_user: 'U0ALICE0001' },
      },
      { type: 'section', block_id: 'note', text: { type: 'mrkdwn', text: 'not an input' } },
    ];
    assert.deepEqual(viewStateValues(blocks, {}), {
      title: { t: { type: 'plain_text_input', value: 'Payments down' } },
      lead: { l: { type: 'users_select', selected_user: 'U0ALICE0001' } },
    });
    assert.deepEqual(viewStateValues(blocks, { lead: null }).lead, {
      l: { type: 'users_select', selected_user: null },
    });
    assert.throws(() => viewStateValues(blocks, { note: 'x' }), /no input block with block_id "note"/);
  });
});
