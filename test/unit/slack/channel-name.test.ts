import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Severity } from '../../../src/domain/index.ts';
import { alternativeName, CHANNEL_NAME_MAX, channelName, slugify } from '../../../src/slack/channel-name.ts';

// Slack's channel name rules (conversations.create): lower-case letters, digits, hyphens and
// underscores, 1 to 80 characters. Upper case or anything else is invalid_name_specials.
const LEGAL = /^[a-z0-9_-]{1,80}$/;
const DEFAULT_TEMPLATE = 'inc-{id}-{slug}';
const REPORTED_AT = new Date('2024-03-01T10:05:00.000Z');

const facts = (title: string, overrides: { id?: number; severity?: Severity | null; reportedAt?: Date } = {}) => ({
  id: 42,
  title,
  severity: 'major' as Severity | null,
  reportedAt: REPORTED_AT,
  ...overrides,
});

const nameFor = (title: string, template = DEFAULT_TEMPLATE) => channelName(template, facts(title), 'UTC');

describe('slugify', () => {
  it('lower-cases words and joins them with single hyphens', () => {
    assert.equal(slugify('Payments API returning 500s'), 'payments-api-returning-500s');
  });

  it('drops accents instead of dropping the letters', () => {
    assert.equal(slugify('Café crème: échec de la réplication'), 'cafe-creme-echec-de-la-replication');
  });

  it('turns emoji and punctuation into separators and trims them from the ends', () => {
    assert.equal(slugify('🔥🔥 DB down!!! (again?) 🔥'), 'db-down-again');
  });

  it('is empty when there is nothing to keep', () => {
    assert.equal(slugify('🔥🚨💥'), '');
    assert.equal(slugify('?!… — ***'), '');
  });
});

describe('channelName', () => {
  it('fills the default template with the id and the title’s slug', () => {
    assert.equal(nameFor('Payments API returning 500s'), 'inc-42-payments-api-returning-500s');
  });

  it('makes accents, emoji, punctuation and upper case legal', () => {
    assert.equal(nameFor('🚨 Ünïcödé CHECKOUT: “timeouts” & 502s!! 🚨'), 'inc-42-unicode-checkout-timeouts-502s');
  });

  for (const title of ['🔥🔥🔥', '🚨', '!!!', '—…?', '   ', '', '中文标题', 'Ωμέγα']) {
    it(`falls back to inc-{id} for a title with nothing usable: ${JSON.stringify(title)}`, () => {
      assert.equal(nameFor(title), 'inc-42');
    });
  }

  it('keeps the id and as much of the title as fits when the title is long', () => {
    const name = nameFor('Checkout latency '.repeat(30));
    assert.equal(name.length <= CHANNEL_NAME_MAX, true, name);
    assert.match(name, /^inc-42-checkout-latency-checkout/);
    assert.doesNotMatch(name, /[-_]$/, 'no dangling hyphen where the slug was cut');
  });

  it('keeps the id when the slug has to give way in a template that puts the id last', () => {
    const name = channelName('{slug}-inc-{id}', facts('x'.repeat(500), { id: 987654 }), 'UTC');
    assert.match(name, LEGAL);
    assert.match(name, /-inc-987654$/);
  });

  it('keeps a date that follows the slug when the slug has to give way', () => {
    const name = channelName('inc-{id}-{slug}-{yyyy}{mm}{dd}', facts('word '.repeat(100)), 'UTC');
    assert.match(name, LEGAL);
    assert.match(name, /^inc-42-word-.*-20240301$/);
  });

  it('produces a legal name that keeps the id for every generated title', () => {
    const pieces = [
      'Payments',
      'API',
      'DOWN',
      '🔥',
      '🇬🇧',
      '👩‍💻',
      'café',
      'Ærø',
      'straße',
      '日本語',
      'ﬁx',
      'Ⅻ',
      '½',
      '<!channel>',
      '&amp;',
      '#general',
      '@here',
      '__init__',
      '--',
      '  ',
      '\n\t',
      '...',
      '\u0000',
      '\u200b',
      'x'.repeat(90),
      '1234567890',
    ];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const titles: string[] = ['x'.repeat(500), 'é'.repeat(500), '🔥'.repeat(250), '-_'.repeat(250), '_'.repeat(200)];
    for (let i = 0; i < 500; i++) {
      const words = Array.from({ length: 1 + (next() % 40) }, () => pieces[next() % pieces.length]);
      titles.push(words.join(next() % 2 ? ' ' : ''));
    }
    const templates = [DEFAULT_TEMPLATE, '{yyyy}{mm}{dd}-{severity}-{slug}-{id}', 'INC_{id}_{slug}', '{slug}'];
    for (const template of templates) {
      for (const [i, title] of titles.entries()) {
        const id = [1, 42, 123456789][i % 3] ?? 1;
        const name = channelName(template, facts(title, { id, severity: i % 2 ? null : 'critical' }), 'UTC');
        assert.match(name, LEGAL, `${template} / ${JSON.stringify(title)}`);
        if (template !== '{slug}') {
          assert.ok(name.includes(String(id)), `id ${id} lost in ${name} (${template} / ${JSON.stringify(title)})`);
        }
      }
    }
  });

  it('uses the given time zone for the date: New Year’s Eve 23:30 UTC is still 31 Dec in London', () => {
    const at = new Date('2023-12-31T23:30:00.000Z');
    const name = channelName('inc-{yyyy}{mm}{dd}-{id}', facts('x', { reportedAt: at }), 'Europe/London');
    assert.equal(name, 'inc-20231231-42');
  });

  it('uses the given time zone for the date: the same instant is already 1 Jan 2024 in Auckland', () => {
    const at = new Date('2023-12-31T23:30:00.000Z');
    const name = channelName('inc-{yyyy}{mm}{dd}-{id}', facts('x', { reportedAt: at }), 'Pacific/Auckland');
    assert.equal(name, 'inc-20240101-42');
  });

  it('uses the given time zone west of UTC too (still 31 Dec in Los Angeles at 02:00 UTC on 1 Jan)', () => {
    const at = new Date('2024-01-01T02:00:00.000Z');
    const name = channelName('{yyyy}-{mm}-{dd}-{id}', facts('x', { reportedAt: at }), 'America/Los_Angeles');
    assert.equal(name, '2023-12-31-42');
  });

  it('puts the severity in the name when the template asks for it', () => {
    const name = channelName('inc-{id}-{severity}-{slug}', facts('DB down', { severity: 'critical' }), 'UTC');
    assert.equal(name, 'inc-42-critical-db-down');
  });

  it('leaves the severity out, without a doubled hyphen, when it is not set', () => {
    const name = channelName('inc-{id}-{severity}-{slug}', facts('DB down', { severity: null }), 'UTC');
    assert.equal(name, 'inc-42-db-down');
  });

  it('leaves no trailing hyphen when the severity is the last part and not set', () => {
    const name = channelName('inc-{id}-{severity}', facts('DB down', { severity: null }), 'UTC');
    assert.equal(name, 'inc-42');
  });
});

describe('alternativeName', () => {
  it('appends -n to a short name', () => {
    assert.equal(alternativeName('inc-42-db-down', 2), 'inc-42-db-down-2');
  });

  it('cuts an 80-character name so the suffix still fits', () => {
    const base = nameFor('Checkout latency '.repeat(30));
    assert.equal(base.length, CHANNEL_NAME_MAX);
    const alternative = alternativeName(base, 2);
    assert.match(alternative, LEGAL);
    assert.ok(alternative.endsWith('-2'), alternative);
    assert.ok(alternative.startsWith('inc-42-'), alternative);
    assert.notEqual(alternative, base);
  });

  it('does not leave a double hyphen where the cut met a word boundary', () => {
    const base = `inc-42-${'a'.repeat(70)}-bc`;
    assert.equal(base.length, 80);
    assert.equal(alternativeName(base, 2), `inc-42-${'a'.repeat(70)}-2`);
  });

  it('stays within 80 characters for two-digit suffixes', () => {
    const base = 'x'.repeat(CHANNEL_NAME_MAX);
    const alternative = alternativeName(base, 10);
    assert.equal(alternative.length, CHANNEL_NAME_MAX);
    assert.ok(alternative.endsWith('-10'), alternative);
  });

  it('gives distinct legal names for every attempt', () => {
    const base = nameFor('Checkout latency '.repeat(30));
    const names = [base, ...Array.from({ length: 9 }, (_, i) => alternativeName(base, i + 2))];
    assert.equal(new Set(names).size, names.length);
    for (const name of names) assert.match(name, LEGAL);
  });
});
