import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkActionText } from '../../../src/domain/action.ts';
import { TEXT_MAX } from '../../../src/domain/text-rules.ts';

describe('checkActionText', () => {
  it('returns the text trimmed', () => {
    assert.equal(checkActionText('\n  Add an alert on 5xx rate  '), 'Add an alert on 5xx rate');
  });

  for (const input of ['', '   ', '\t\n']) {
    it(`requires text: ${JSON.stringify(input)} is action_text_required`, () => {
      assert.throws(() => checkActionText(input), {
        name: 'DomainError',
        code: 'action_text_required',
        field: 'text',
        message: 'Say what needs doing.',
      });
    });
  }

  it('accepts exactly TEXT_MAX characters, after trimming', () => {
    const text = 'x'.repeat(TEXT_MAX);
    assert.equal(checkActionText(`  ${text}\n`), text);
  });

  it('refuses TEXT_MAX + 1 characters', () => {
    assert.throws(() => checkActionText('x'.repeat(TEXT_MAX + 1)), {
      name: 'DomainError',
      code: 'text_too_long',
      field: 'text',
      message: 'Keep the action to 10000 characters (it has 10001).',
    });
  });
});
