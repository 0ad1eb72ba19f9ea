import { statusUpdateModal } from '../blocks/status-update-modal.ts';
import { type IncidentCommand, refuse, told } from './types.ts';

/** `update`: opens the status update form (needs the trigger a slash command or button brings). */
export const update: IncidentCommand = {
  names: ['update'],
  usage: 'update',
  help: 'Post a status update: status, severity, what is happening now, when the next update is due',
  async run({ client, incident, triggerId }) {
    if (!triggerId) return refuse('Updates are written in a form, which only a slash command can open.', 'update');
    if (incident.resolvedAt) return refuse('This incident is resolved.', 'reopen');
    await client.views.open({ trigger_id: triggerId, view: statusUpdateModal(incident) });
    return told('Opening the update form…');
  },
};
