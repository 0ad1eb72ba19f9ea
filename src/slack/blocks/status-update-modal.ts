// `/incident update`: status, severity, what is happening now, and when the next update is due.
import type { ModalView } from '@slack/types';
import type { IncidentView } from '../../usecases/index.ts';
import { UPDATE_MODAL as ID } from '../ids.ts';
import { option, plain, STATUS_OPTIONS, severityInput, statusOption } from './select-options.ts';

/** Minutes until the next update, as offered; "none" means no reminder. */
export const NEXT_UPDATE_OPTIONS = [
  option('15', 'In 15 minutes'),
  option('30', 'In 30 minutes'),
  option('60', 'In 1 hour'),
  option('120', 'In 2 hours'),
  option('240', 'In 4 hours'),
  option('none', 'No more updates planned'),
];

/** What the update modal carries to its submission. */
export interface UpdateContext {
  readonly incidentId: number;
}

/** The update form for an incident, preset to its current status and severity. */
export const statusUpdateModal = (incident: IncidentView): ModalView => {
  const currentStatus = statusOption(incident.status);
  return {
    type: 'modal',
    callback_id: ID.callbackId,
    private_metadata: JSON.stringify({ incidentId: incident.id } satisfies UpdateContext),
    title: plain(`Update on #${incident.id}`.slice(0, 24)),
    submit: plain('Post update'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'input',
        block_id: ID.status,
        label: plain('Status'),
        element: {
          type: 'static_select',
          action_id: ID.status,
          options: STATUS_OPTIONS,
          ...(currentStatus ? { initial_option: currentStatus } : {}),
        },
      },
      severityInput(ID.severity, incident.severity),
      {
        type: 'input',
        block_id: ID.text,
        label: plain('What is happening now?'),
        hint: plain('What changed, what you are trying, what people should do.'),
        element: { type: 'plain_text_input', action_id: ID.text, multiline: true, max_length: 3000 },
      },
      {
        type: 'input',
        block_id: ID.nextUpdate,
        label: plain('Next update'),
        element: {
          type: 'static_select',
          action_id: ID.nextUpdate,
          options: NEXT_UPDATE_OPTIONS,
          initial_option: NEXT_UPDATE_OPTIONS[1],
        },
      },
    ],
  };
};
