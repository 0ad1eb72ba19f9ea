import { userActor } from '../../domain/index.ts';
import { reopenIncident, resolveIncident } from '../../usecases/index.ts';
import { type IncidentCommand, refuse, told } from './types.ts';

/** `close`: resolve it. The channel hears it and the lead is asked for the report (by the sync job). */
export const close: IncidentCommand = {
  names: ['close'],
  usage: 'close',
  help: 'Close this incident (it is marked resolved and the lead is asked for a report)',
  async run({ deps, incident, userId }) {
    if (incident.resolvedAt) {
      return refuse(`This incident was already closed at ${incident.resolvedAt.toISOString()}.`, 'reopen');
    }
    await resolveIncident(deps.write, { incidentId: incident.id, actor: userActor(userId) });
    return told(':closed_book: Closed. I will tell the channel and ask the lead for the report.');
  },
};

/** `reopen`: a resolved incident came back. */
export const reopen: IncidentCommand = {
  names: ['reopen'],
  usage: 'reopen',
  help: 'Reopen a resolved incident that came back',
  async run({ deps, incident, userId }) {
    if (!incident.resolvedAt) return refuse('This incident is still open.');
    await reopenIncident(deps.write, { incidentId: incident.id, actor: userActor(userId) });
    return { ok: true, say: `:rotating_light: <@${userId}> reopened this incident. Status: Investigating.` };
  },
};
