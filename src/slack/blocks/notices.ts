// Short messages to one person: thanks after reporting, and what went wrong when Slack failed.
import type { IncidentView } from '../../usecases/index.ts';
import { incidentUrl } from './incident-fields.ts';
import { channelLink, escapeMrkdwn, link } from './mrkdwn.ts';

/** "Thanks — head to #inc-42-…" (or, for a report, where to find it). */
export const reporterThanks = (incident: IncidentView, publicUrl: string): string => {
  const page = link(incidentUrl(publicUrl, incident), `incident #${incident.id}`);
  return incident.channel
    ? `Thanks for reporting ${page} — head to ${channelLink(incident.channel.id)} to work on it together.`
    : `Thanks — your report is recorded as ${page}.`;
};

/** Tells a person what failed, and that nothing was lost. */
export const chatFailureNotice = (incident: IncidentView, what: string, publicUrl: string): string =>
  [
    `:warning: I stored incident #${incident.id} (${escapeMrkdwn(incident.title)}) but Slack kept failing while ${escapeMrkdwn(what)}.`,
    `Nothing is lost: ${link(incidentUrl(publicUrl, incident), 'the incident page')} has everything, and any change will try Slack again.`,
  ].join('\n');
