// Pieces shared by the headline and the opening message.
import { severityLabel, statusLabel } from '../../domain/index.ts';
import type { IncidentView } from '../../usecases/index.ts';
import { mention } from './mrkdwn.ts';

const STATUS_EMOJI = {
  investigating: ':mag:',
  identified: ':bulb:',
  monitoring: ':eyes:',
  resolved: ':white_check_mark:',
};
const SEVERITY_EMOJI = {
  critical: ':red_circle:',
  major: ':large_orange_circle:',
  minor: ':large_yellow_circle:',
  trivial: ':white_circle:',
};

/** "🔍 Investigating", with the emoji Slack renders. */
export const statusText = (incident: IncidentView): string =>
  `${STATUS_EMOJI[incident.status]} ${statusLabel(incident.status)}`;

/** "🟠 Major", or a prompt when nobody has set it yet. */
export const severityText = (incident: IncidentView): string =>
  incident.severity ? `${SEVERITY_EMOJI[incident.severity]} ${severityLabel(incident.severity)}` : '_not set yet_';

/** The section fields every incident message shows. */
export const incidentFields = (incident: IncidentView) => [
  { type: 'mrkdwn' as const, text: `*Reporter*\n${mention(incident.reporter?.slackId)}` },
  { type: 'mrkdwn' as const, text: `*Lead*\n${incident.lead ? mention(incident.lead.slackId) : '_nobody yet_'}` },
  { type: 'mrkdwn' as const, text: `*Status*\n${statusText(incident)}` },
  { type: 'mrkdwn' as const, text: `*Severity*\n${severityText(incident)}` },
];

/** The incident's web page. */
export const incidentUrl = (publicUrl: string, incident: { id: number }): string =>
  `${publicUrl}/incidents/${incident.id}`;
