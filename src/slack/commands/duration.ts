import { describeElapsed, durationMs } from '../../domain/index.ts';
import { type IncidentCommand, said } from './types.ts';

/** `duration`: how long it has run (or ran, once resolved). */
export const duration: IncidentCommand = {
  names: ['duration'],
  usage: 'duration',
  help: 'How long has this incident been running?',
  async run({ deps, incident }) {
    const ran = describeElapsed(durationMs(incident, deps.write.clock.now()));
    return said(incident.resolvedAt ? `The incident ran for ${ran}.` : `The incident has been running for ${ran}.`);
  },
};
