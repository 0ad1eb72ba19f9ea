// `summary [text]` and `impact [text]`: set the text, or show the current one with a Change button.
import { userActor } from '../../domain/index.ts';
import { updateIncident } from '../../usecases/index.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { FIELD_ACTIONS } from '../ids.ts';
import { type IncidentCommand, said, told } from './types.ts';

const describeField = (field: 'summary' | 'impact', help: string, empty: string): IncidentCommand => ({
  names: [field],
  usage: `${field} <text>`,
  help,
  async run({ deps, incident, userId, args }) {
    if (args) {
      await updateIncident(deps.write, { incidentId: incident.id, patch: { [field]: args }, actor: userActor(userId) });
      return said(`*The ${field} has been updated to:*\n${escapeMrkdwn(args)}`);
    }
    const current = incident[field];
    const text = `*The current ${field}:*\n${current ? escapeMrkdwn(current) : empty}`;
    return told(text, [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        block_id: `change-${field}`,
        elements: [
          {
            type: 'button',
            action_id: FIELD_ACTIONS[field],
            text: { type: 'plain_text', text: 'Change' },
            value: String(incident.id),
          },
        ],
      },
    ]);
  },
});

/** `summary [text]`. */
export const summary = describeField(
  'summary',
  "Set what's going on, or see it (with a Change button)",
  '_No summary yet._',
);

/** `impact [text]`. */
export const impact = describeField('impact', 'Set who or what is affected, or see it', '_No impact set yet._');
