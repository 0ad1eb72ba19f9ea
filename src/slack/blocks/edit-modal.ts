// The headline's Edit button: every field people set, prefilled.
import type { ModalView } from '@slack/types';
import { TITLE_MAX } from '../../domain/index.ts';
import type { IncidentView } from '../../usecases/index.ts';
import { EDIT_MODAL as ID } from '../ids.ts';
import { plain, severityInput } from './select-options.ts';

const text = (
  blockId: string,
  label: string,
  value: string | null,
  options: { multiline?: boolean; max: number; optional?: boolean },
) => ({
  type: 'input' as const,
  block_id: blockId,
  optional: options.optional ?? true,
  label: plain(label),
  element: {
    type: 'plain_text_input' as const,
    action_id: blockId,
    multiline: options.multiline ?? false,
    max_length: options.max,
    ...(value ? { initial_value: value.slice(0, options.max) } : {}),
  },
});

/** The edit form for an incident. */
export const editModal = (incident: IncidentView): ModalView => {
  return {
    type: 'modal',
    callback_id: ID.callbackId,
    private_metadata: JSON.stringify({ incidentId: incident.id }),
    title: plain(`Edit #${incident.id}`.slice(0, 24)),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      text(ID.title, 'Title', incident.title, { max: TITLE_MAX, optional: false }),
      text(ID.summary, 'Summary', incident.summary, { multiline: true, max: 3000 }),
      text(ID.impact, 'Impact', incident.impact, { multiline: true, max: 3000 }),
      {
        type: 'input',
        block_id: ID.lead,
        optional: true,
        label: plain('Lead'),
        element: {
          type: 'users_select',
          action_id: ID.lead,
          ...(incident.lead ? { initial_user: incident.lead.slackId } : {}),
        },
      },
      severityInput(ID.severity, incident.severity),
    ],
  };
};
