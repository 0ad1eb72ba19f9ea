import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SEVERITIES, type Severity, STATUSES, type Status, TEXT_MAX, TITLE_MAX } from '../../../src/domain/index.ts';
import { headline } from '../../../src/slack/blocks/headline.ts';
import { escapeMrkdwn } from '../../../src/slack/blocks/mrkdwn.ts';
import { chatFailureNotice, reporterThanks } from '../../../src/slack/blocks/notices.ts';
import { openingMessage } from '../../../src/slack/blocks/opening-message.ts';
import { reportModal } from '../../../src/slack/blocks/report-modal.ts';
import { HEADLINE_ACTIONS } from '../../../src/slack/ids.ts';
import type { IncidentView } from '../../../src/usecases/index.ts';

const PUBLIC_URL = 'https://incidents.example.com';
const TEAM = 'T0123456789';
const CHANNEL = { id: 'C0INCIDENT42', name: 'inc-42-payments-api-returning-500s' };

const view = (overrides: Partial<IncidentView> = {}): IncidentView => ({
  id: 42,
  title: 'Payments API returning 500s',
  summary: 'Card payments failing with HTTP 500 since 14:02',
  impact: 'All card customers in the EU',
  severity: 'major',
  status: 'investigating',
  kind: 'live',
  reporterId: 'U0REPORTER',
  leadId: 'U0LEAD',
  reportedAt: new Date('2024-03-01T10:05:00.000Z'),
  startedAt: new Date('2024-03-01T10:00:00.000Z'),
  resolvedAt: null,
  reporter: { slackId: 'U0REPORTER', name: 'Alice' },
  lead: { slackId: 'U0LEAD', name: 'Bob' },
  channel: CHANNEL,
  ...overrides,
});

// Worst cases people can type: the longest title and texts the domain allows, full of mrkdwn control
// characters and a mention that must not ping anyone.
const fill = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
const NASTY_TITLE = fill('<!channel> Payments & refunds <@U0EVIL> down > ', TITLE_MAX);
const NASTY_TEXT = fill('Checkout <!channel> & <!here> fails for <https://evil.example|you> > ', TEXT_MAX);
const worstCases = (): IncidentView[] => {
  const cases: IncidentView[] = [];
  for (const status of STATUSES) {
    for (const severity of [...SEVERITIES, null] as (Severity | null)[]) {
      for (const kind of ['live', 'report'] as const) {
        for (const channel of [CHANNEL, null]) {
          cases.push(
            view({
              id: 2_147_483_647,
              title: NASTY_TITLE,
              summary: NASTY_TEXT,
              impact: NASTY_TEXT,
              status,
              severity,
              kind,
              channel,
              lead: severity === 'minor' ? null : { slackId: 'U0LEAD', name: 'Bob' },
              reporter: severity === 'trivial' ? null : { slackId: 'U0REPORTER', name: 'Alice' },
              resolvedAt: status === 'resolved' ? new Date('2024-03-01T12:00:00.000Z') : null,
            }),
          );
        }
      }
    }
  }
  return cases;
};

// ---- A small Block Kit limit checker (README §7). It walks any JSON and applies the rule for each
// object's `type`; it returns the problems so a failure names every broken limit at once.

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const textOf = (value: unknown): string => (isObject(value) && typeof value.text === 'string' ? value.text : '');
const len = (value: unknown): number => (typeof value === 'string' ? value.length : 0);

/** Every action_id anywhere under a node. */
const actionIds = (node: unknown): string[] => {
  if (Array.isArray(node)) return node.flatMap(actionIds);
  if (!isObject(node)) return [];
  const own = typeof node.action_id === 'string' ? [node.action_id] : [];
  return [...own, ...Object.values(node).flatMap(actionIds)];
};

const checkNode = (node: unknown, path: string, problems: string[]): void => {
  if (Array.isArray(node)) {
    node.forEach((child, i) => {
      checkNode(child, `${path}[${i}]`, problems);
    });
    return;
  }
  if (!isObject(node)) return;
  const fail = (message: string) => problems.push(`${path}: ${message}`);
  const max = (what: string, value: unknown, limit: number) => {
    if (len(value) > limit) fail(`${what} has ${len(value)} chars, limit ${limit}`);
  };
  if (node.type === 'plain_text' || node.type === 'mrkdwn') {
    if (len(node.text) === 0) fail(`empty ${node.type} text`);
    if (typeof node.text === 'string' && /[\uD800-\uDFFF]/u.test(node.text)) fail('text has a lone surrogate');
  }
  max('block_id', node.block_id, 255);
  max('action_id', node.action_id, 255);
  switch (node.type) {
    case 'header':
      if (isObject(node.text) && node.text.type !== 'plain_text') fail('header text must be plain_text');
      max('header text', textOf(node.text), 150);
      break;
    case 'section': {
      const fields = Array.isArray(node.fields) ? node.fields : [];
      if (node.text === undefined && fields.length === 0) fail('section needs text or fields');
      if (node.text !== undefined) max('section text', textOf(node.text), 3000);
      if (fields.length > 10) fail(`section has ${fields.length} fields, limit 10`);
      fields.forEach((field, i) => {
        max(`field ${i}`, textOf(field), 2000);
      });
      break;
    }
    case 'context':
      if (Array.isArray(node.elements) && node.elements.length > 10) fail('context has more than 10 elements');
      break;
    case 'actions':
      if (Array.isArray(node.elements) && node.elements.length > 25) fail('actions has more than 25 elements');
      break;
    case 'button':
      max('button text', textOf(node.text), 75);
      max('button value', node.value, 2000);
      max('button url', node.url, 3000);
      if (node.style !== undefined && node.style !== 'primary' && node.style !== 'danger') fail('bad button style');
      break;
    case 'input':
      max('input label', textOf(node.label), 2000);
      max('input hint', textOf(node.hint), 2000);
      break;
    case 'plain_text_input': {
      const limit = typeof node.max_length === 'number' ? node.max_length : 3000;
      if (limit < 1 || limit > 3000) fail(`max_length ${limit} outside 1–3000`);
      max('initial_value', node.initial_value, limit);
      max('placeholder', textOf(node.placeholder), 150);
      break;
    }
    case 'static_select':
    case 'users_select':
    case 'radio_buttons':
      max('placeholder', textOf(node.placeholder), 150);
      if (Array.isArray(node.options) && node.options.length > 100) fail('more than 100 options');
      break;
  }
  if (node.type === 'static_select' || node.type === 'radio_buttons') {
    for (const [i, option] of (Array.isArray(node.options) ? node.options : []).entries()) {
      max(`option ${i} text`, textOf(isObject(option) ? option : {}), 75);
      max(`option ${i} value`, isObject(option) ? option.value : '', 150);
    }
  }
  if (typeof node.type === 'string' && node.block_id !== undefined) {
    const ids = actionIds(node);
    if (new Set(ids).size !== ids.length) fail(`action_ids not unique in block: ${ids.join(', ')}`);
  }
  for (const [key, child] of Object.entries(node)) checkNode(child, `${path}.${key}`, problems);
};

/** Problems with a message's blocks (≤ 50 blocks). */
const messageProblems = (message: { text: string; blocks: unknown[] }): string[] => {
  const problems: string[] = [];
  if (message.blocks.length < 1 || message.blocks.length > 50) problems.push(`${message.blocks.length} blocks`);
  if (message.text.length === 0 || message.text.length > 4000) problems.push(`fallback text ${message.text.length}`);
  for (const block of message.blocks) {
    // Every block gets action_id uniqueness checked even without an explicit block_id.
    const ids = actionIds(block);
    if (new Set(ids).size !== ids.length) problems.push(`duplicate action_id: ${ids.join(', ')}`);
  }
  checkNode(message.blocks, 'blocks', problems);
  return problems;
};

/** Problems with a modal (≤ 100 blocks, 24-char title/submit/close, 3000-char private_metadata). */
const modalProblems = (modal: ReturnType<typeof reportModal>): string[] => {
  const problems: string[] = [];
  if (modal.blocks.length > 100) problems.push(`${modal.blocks.length} blocks`);
  for (const key of ['title', 'submit', 'close'] as const) {
    const text = textOf(modal[key]);
    if (text.length === 0 || text.length > 24) problems.push(`${key} "${text}" has ${text.length} chars, limit 24`);
  }
  if (modal.blocks.some((block) => block.type === 'input') && !modal.submit) problems.push('input blocks need submit');
  if (len(modal.private_metadata) > 3000) problems.push(`private_metadata has ${len(modal.private_metadata)} chars`);
  if (len(modal.callback_id) > 255) problems.push('callback_id too long');
  const blockIds = modal.blocks.map((block) => block.block_id);
  if (new Set(blockIds).size !== blockIds.length) problems.push('block_ids not unique');
  checkNode(modal.blocks, 'blocks', problems);
  return problems;
};

/** Every mrkdwn text object's text. */
const mrkdwnTexts = (node: unknown): string[] => {
  if (Array.isArray(node)) return node.flatMap(mrkdwnTexts);
  if (!isObject(node)) return [];
  const own = node.type === 'mrkdwn' && typeof node.text === 'string' ? [node.text] : [];
  return [...own, ...Object.values(node).flatMap(mrkdwnTexts)];
};

/** Buttons anywhere under a node. */
const buttons = (node: unknown): Json[] => {
  if (Array.isArray(node)) return node.flatMap(buttons);
  if (!isObject(node)) return [];
  const own = node.type === 'button' ? [node] : [];
  return [...own, ...Object.values(node).flatMap(buttons)];
};

const headerText = (message: { blocks: unknown[] }): string => {
  const header = message.blocks.find((block) => isObject(block) && block.type === 'header');
  return isObject(header) ? textOf(header.text) : '';
};

const RAW_MENTION = /<[!@#]/;

/** The element of the modal's input block with this block_id. */
const inputElement = (modal: ReturnType<typeof reportModal>, blockId: string): Json => {
  const block: unknown = modal.blocks.find((b) => b.block_id === blockId);
  return isObject(block) && isObject(block.element) ? block.element : {};
};

describe('the limit checker itself', () => {
  it('catches the limits it is meant to check', () => {
    const problems = messageProblems({
      text: 'x',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
        { type: 'section', text: { type: 'mrkdwn', text: 's'.repeat(3001) } },
        { type: 'section', text: { type: 'mrkdwn', text: '' } },
        { type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) },
        {
          type: 'actions',
          block_id: 'b',
          elements: [
            { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'b'.repeat(76) }, value: 'v' },
            { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'ok' }, value: 'v'.repeat(2001) },
          ],
        },
      ],
    });
    for (const expected of [
      /header text has 151/,
      /section text has 3001/,
      /empty mrkdwn/,
      /11 fields/,
      /button text has 76/,
      /button value has 2001/,
      /action_id/,
    ]) {
      assert.ok(
        problems.some((p) => expected.test(p)),
        `${expected} not caught in ${problems.join('\n')}`,
      );
    }
  });
});

describe('escapeMrkdwn', () => {
  it('escapes exactly the three control characters', () => {
    assert.equal(
      escapeMrkdwn('<!channel> & <@U1> > *bold* "quoted" it’s'),
      '&lt;!channel&gt; &amp; &lt;@U1&gt; &gt; *bold* "quoted" it’s',
    );
  });

  it('shows text that looks like an entity literally (the & is escaped first)', () => {
    assert.equal(escapeMrkdwn('&lt;b&gt;'), '&amp;lt;b&amp;gt;');
  });
});

describe('reportModal', () => {
  const LONG_RESPONSE_URL = `https://hooks.slack.com/commands/T0123456789/7001234567891/${'a'.repeat(400)}`;

  it('stays within Slack’s view limits with a 500-character prefill and a long response_url', () => {
    const modal = reportModal({ title: 'x'.repeat(500) }, { channelId: 'C0123456789', responseUrl: LONG_RESPONSE_URL });
    assert.deepEqual(modalProblems(modal), []);
  });

  it('keeps private_metadata within 3000 characters even when the response_url alone is that long', () => {
    const huge = `https://hooks.slack.com/commands/T0123456789/7001234567891/${'a'.repeat(3000)}`;
    const modal = reportModal({ title: 'DB down' }, { channelId: 'C0123456789', responseUrl: huge });
    assert.ok(len(modal.private_metadata) <= 3000, `private_metadata has ${len(modal.private_metadata)} chars`);
  });

  it('prefills the title from the command text, cut to the title limit', () => {
    const modal = reportModal({ title: 'x'.repeat(500) }, { channelId: null, responseUrl: null });
    const element = inputElement(modal, 'title');
    assert.equal(element.initial_value, 'x'.repeat(TITLE_MAX));
    assert.equal(element.max_length, TITLE_MAX);
  });

  it('prefills what was typed after /incident', () => {
    const modal = reportModal({ title: 'Payments API returning 500s' }, { channelId: null, responseUrl: null });
    const element = inputElement(modal, 'title');
    assert.equal(element.initial_value, 'Payments API returning 500s');
  });

  it('offers every severity and both kinds', () => {
    const modal = reportModal({ title: '' }, { channelId: null, responseUrl: null });
    const values = (blockId: string) => {
      const options = inputElement(modal, blockId).options;
      return Array.isArray(options) ? options.map((option: unknown) => (isObject(option) ? option.value : null)) : [];
    };
    assert.deepEqual(values('severity'), [...SEVERITIES]);
    assert.deepEqual(values('kind'), ['live', 'report']);
  });
});

describe('headline', () => {
  it('stays within Slack’s message limits for every status, severity, kind and channel, with worst-case text', () => {
    for (const incident of worstCases()) {
      const message = headline(incident, PUBLIC_URL, TEAM);
      assert.deepEqual(messageProblems(message), [], `${incident.status}/${incident.severity}/${incident.kind}`);
      assert.equal(headerText(message).length, 150, 'a 200-character title fills the header');
    }
  });

  it('never lets user text ping or link in any mrkdwn text', () => {
    for (const incident of worstCases()) {
      for (const text of mrkdwnTexts(headline(incident, PUBLIC_URL, TEAM).blocks)) {
        assert.doesNotMatch(text, /<!channel>|<!here>|<@U0EVIL>|<https:\/\/evil/, text.slice(0, 80));
      }
    }
  });

  it('shows & in the summary as &amp;', () => {
    const message = headline(view({ summary: 'Card & bank payments' }), PUBLIC_URL, TEAM);
    assert.ok(mrkdwnTexts(message.blocks).includes('Card &amp; bank payments'));
  });

  it('does not cut an escaped & in half when it clips a long summary', () => {
    for (let pad = 0; pad < 5; pad++) {
      const summary = `${'x'.repeat(pad)}${'&'.repeat(TEXT_MAX - pad)}`;
      const [text = ''] = mrkdwnTexts(headline(view({ summary }), PUBLIC_URL, TEAM).blocks);
      assert.doesNotMatch(text, /&(?!amp;|lt;|gt;)/, `pad ${pad}: …${text.slice(-8)}`);
    }
  });

  it('does not put raw user mentions in the notification text either', () => {
    const message = headline(view({ title: '<!channel> payments down' }), PUBLIC_URL, TEAM);
    assert.doesNotMatch(message.text, RAW_MENTION);
  });

  it('does not split an emoji when it clips a long title for the header', () => {
    const message = headline(view({ title: '🔥'.repeat(100) }), PUBLIC_URL, TEAM);
    assert.doesNotMatch(headerText(message), /[\uD800-\uDFFF]/u);
  });

  it('heads a live incident "Incident #id: title" and offers Join, Edit and Close', () => {
    const message = headline(view(), PUBLIC_URL, TEAM);
    assert.equal(headerText(message), 'Incident #42: Payments API returning 500s');
    assert.deepEqual(
      buttons(message.blocks).map((b) => b.action_id),
      [HEADLINE_ACTIONS.join, HEADLINE_ACTIONS.edit, HEADLINE_ACTIONS.close],
    );
  });

  it('heads a report "Reported" and has no Join button', () => {
    const message = headline(view({ kind: 'report', channel: null }), PUBLIC_URL, TEAM);
    assert.match(headerText(message), /^Reported #42: Payments API returning 500s$/);
    assert.match(message.text, /^Reported #42/);
    const ids = buttons(message.blocks).map((b) => b.action_id);
    assert.ok(!ids.includes(HEADLINE_ACTIONS.join), ids.join(', '));
    assert.ok(ids.includes(HEADLINE_ACTIONS.edit));
  });

  it('has no Close button once the incident is resolved', () => {
    const message = headline(
      view({ status: 'resolved', resolvedAt: new Date('2024-03-01T12:00:00Z') }),
      PUBLIC_URL,
      TEAM,
    );
    const ids = buttons(message.blocks).map((b) => b.action_id);
    assert.ok(!ids.includes(HEADLINE_ACTIONS.close), ids.join(', '));
    assert.ok(ids.includes(HEADLINE_ACTIONS.edit));
  });

  for (const status of STATUSES.filter((s): s is Exclude<Status, 'resolved'> => s !== 'resolved')) {
    it(`asks for confirmation before closing a ${status} incident`, () => {
      const close = buttons(headline(view({ status }), PUBLIC_URL, TEAM).blocks).find(
        (b) => b.action_id === HEADLINE_ACTIONS.close,
      );
      assert.ok(close, 'Close button');
      assert.equal(close.style, 'danger');
      const confirm = close.confirm as Json;
      assert.ok(isObject(confirm), 'Close has a confirm dialog');
      for (const key of ['title', 'text', 'confirm', 'deny']) assert.ok(textOf(confirm[key]).length > 0, key);
      assert.match(textOf(confirm.text), /#42/);
    });
  }

  it('links the incident page and the channel', () => {
    const texts = mrkdwnTexts(headline(view(), PUBLIC_URL, TEAM).blocks).join('\n');
    assert.ok(texts.includes(`<${PUBLIC_URL}/incidents/42|`), texts);
    assert.ok(texts.includes(`<#${CHANNEL.id}>`), texts);
  });

  it('links only the incident page while there is no channel', () => {
    const texts = mrkdwnTexts(headline(view({ channel: null }), PUBLIC_URL, TEAM).blocks).join('\n');
    assert.ok(texts.includes(`<${PUBLIC_URL}/incidents/42|`), texts);
    assert.doesNotMatch(texts, /<#C/);
  });

  it('sends Join to the channel in the right workspace and carries the incident id on every button', () => {
    const all = buttons(headline(view(), PUBLIC_URL, TEAM).blocks);
    const join = all.find((b) => b.action_id === HEADLINE_ACTIONS.join);
    assert.equal(join?.url, `https://slack.com/app_redirect?channel=${CHANNEL.id}&team=${TEAM}`);
    for (const button of all) assert.equal(button.value, '42');
  });

  it('names the reporter and lead by mention, and says when nobody leads', () => {
    const led = mrkdwnTexts(headline(view(), PUBLIC_URL, TEAM).blocks).join('\n');
    assert.match(led, /<@U0REPORTER>/);
    assert.match(led, /<@U0LEAD>/);
    const unled = mrkdwnTexts(headline(view({ lead: null, leadId: null }), PUBLIC_URL, TEAM).blocks).join('\n');
    assert.match(unled, /nobody yet/);
  });

  it('shows the status and severity, and says when the severity is not set', () => {
    const set = mrkdwnTexts(headline(view({ status: 'identified', severity: 'critical' }), PUBLIC_URL, TEAM).blocks);
    assert.ok(set.some((t) => t.includes('Identified')));
    assert.ok(set.some((t) => t.includes('Critical')));
    const unset = mrkdwnTexts(headline(view({ severity: null }), PUBLIC_URL, TEAM).blocks);
    assert.ok(unset.some((t) => t.includes('not set')));
  });
});

describe('openingMessage', () => {
  it('stays within Slack’s message limits with worst-case text', () => {
    for (const incident of worstCases()) {
      assert.deepEqual(
        messageProblems(openingMessage(incident, PUBLIC_URL)),
        [],
        `${incident.status}/${incident.severity}`,
      );
    }
  });

  it('never lets user text ping or link in any mrkdwn text', () => {
    for (const incident of worstCases()) {
      for (const text of mrkdwnTexts(openingMessage(incident, PUBLIC_URL).blocks)) {
        assert.doesNotMatch(text, /<!channel>|<!here>|<@U0EVIL>|<https:\/\/evil/, text.slice(0, 80));
      }
    }
  });

  it('shows title, summary and impact with & escaped', () => {
    const message = openingMessage(view({ title: 'A & B', summary: 'S & T', impact: 'I & J' }), PUBLIC_URL);
    const first = mrkdwnTexts(message.blocks)[0] ?? '';
    assert.equal(first, '*A &amp; B*\nS &amp; T\n*Impact:* I &amp; J');
  });

  it('leaves out summary and impact when there are none', () => {
    const message = openingMessage(view({ summary: null, impact: null }), PUBLIC_URL);
    assert.equal(mrkdwnTexts(message.blocks)[0], '*Payments API returning 500s*');
  });

  it('links the incident page', () => {
    const texts = mrkdwnTexts(openingMessage(view(), PUBLIC_URL).blocks).join('\n');
    assert.ok(texts.includes(`<${PUBLIC_URL}/incidents/42|`), texts);
  });

  it('does not put raw user mentions in the notification text either', () => {
    const message = openingMessage(view({ title: '<!channel> payments down' }), PUBLIC_URL);
    assert.doesNotMatch(message.text.replace('<@U0REPORTER>', ''), RAW_MENTION);
  });
});

describe('reporterThanks', () => {
  it('sends the reporter to the incident channel when there is one', () => {
    const text = reporterThanks(view(), PUBLIC_URL);
    assert.ok(text.includes(`<#${CHANNEL.id}>`), text);
    assert.ok(text.includes(`<${PUBLIC_URL}/incidents/42|incident #42>`), text);
  });

  it('points to the incident page when there is no channel', () => {
    const text = reporterThanks(view({ kind: 'report', channel: null }), PUBLIC_URL);
    assert.ok(text.includes(`<${PUBLIC_URL}/incidents/42|incident #42>`), text);
    assert.doesNotMatch(text, /<#/);
  });

  it('does not echo a title that could ping people', () => {
    const text = reporterThanks(view({ title: '<!channel> down' }), PUBLIC_URL);
    assert.doesNotMatch(text, /<!channel>/);
  });
});

describe('chatFailureNotice', () => {
  it('names the incident and what failed, escaped, and links the page', () => {
    const text = chatFailureNotice(
      view({ title: '<!channel> Payments & refunds' }),
      'creating the <channel>',
      PUBLIC_URL,
    );
    assert.doesNotMatch(text, RAW_MENTION);
    assert.ok(text.includes('#42'), text);
    assert.ok(text.includes('&lt;!channel&gt; Payments &amp; refunds'), text);
    assert.ok(text.includes('creating the &lt;channel&gt;'), text);
    assert.ok(text.includes(`<${PUBLIC_URL}/incidents/42|the incident page>`), text);
  });

  it('stays readable with the longest title', () => {
    const text = chatFailureNotice(view({ title: NASTY_TITLE }), 'posting the headline', PUBLIC_URL);
    assert.ok(text.length <= 4000, `${text.length} chars`);
    assert.doesNotMatch(text, /<!channel>|<@U0EVIL>/);
  });
});
