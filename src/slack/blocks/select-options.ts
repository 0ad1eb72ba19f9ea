// Options shared by the modals: severities and statuses as Slack select options.
import type { InputBlock, PlainTextOption } from '@slack/types';
import { SEVERITIES, type Severity, STATUSES, type Status, severityLabel, statusLabel } from '../../domain/index.ts';

/** Plain text, with emoji. */
export const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

/** One option. */
export const option = (value: string, text: string): PlainTextOption => ({ text: plain(text), value });

/** Critical … Trivial. */
export const SEVERITY_OPTIONS: PlainTextOption[] = SEVERITIES.map((s) => option(s, severityLabel(s)));

/** Investigating … Resolved. */
export const STATUS_OPTIONS: PlainTextOption[] = STATUSES.map((s) => option(s, statusLabel(s)));

/** The option for a severity, to preselect it. */
export const severityOption = (severity: Severity | null): PlainTextOption | undefined =>
  SEVERITY_OPTIONS.find((o) => o.value === severity);

/** The option for a status, to preselect it. */
export const statusOption = (status: Status): PlainTextOption | undefined =>
  STATUS_OPTIONS.find((o) => o.value === status);

/** The optional Severity select every form has; `block_id` = `action_id` = `id`, preset when known. */
export const severityInput = (id: string, current: Severity | null): InputBlock => {
  const initial = severityOption(current);
  return {
    type: 'input',
    block_id: id,
    optional: true,
    label: plain('Severity'),
    element: {
      type: 'static_select',
      action_id: id,
      options: SEVERITY_OPTIONS,
      ...(initial ? { initial_option: initial } : { placeholder: plain('Choose when you know') }),
    },
  };
};
