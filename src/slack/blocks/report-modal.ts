// The "Report an incident" modal opened by /incident (issue: title, live or report, summary,
// impact, lead, severity). Limits from ../shared/slack/README.md §7: title ≤ 24 chars, inputs ≤ 3000.
import type { ModalView } from '@slack/types';
import { TITLE_MAX } from '../../domain/index.ts';
import { REPORT_MODAL as ID } from '../ids.ts';
import { option, plain, severityInput } from './select-options.ts';

/** Slack's longest plain text input. */
export const SLACK_INPUT_MAX = 3000;

/** What the modal carries to its submission (private_metadata, ≤ 3000 chars). */
export interface ReportContext {
  readonly channelId: string | null;
  readonly responseUrl: string | null;
}

const KIND_OPTIONS = [
  option('live', 'Yes, it is happening now'),
  option('report', 'No, reporting one that already happened'),
];

// Slack caps private_metadata at 3000 characters; without the response_url the thanks goes by
// ephemeral message or DM instead, so that is what gives way.
const metadata = (context: ReportContext): string => {
  const full = JSON.stringify(context);
  return full.length <= 3000 ? full : JSON.stringify({ ...context, responseUrl: null });
};

/** The modal, with the title prefilled from the command's text. */
export const reportModal = (prefill: { title: string }, context: ReportContext): ModalView => ({
  type: 'modal',
  callback_id: ID.callbackId,
  private_metadata: metadata(context),
  title: plain('Report an incident'),
  submit: plain('Report'),
  close: plain('Cancel'),
  blocks: [
    {
      type: 'input',
      block_id: ID.title,
      label: plain('Title'),
      hint: plain('What is going wrong, in a sentence.'),
      element: {
        type: 'plain_text_input',
        action_id: ID.title,
        max_length: TITLE_MAX,
        ...(prefill.title ? { initial_value: prefill.title.slice(0, TITLE_MAX) } : {}),
        placeholder: plain('Payments API returning 500s'),
      },
    },
    {
      type: 'input',
      block_id: ID.kind,
      label: plain('Is this a live incident?'),
      element: { type: 'radio_buttons', action_id: ID.kind, options: KIND_OPTIONS, initial_option: KIND_OPTIONS[0] },
    },
    {
      type: 'input',
      block_id: ID.summary,
      optional: true,
      label: plain('Summary'),
      element: { type: 'plain_text_input', action_id: ID.summary, multiline: true, max_length: SLACK_INPUT_MAX },
    },
    {
      type: 'input',
      block_id: ID.impact,
      optional: true,
      label: plain('Impact'),
      hint: plain('Who or what is affected, and how badly.'),
      element: { type: 'plain_text_input', action_id: ID.impact, multiline: true, max_length: SLACK_INPUT_MAX },
    },
    {
      type: 'input',
      block_id: ID.lead,
      optional: true,
      label: plain('Lead'),
      element: { type: 'users_select', action_id: ID.lead, placeholder: plain('Who coordinates the response') },
    },
    severityInput(ID.severity, null),
  ],
});
