// The update as the channel reads it.
import { type Severity, type Status, severityLabel, statusLabel } from '../../domain/index.ts';
import type { SlackMessage } from './headline.ts';
import { escapeAndClip } from './mrkdwn.ts';

/** What the message shows. */
export interface StatusUpdate {
  readonly incidentId: number;
  readonly authorId: string;
  readonly status: Status;
  readonly severity: Severity | null;
  readonly text: string;
  readonly nextUpdateMinutes: number | null;
}

/** A formatted status update. */
export const statusUpdateMessage = (update: StatusUpdate): SlackMessage => {
  const facts = [
    `*Status:* ${statusLabel(update.status)}`,
    `*Severity:* ${update.severity ? severityLabel(update.severity) : 'not set'}`,
    update.nextUpdateMinutes ? `*Next update:* in ${update.nextUpdateMinutes} min` : '*Next update:* none planned',
  ];
  return {
    text: `Update on incident #${update.incidentId} from <@${update.authorId}>`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `:mega: *Update* from <@${update.authorId}>` } },
      { type: 'section', text: { type: 'mrkdwn', text: escapeAndClip(update.text, 3000) } },
      { type: 'context', elements: facts.map((text) => ({ type: 'mrkdwn' as const, text })) },
    ],
  };
};
