import { parseSeverity, severityLabel, userActor } from '../../domain/index.ts';
import { setSeverity } from '../../usecases/index.ts';
import { type IncidentCommand, refuse, said } from './types.ts';

const USAGE = 'severity <critical|major|minor|trivial, or 1-4>';

/** `severity <level>` (alias `sev`): a name or number, case-insensitive, exact match. */
export const severity: IncidentCommand = {
  names: ['severity', 'sev'],
  usage: USAGE,
  help: 'Set how bad it is: critical (1), major (2), minor (3) or trivial (4)',
  async run({ deps, incident, userId, args }) {
    if (!args) return refuse('Say which severity.', USAGE);
    const level = parseSeverity(args);
    await setSeverity(deps.write, { incidentId: incident.id, severity: level, actor: userActor(userId) });
    return said(`Severity set to *${severityLabel(level)}* by <@${userId}>.`);
  },
};
