// The headline in the incidents channel: what, who, where, and the buttons to act on it. It is
// edited in place after every change, so it always reads as the current state of the incident.
import type { KnownBlock } from '@slack/types';
import type { IncidentView } from '../../usecases/index.ts';
import { HEADLINE_ACTIONS } from '../ids.ts';
import { incidentFields, incidentUrl, severityText, statusText } from './incident-fields.ts';
import { channelLink, clip, escapeAndClip, escapeMrkdwn, link } from './mrkdwn.ts';
import { plain } from './select-options.ts';

/** A headline: blocks plus the plain fallback text notifications and screen readers use. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

/** Where "Join channel" takes people: Slack opens the channel in the app or the browser. */
export const channelUrl = (teamId: string | null, channelId: string): string =>
  `https://slack.com/app_redirect?channel=${channelId}${teamId ? `&team=${teamId}` : ''}`;

/** The headline for an incident as it stands now. */
export const headline = (incident: IncidentView, publicUrl: string, teamId: string | null): SlackMessage => {
  const reported = incident.kind === 'report';
  const prefix = reported ? 'Reported' : 'Incident';
  const heading = `${prefix} #${incident.id}: ${incident.title}`;
  const places = [link(incidentUrl(publicUrl, incident), 'Incident page')];
  if (incident.channel) places.push(channelLink(incident.channel.id));
  const buttons: KnownBlock = {
    type: 'actions',
    block_id: `headline-actions-${incident.id}`,
    elements: [
      ...(incident.channel
        ? [
            {
              type: 'button' as const,
              action_id: HEADLINE_ACTIONS.join,
              text: plain(':door: Join channel'),
              url: channelUrl(teamId, incident.channel.id),
              value: String(incident.id),
            },
          ]
        : []),
      { type: 'button', action_id: HEADLINE_ACTIONS.edit, text: plain(':pencil2: Edit'), value: String(incident.id) },
      ...(incident.status === 'resolved'
        ? []
        : [
            {
              type: 'button' as const,
              action_id: HEADLINE_ACTIONS.close,
              text: plain(':white_check_mark: Close'),
              style: 'danger' as const,
              value: String(incident.id),
              confirm: {
                title: plain('Close this incident?'),
                text: plain(`#${incident.id} will be marked resolved and the lead asked for a report.`),
                confirm: plain('Close incident'),
                deny: plain('Keep it open'),
              },
            },
          ]),
    ],
  };
  return {
    // The fallback text is mrkdwn too (notifications, screen readers): escape the title in it.
    text: `${escapeMrkdwn(heading)} (${statusText(incident)}, severity ${severityText(incident)})`,
    blocks: [
      { type: 'header', text: plain(clip(heading, 150)) },
      ...(incident.summary
        ? [
            {
              type: 'section' as const,
              text: { type: 'mrkdwn' as const, text: escapeAndClip(incident.summary, 3000) },
            },
          ]
        : []),
      { type: 'section', fields: incidentFields(incident) },
      { type: 'context', elements: [{ type: 'mrkdwn', text: places.join('  ·  ') }] },
      buttons,
    ],
  };
};
