// The short note a person sees (only they) when they join an incident channel: how to add to the
// timeline, the commands that run the incident, and where the incident page is.
import type { IncidentView } from '../../usecases/index.ts';
import { incidentUrl } from './incident-fields.ts';
import { escapeMrkdwn, link } from './mrkdwn.ts';

/** The welcome text (mrkdwn) for someone joining `incident`'s channel. */
export const welcomeText = (
  incident: Pick<IncidentView, 'id' | 'title'>,
  options: { readonly publicUrl: string; readonly timelineEmoji: string },
): string =>
  [
    `:wave: Welcome to incident #${incident.id}: *${escapeMrkdwn(incident.title)}*.`,
    `• Pin a message, react with :${options.timelineEmoji}:, or use the message shortcut *Add to timeline* to put it on the timeline.`,
    '• `/incident lead @someone` · `/incident severity` · `/incident status` · `/incident update` · `/incident close` · `/incident help`',
    `• Everything so far: ${link(incidentUrl(options.publicUrl, incident), 'the incident page')}`,
  ].join('\n');
