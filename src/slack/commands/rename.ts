import { renameIncidentChannel } from '../../usecases/index.ts';
import { CHANNEL_NAME_MAX, slugify } from '../channel-name.ts';
import { slackErrorCode } from '../slack-errors.ts';
import { type IncidentCommand, refuse, said } from './types.ts';

/** Slack-legal, always `inc-…` (Response's rule), at most 80 characters. */
export const incidentChannelName = (wanted: string): string => {
  const slug = slugify(wanted.replace(/^#/, ''));
  const name = slug.startsWith('inc-') ? slug : `inc-${slug}`;
  return name.slice(0, CHANNEL_NAME_MAX).replace(/-+$/, '');
};

const NAME_PROBLEMS: Record<string, string> = {
  name_taken: 'That name is taken (archived channels keep their names).',
  not_in_channel: 'I am not in this channel any more, so I cannot rename it.',
};

/** `rename <name>`: renames the incident channel. */
export const rename: IncidentCommand = {
  names: ['rename'],
  usage: 'rename <new-name>',
  help: 'Rename the incident channel (it keeps its inc- prefix)',
  async run({ deps, client, incident, args }) {
    const name = incidentChannelName(args);
    if (!incident.channel || name === 'inc') return refuse('Give the channel a new name.', 'rename <new-name>');
    try {
      const renamed = await client.conversations.rename({ channel: incident.channel.id, name });
      const stored = String(renamed.channel?.name ?? name);
      await renameIncidentChannel(deps, { channelId: incident.channel.id, name: stored });
      return said(`Channel renamed to #${stored}.`);
    } catch (error) {
      const code = slackErrorCode(error);
      if (!code) throw error;
      return refuse(NAME_PROBLEMS[code] ?? `Slack refused the name (${code}).`, 'rename <new-name>');
    }
  },
};
