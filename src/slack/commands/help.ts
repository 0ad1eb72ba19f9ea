import type { IncidentCommand } from './types.ts';
import { told } from './types.ts';

/** `help`: every command, its usage and what it does. Built from the registry so it cannot drift. */
export const helpFor = (commands: readonly IncidentCommand[]): IncidentCommand => ({
  names: ['help'],
  usage: 'help',
  help: 'Show this list',
  async run() {
    const lines = commands.map((c) => {
      const aliases = c.names.length > 1 ? ` (also \`${c.names.slice(1).join('`, `')}\`)` : '';
      return `• \`/incident ${c.usage}\`${aliases} — ${c.help}`;
    });
    const text = [
      '*Running an incident* — type these in the incident channel, as `/incident …` or `@Incident …`:',
      ...lines,
      ':pushpin: Pin a message, or react with :pushpin:, to put it on the timeline.',
    ].join('\n');
    return told(text);
  },
});
