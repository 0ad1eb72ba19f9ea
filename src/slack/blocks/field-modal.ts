// The Change button under `summary` / `impact`: one text box, prefilled.
import type { ModalView } from '@slack/types';
import type { IncidentView } from '../../usecases/index.ts';
import { FIELD_MODAL as ID } from '../ids.ts';
import { plain } from './select-options.ts';

/** Which field and incident a change modal edits. */
export interface FieldContext {
  readonly incidentId: number;
  readonly field: 'summary' | 'impact';
}

/** The modal to change the summary or the impact. */
export const fieldModal = (incident: IncidentView, field: FieldContext['field']): ModalView => {
  const current = incident[field];
  return {
    type: 'modal',
    callback_id: ID.callbackId,
    private_metadata: JSON.stringify({ incidentId: incident.id, field } satisfies FieldContext),
    title: plain(field === 'summary' ? 'Change the summary' : 'Change the impact'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'input',
        block_id: ID.input,
        optional: true,
        label: plain(field === 'summary' ? 'Summary' : 'Impact'),
        element: {
          type: 'plain_text_input',
          action_id: ID.input,
          multiline: true,
          max_length: 3000,
          ...(current ? { initial_value: current.slice(0, 3000) } : {}),
        },
      },
    ],
  };
};
