// What the bot says when an incident is resolved: in its channel, and to the lead (else the reporter).
import { describeElapsed, durationMs } from '../../domain/index.ts';
import type { IncidentView } from '../../usecases/index.ts';
import { incidentUrl } from './incident-fields.ts';
import { escapeMrkdwn, link } from './mrkdwn.ts';

/** The closing notice in the incident channel. */
export const resolutionNotice = (incident: IncidentView, publicUrl: string): string => {
  const ran = describeElapsed(durationMs(incident, incident.resolvedAt ?? new Date()));
  return [
    `:white_check_mark: *Incident #${incident.id} is resolved* after ${ran}. Thank you, everyone.`,
    `Pinned messages and updates are on ${link(incidentUrl(publicUrl, incident), 'the incident page')}, ready for the post-incident report. \`/incident reopen\` if it comes back.`,
  ].join('\n');
};

/** The DM asking for the post-incident report. */
export const reportRequest = (incident: IncidentView, publicUrl: string): string =>
  `:wave: Incident #${incident.id} (${escapeMrkdwn(incident.title)}) is resolved. Please complete the post-incident report: ${link(`${incidentUrl(publicUrl, incident)}/report`, 'write the report')}`;
