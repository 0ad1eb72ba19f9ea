import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkOptionalText, checkTitle, TEXT_MAX, TITLE_MAX } from '../../../src/domain/text-rules.ts';

describe('limits', () => {
  it('keeps titles to 200 characters and other text to 10,000', () => {
    assert.equal(TITLE_MAX, 200);
    assert.equal(TEXT_MAX, 10_000);
  });
});

describe('checkTitle', () => {
  it('returns the title trimmed', () => {
    assert.equal(checkTitle('  Payments API returning 500s \n'), 'Payments API returning 500s');
  });

  it('keeps inner whitespace', () => {
    assert.equal(checkTitle('Payments  API\treturning 500s'), 'Payments  API\treturning 500s');
  });

  for (const input of ['', '   ', '\n\t ']) {
    it(`requires a title: ${JSON.stringify(input)} is title_required`, () => {
      assert.throws(() => checkTitle(input), {
        name: 'DomainError',
        code: 'title_required',
        field: 'title',
        message: 'Give the incident a title.',
      });
    });
  }

  it('accepts exactly 200 characters', () => {
    const title = 'a'.repeat(200);
    assert.equal(checkTitle(title), title);
  });

  it('refuses 201 characters, saying how many it has', () => {
    assert.throws(() => checkTitle('a'.repeat(201)), {
      name: 'DomainError',
      code: 'title_too_long',
      field: 'title',
      message: 'Keep the title to 200 characters (it has 201).',
    });
  });

  it('measures the length after trimming', () => {
    const title = 'a'.repeat(200);
    assert.equal(checkTitle(`   ${title}   `), title);
  });
});

describe('checkOptionalText', () => {
  for (const input of [null, undefined, '', '   ', '\n\t']) {
    it(`turns ${JSON.stringify(input) ?? 'undefined'} into null`, () => {
      assert.equal(checkOptionalText(input, 'summary'), null);
    });
  }

  it('returns the text trimmed', () => {
    assert.equal(checkOptionalText('  Card payments fail \n', 'impact'), 'Card payments fail');
  });

  it('accepts exactly TEXT_MAX characters', () => {
    const text = 'x'.repeat(TEXT_MAX);
    assert.equal(checkOptionalText(text, 'summary'), text);
  });

  it('measures the length after trimming', () => {
    const text = 'x'.repeat(TEXT_MAX);
    assert.equal(checkOptionalText(`  ${text}  `, 'summary'), text);
  });

  it('refuses TEXT_MAX + 1 characters, naming the field', () => {
    assert.throws(() => checkOptionalText('x'.repeat(TEXT_MAX + 1), 'impact'), {
      name: 'DomainError',
      code: 'text_too_long',
      field: 'impact',
      message: 'Keep the impact to 10000 characters (it has 10001).',
    });
  });

  it('names whichever field it was given', () => {
    assert.throws(() => checkOptionalText('x'.repeat(TEXT_MAX + 1), 'summary'), {
      field: 'summary',
      message: /^Keep the summary to /,
    });
  });
});
