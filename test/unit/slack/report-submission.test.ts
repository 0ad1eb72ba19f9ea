import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DomainError, TITLE_MAX } from '../../../src/domain/index.ts';
import { reportModal } from '../../../src/slack/blocks/report-modal.ts';
import { REPORT_MODAL as ID } from '../../../src/slack/ids.ts';
import { inlineError, readReportSubmission } from '../../../src/slack/listeners/views/report-submission.ts';

// view.state.values as Slack sends them (README §3.4): block_id → action_id → value object. An empty
// plain_text_input arrives as value: null; an untouched select arrives as selected_option: null.
interface Form {
  title?: string | null;
  kind?: string | null;
  summary?: string | null;
  impact?: string | null;
  lead?: string | null;
  severity?: string | null;
}

const option = (value: string | null | undefined) =>
  value == null ? null : { text: { type: 'plain_text', text: value, emoji: true }, value };

const stateValues = (form: Form = {}) => ({
  [ID.title]: { [ID.title]: { type: 'plain_text_input', value: form.title ?? null } },
  [ID.kind]: { [ID.kind]: { type: 'radio_buttons', selected_option: option(form.kind) } },
  [ID.summary]: { [ID.summary]: { type: 'plain_text_input', value: form.summary ?? null } },
  [ID.impact]: { [ID.impact]: { type: 'plain_text_input', value: form.impact ?? null } },
  [ID.lead]: { [ID.lead]: { type: 'users_select', selected_user: form.lead ?? null } },
  [ID.severity]: { [ID.severity]: { type: 'static_select', selected_option: option(form.severity) } },
});

const FULL: Form = {
  title: '  Payments API returning 500s \n',
  kind: 'live',
  summary: 'Card payments failing with HTTP 500 since 14:02',
  impact: 'All card customers in the EU',
  lead: 'U0987654321',
  severity: 'major',
};

const RESPONSE_URL = 'https://hooks.slack.com/commands/T0123456789/7001234567891/aB3dE5fG7hJ9kL1mN3pQ5rS7';
const METADATA = JSON.stringify({ channelId: 'C0123456789', responseUrl: RESPONSE_URL });

describe('readReportSubmission', () => {
  it('turns a full submission into a draft with the title trimmed', () => {
    const submission = readReportSubmission(stateValues(FULL), METADATA);
    assert.deepEqual(submission, {
      ok: true,
      context: { channelId: 'C0123456789', responseUrl: RESPONSE_URL },
      draft: {
        title: 'Payments API returning 500s',
        kind: 'live',
        summary: 'Card payments failing with HTTP 500 since 14:02',
        impact: 'All card customers in the EU',
        leadId: 'U0987654321',
        severity: 'major',
      },
    });
  });

  it('reads a report of something already over as kind report', () => {
    const submission = readReportSubmission(stateValues({ ...FULL, kind: 'report' }), METADATA);
    assert.equal(submission.ok && submission.draft.kind, 'report');
  });

  it('leaves optional fields null when they are empty, blank or untouched', () => {
    const submission = readReportSubmission(
      stateValues({ title: 'DB down', kind: 'live', summary: '  \n ', impact: null }),
      METADATA,
    );
    assert.ok(submission.ok);
    assert.equal(submission.draft.summary, null);
    assert.equal(submission.draft.impact, null);
    assert.equal(submission.draft.leadId, null);
    assert.equal(submission.draft.severity, null);
  });

  it('keeps text people typed as Unicode, trimmed', () => {
    const submission = readReportSubmission(
      stateValues({ title: ' Zahlungen schlagen fehl – 🔥 ', kind: 'live', summary: ' <!channel> & co ' }),
      METADATA,
    );
    assert.ok(submission.ok);
    assert.equal(submission.draft.title, 'Zahlungen schlagen fehl – 🔥');
    assert.equal(submission.draft.summary, '<!channel> & co', 'stored as typed; escaping is for display');
  });

  it('reads the round trip of the modal’s own private_metadata', () => {
    const context = { channelId: 'C0123456789', responseUrl: RESPONSE_URL };
    const modal = reportModal({ title: 'DB down' }, context);
    const submission = readReportSubmission(stateValues(FULL), modal.private_metadata ?? '');
    assert.ok(submission.ok);
    assert.deepEqual(submission.context, context);
  });

  for (const [label, metadata] of [
    ['empty', ''],
    ['not JSON', '{channelId: C0123'],
    ['JSON of the wrong shape', JSON.stringify({ channel_id: 'C0123456789' })],
    ['JSON with wrong types', JSON.stringify({ channelId: 42, responseUrl: ['x'] })],
    ['a JSON string', '"C0123456789"'],
    ['JSON null', 'null'],
  ] as const) {
    it(`still accepts the report when private_metadata is ${label}, with no context`, () => {
      const submission = readReportSubmission(stateValues(FULL), metadata);
      assert.ok(submission.ok, JSON.stringify(submission));
      assert.deepEqual(submission.context, { channelId: null, responseUrl: null });
      assert.equal(submission.draft.title, 'Payments API returning 500s');
    });
  }

  for (const title of [null, '', '   ', '\n\t ']) {
    it(`asks for a title under the title block when it is ${JSON.stringify(title)}`, () => {
      const submission = readReportSubmission(stateValues({ ...FULL, title }), METADATA);
      assert.equal(submission.ok, false);
      assert.ok(!submission.ok);
      assert.deepEqual(Object.keys(submission.errors), [ID.title]);
      assert.match(submission.errors[ID.title] ?? '', /title/i);
    });
  }

  it('accepts a title of exactly 200 characters (after trimming)', () => {
    const title = 'x'.repeat(TITLE_MAX);
    const submission = readReportSubmission(stateValues({ ...FULL, title: `  ${title}  ` }), METADATA);
    assert.ok(submission.ok);
    assert.equal(submission.draft.title, title);
  });

  it('refuses a 201-character title, saying the limit is 200', () => {
    const submission = readReportSubmission(stateValues({ ...FULL, title: 'x'.repeat(201) }), METADATA);
    assert.ok(!submission.ok);
    assert.match(submission.errors[ID.title] ?? '', /200/);
    assert.match(submission.errors[ID.title] ?? '', /201/);
  });

  it('refuses a forged severity value under the severity block', () => {
    const submission = readReportSubmission(stateValues({ ...FULL, severity: 'catastrophic' }), METADATA);
    assert.ok(!submission.ok);
    assert.deepEqual(Object.keys(submission.errors), [ID.severity]);
    assert.match(submission.errors[ID.severity] ?? '', /Critical/);
  });

  it('refuses a forged kind value under the kind block', () => {
    const submission = readReportSubmission(stateValues({ ...FULL, kind: 'drill' }), METADATA);
    assert.ok(!submission.ok);
    assert.deepEqual(Object.keys(submission.errors), [ID.kind]);
  });

  it('shows every error at once, so people fix the form in one go', () => {
    const submission = readReportSubmission(stateValues({ ...FULL, title: ' ', severity: 'catastrophic' }), METADATA);
    assert.ok(!submission.ok);
    assert.deepEqual(Object.keys(submission.errors).sort(), [ID.severity, ID.title].sort());
  });

  it('uses block ids of the modal as error keys (Slack shows errors under input blocks by block_id)', () => {
    const modal = reportModal({ title: '' }, { channelId: null, responseUrl: null });
    const blockIds = new Set(modal.blocks.map((block) => block.block_id));
    const submission = readReportSubmission(
      stateValues({ title: '', kind: 'drill', severity: 'catastrophic' }),
      METADATA,
    );
    assert.ok(!submission.ok);
    assert.equal(Object.keys(submission.errors).length, 3);
    for (const key of Object.keys(submission.errors))
      assert.ok(blockIds.has(key), `${key} is not a block of the modal`);
  });

  for (const [label, values] of [
    ['null', null],
    ['a string', 'title=DB down'],
    ['a title that is a number', { [ID.title]: { [ID.title]: { type: 'plain_text_input', value: 42 } } }],
    ['a severity option without a value', { [ID.severity]: { [ID.severity]: { selected_option: { text: 'x' } } } }],
    ['a block that is a list', { [ID.title]: [] }],
  ] as const) {
    it(`answers an unreadable form (${label}) with an error instead of throwing`, () => {
      const submission = readReportSubmission(values, METADATA);
      assert.equal(submission.ok, false);
      assert.ok(!submission.ok);
      assert.ok(Object.values(submission.errors).some((message) => message.length > 0));
    });
  }

  it('refuses Slack’s sample submission, whose blocks are not this modal’s, rather than inventing a title', () => {
    const payload = JSON.parse(
      readFileSync(new URL('../../fixtures/slack/view_submission.json', import.meta.url), 'utf8'),
    );
    const submission = readReportSubmission(payload.view.state.values, payload.view.private_metadata);
    assert.ok(!submission.ok);
    assert.ok(submission.errors[ID.title]);
  });

  it('accepts every severity and kind the modal offers (the form and the reader agree)', () => {
    const modal = reportModal({ title: '' }, { channelId: null, responseUrl: null });
    const offered = (blockId: string): string[] => {
      const block = modal.blocks.find((b) => b.block_id === blockId) as { element?: { options?: { value: string }[] } };
      const options = block?.element?.options ?? [];
      return options.map((o) => o.value);
    };
    assert.ok(offered(ID.severity).length > 0 && offered(ID.kind).length > 0);
    for (const severity of offered(ID.severity)) {
      for (const kind of offered(ID.kind)) {
        const submission = readReportSubmission(stateValues({ ...FULL, severity, kind }), METADATA);
        assert.ok(submission.ok, `${severity}/${kind}: ${JSON.stringify(submission)}`);
        assert.equal(submission.draft.severity, severity);
        assert.equal(submission.draft.kind, kind);
      }
    }
  });

  it('defaults the kind to live when the radio buttons come back unselected', () => {
    const submission = readReportSubmission(stateValues({ ...FULL, kind: null }), METADATA);
    assert.ok(submission.ok);
    assert.equal(submission.draft.kind, 'live');
  });
});

describe('inlineError', () => {
  it('puts a domain error about the summary under the summary block', () => {
    assert.deepEqual(inlineError(new DomainError('text_too_long', 'msg', 'summary')), { summary: 'msg' });
  });

  it('puts an error about the lead under the lead block (the domain calls it leadId)', () => {
    assert.deepEqual(inlineError(new DomainError('title_required', 'Pick a lead', 'leadId')), {
      [ID.lead]: 'Pick a lead',
    });
  });

  it('puts the domain’s title errors under the title block', () => {
    const error = new DomainError('title_too_long', 'Keep the title to 200 characters (it has 250).', 'title');
    assert.deepEqual(inlineError(error), { [ID.title]: 'Keep the title to 200 characters (it has 250).' });
  });

  it('shows an error without a field under the title block, so it is still visible', () => {
    assert.deepEqual(inlineError(new DomainError('incident_not_found', 'Gone')), { [ID.title]: 'Gone' });
  });

  it('shows an error about an unknown field under the title block', () => {
    assert.deepEqual(inlineError(new DomainError('text_too_long', 'Too long', 'postmortem')), {
      [ID.title]: 'Too long',
    });
  });
});
