import { parseStatus, STATUSES, statusLabel, userActor } from '../../domain/index.ts';
import { setStatus } from '../../usecases/index.ts';
import { type IncidentCommand, refuse, said } from './types.ts';

const USAGE = `status <${STATUSES.join('|')}>`;

/** `status <status>`: investigating, identified, monitoring, or resolved. */
export const status: IncidentCommand = {
  names: ['status'],
  usage: USAGE,
  help: 'Say where the response is: investigating, identified, monitoring or resolved',
  async run({ deps, incident, userId, args }) {
    if (!args) return refuse('Say which status.', USAGE);
    const next = parseStatus(args);
    if (incident.status === 'resolved') return refuse('This incident is resolved.', 'reopen');
    await setStatus(deps.write, { incidentId: incident.id, status: next, actor: userActor(userId) });
    return said(`Status set to *${statusLabel(next)}* by <@${userId}>.`);
  },
};
