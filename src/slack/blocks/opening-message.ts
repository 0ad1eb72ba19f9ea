// The first message in a new incident channel: what happened, who is on it, and how to use the bot.
import type { IncidentView } from '../../usecases/index.ts';
import type { SlackMessage } from './headline.ts';
import { incidentFields, incidentUrl } from './incident-fields.ts';
import { escapeAndClip, escapeMrkdwn, link, mention } from './mrkdwn.ts';

/** The opening message of an incident channel. */
export const openingMessage = (incident: IncidentView, publicUrl: string): SlackMessage => {
  // Each part is cut on its own, so a long summary cannot push the impact out of the message.
  const what = [`*${escapeMrkdwn(incident.title)}*`];
  if (incident.summary) what.push(escapeAndClip(incident.summary, 1800));
  if (incident.impact) what.push(`*Impact:* ${escapeAndClip(incident.impact, 900)}`);
  const howTo = [
    ':pushpin: *Pin* a message (or react with :pushpin:) to put it on the timeline.',
    '`/incident lead @person` · `/incident severity major` · `/incident status identified`',
    '`/incident update` posts a status update · `/incident close` when it is over · `/incident help` for the rest',
  ];
  return {
    text: `Incident #${incident.id}: ${escapeMrkdwn(incident.title)}, reported by ${mention(incident.reporter?.slackId)}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: what.join('\n') } },
      { type: 'section', fields: incidentFields(incident) },
      { type: 'divider' },
      { type: 'section', text: { type: 'mrkdwn', text: howTo.join('\n') } },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `${link(incidentUrl(publicUrl, incident), 'Incident page')} · the timeline and report live there`,
          },
        ],
      },
    ],
  };
};
