// The post-incident report as Markdown (the /report.md download): facts, summary, impact, the
// timeline and the follow-up actions, times in the incident time zone, Slack text converted.
import { durationMs, severityLabel, statusLabel } from '../../../domain/index.ts';
import type { ActionView, IncidentView, TimelineEntryView } from '../../../usecases/ports.ts';
import { mrkdwnToMarkdown, type PeopleNames, safeUrl } from '../../render/mrkdwn.ts';
import { kindLabel, sourceLabel } from './tags.ts';
import { formatDate, formatDateTime, formatDuration } from './time.ts';

/** Markdown-escapes a value shown as plain text (names, titles). */
const plain = (text: string): string => text.replace(/[\\`*_~[\]<>#|]/g, (c) => `\\${c}`);

/** The report. `timeline` should hold the visible entries only. */
export const reportMarkdown = (input: {
  readonly incident: IncidentView;
  readonly timeline: readonly TimelineEntryView[];
  readonly actions: readonly ActionView[];
  readonly names: PeopleNames;
  readonly timeZone: string;
  readonly now: Date;
  readonly url: string;
}): string => {
  const { incident, names, timeZone } = input;
  const when = (date: Date) => formatDateTime(date, timeZone);
  const person = (user: { slackId: string; name: string } | null, none: string) =>
    user ? plain(names.get(user.slackId) ?? user.name) : none;
  const section = (title: string, text: string | null) => [
    `## ${title}`,
    '',
    text ? mrkdwnToMarkdown(text, names) : `_No ${title.toLowerCase()} recorded._`,
    '',
  ];
  const lines = [
    `# Incident ${incident.id}: ${plain(incident.title)}`,
    '',
    `Post-incident report. Times are in ${plain(timeZone)}. Source: <${input.url}>`,
    '',
    `- **Status:** ${statusLabel(incident.status)}`,
    `- **Severity:** ${incident.severity ? severityLabel(incident.severity) : 'Not set'}`,
    `- **Kind:** ${kindLabel(incident.kind)}`,
    `- **Reporter:** ${person(incident.reporter, 'Unknown')}`,
    `- **Lead:** ${person(incident.lead, 'No lead')}`,
    `- **Reported:** ${when(incident.reportedAt)}`,
    `- **Started:** ${when(incident.startedAt)}`,
    `- **Resolved:** ${incident.resolvedAt ? when(incident.resolvedAt) : 'Not resolved'}`,
    `- **Duration:** ${formatDuration(durationMs(incident, input.now))}${incident.resolvedAt ? '' : ' so far'}`,
    ...(incident.channel ? [`- **Slack channel:** #${plain(incident.channel.name)}`] : []),
    '',
    ...section('Summary', incident.summary),
    ...section('Impact', incident.impact),
    '## Timeline',
    '',
    ...(input.timeline.length === 0
      ? ['_Nothing on the timeline._']
      : input.timeline.map((entry) => {
          const author = entry.author ? person(entry.author, '') : 'Incident Bot';
          const text = mrkdwnToMarkdown(entry.text, names, '  ');
          const permalink = entry.slack?.permalink ? safeUrl(entry.slack.permalink) : null;
          const link = permalink ? ` ([in Slack](<${permalink}>))` : '';
          return `- **${when(entry.occurredAt)}**, ${author} (${sourceLabel(entry.source)}): ${text}${link}`;
        })),
    '',
    '## Follow-up actions',
    '',
    ...(input.actions.length === 0
      ? ['_No follow-up actions._']
      : input.actions.map((action) => {
          const due = action.dueAt ? `, due ${formatDate(action.dueAt, timeZone)}` : '';
          const owner = action.owner ? person(action.owner, '') : 'nobody yet';
          return `- [${action.done ? 'x' : ' '}] ${mrkdwnToMarkdown(action.text, names, '  ')} (owner: ${owner}${due})`;
        })),
    '',
  ];
  return lines.join('\n');
};
