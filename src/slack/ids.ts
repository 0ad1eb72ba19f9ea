// Every callback_id, action_id and block_id the bot sends, in one place, so listeners and block
// builders cannot drift apart. Slack returns these ids verbatim (../shared/slack/README.md §3.4).

/** The /incident report modal and its input blocks (block_id = action_id). */
export const REPORT_MODAL = {
  callbackId: 'report-incident',
  title: 'title',
  kind: 'kind',
  summary: 'summary',
  impact: 'impact',
  lead: 'lead',
  severity: 'severity',
} as const;

/** Buttons on the headline message (handled from the next issue on). */
export const HEADLINE_ACTIONS = {
  join: 'headline-join',
  edit: 'headline-edit',
  close: 'headline-close',
} as const;

/** The message shortcut that adds a message to the timeline (must match the manifest). */
export const ADD_TO_TIMELINE = 'add-to-timeline';

/** "Change" buttons under `summary` / `impact`, and the modal they open (block_id = action_id = field). */
export const FIELD_ACTIONS = { summary: 'change-summary', impact: 'change-impact' } as const;
export const FIELD_MODAL = { callbackId: 'change-field', input: 'text' } as const;

/** The status update modal opened by `/incident update`. */
export const UPDATE_MODAL = {
  callbackId: 'status-update',
  status: 'status',
  severity: 'severity',
  text: 'text',
  nextUpdate: 'next-update',
} as const;

/** The edit modal opened by the headline's Edit button. */
export const EDIT_MODAL = {
  callbackId: 'edit-incident',
  title: 'title',
  summary: 'summary',
  impact: 'impact',
  lead: 'lead',
  severity: 'severity',
} as const;

/** Buttons on reminders: Snooze on the update reminder (its value is the incident id). */
export const REMINDER_ACTIONS = {
  snooze: 'reminder-snooze-update',
} as const;
