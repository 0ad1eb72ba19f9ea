// An incident with its timeline and actions, as the incident page and the printable report show it.
import { durationMs, isOpen, type User } from '../../../domain/index.ts';
import type { ActionView, IncidentView, TimelineEntryView, TimelineSummary } from '../../../usecases/ports.ts';
import { channelUrl, mentionedUserIds, mrkdwnToHtml, type PeopleNames, safeUrl } from '../../render/mrkdwn.ts';
import { type SafeHtml, safeHtml } from '../../render/templates.ts';
import { incidentRow, type ShownTime, shownTime } from './incident-row.ts';
import { kindLabel, severityTag, sourceTag, statusTag, type Tag } from './tags.ts';
import { formatDate, formatDateTime, formatDuration } from './time.ts';

/** A timeline entry on the page. */
export interface TimelineItem {
  readonly id: number;
  readonly when: ShownTime;
  readonly author: string;
  readonly source: Tag;
  readonly html: SafeHtml;
  readonly permalink: string | null;
  readonly hidden: boolean;
  /** Only typed notes can be rewritten here (Slack messages are edited in Slack, change records never). */
  readonly editable: boolean;
  /** A record of a field change (drawn quieter than what people wrote). */
  readonly change: boolean;
  /** Captured from a Slack message (pin, reaction, shortcut): edited in Slack, not here. */
  readonly captured: boolean;
  readonly href: string;
}

/** A follow-up action on the page. */
export interface ActionItem {
  readonly id: number;
  readonly html: SafeHtml;
  readonly owner: string;
  readonly due: string;
  readonly done: boolean;
  readonly status: Tag;
  readonly href: string;
}

/** Everything the incident page shows. */
export interface IncidentPage {
  readonly id: number;
  readonly href: string;
  readonly title: string;
  readonly status: Tag;
  readonly severity: Tag;
  readonly kind: string;
  readonly open: boolean;
  readonly summary: SafeHtml | null;
  readonly impact: SafeHtml | null;
  readonly reporter: string;
  readonly lead: string;
  readonly participants: readonly string[];
  readonly reported: ShownTime;
  readonly started: ShownTime;
  readonly resolved: ShownTime | null;
  readonly duration: string;
  readonly channel: { readonly name: string; readonly url: string } | null;
  readonly actions: readonly ActionItem[];
  readonly timeline: readonly TimelineItem[];
  readonly hiddenCount: number;
}

/** Every Slack user id whose name the page needs: people on the incident and mentions in its text. */
export const peopleToName = (
  incident: IncidentView,
  timeline: readonly TimelineEntryView[],
  actions: readonly ActionView[],
): Set<string> => {
  const ids = new Set<string>();
  for (const text of [
    incident.summary,
    incident.impact,
    ...timeline.map((e) => e.text),
    ...actions.map((a) => a.text),
  ]) {
    if (text) for (const id of mentionedUserIds(text)) ids.add(id);
  }
  return ids;
};

/** Names the views already carry (reporter, lead, authors, owners, participants) plus those looked up. */
export const allNames = (
  incident: IncidentView,
  timeline: readonly TimelineEntryView[],
  actions: readonly ActionView[],
  looked: ReadonlyMap<string, string>,
  participants: readonly User[] = [],
): PeopleNames => {
  const names = new Map<string, string>();
  for (const user of [
    incident.reporter,
    incident.lead,
    ...timeline.map((e) => e.author),
    ...actions.map((a) => a.owner),
    ...participants,
  ]) {
    // A name equal to the id means the cache does not know them yet: keep looking.
    if (user && user.name !== user.slackId) names.set(user.slackId, user.name);
  }
  for (const [id, name] of looked) names.set(id, name);
  return names;
};

const optionalHtml = (text: string | null, names: PeopleNames): SafeHtml | null =>
  text ? safeHtml(mrkdwnToHtml(text, names)) : null;

/** The summary of a timeline read whole (the report), as the page's aggregate query gives it. */
export const summaryOf = (timeline: readonly TimelineEntryView[]): TimelineSummary => {
  const participants = new Map<string, User>();
  for (const entry of timeline) if (entry.author) participants.set(entry.author.slackId, entry.author);
  return {
    total: timeline.length,
    hidden: timeline.filter((entry) => entry.hidden).length,
    participants: [...participants.values()],
  };
};

/** One timeline entry as the incident page, its entry page and the report show it. */
export const timelineItem = (
  entry: TimelineEntryView,
  names: PeopleNames,
  timeZone: string,
  incidentHref: string,
): TimelineItem => ({
  id: entry.id,
  when: { text: formatDateTime(entry.occurredAt, timeZone), iso: entry.occurredAt.toISOString() },
  author: entry.author ? (names.get(entry.author.slackId) ?? entry.author.name) : 'Incident Bot',
  source: sourceTag(entry.source),
  html: safeHtml(mrkdwnToHtml(entry.text, names)),
  // Slack gives permalinks, but only ever link to http(s), whatever was stored.
  permalink: entry.slack?.permalink ? safeUrl(entry.slack.permalink) : null,
  hidden: entry.hidden,
  editable: entry.source === 'manual',
  change: entry.source === 'change',
  captured: entry.source === 'pin' || entry.source === 'reaction' || entry.source === 'shortcut',
  href: `${incidentHref}/timeline/${entry.id}`,
});

/**
 * Presents an incident page. `timeline` holds the entries to list (a window of the timeline on the
 * incident page, all visible ones on the report); `summary` covers the whole timeline.
 */
export const incidentPage = (input: {
  readonly incident: IncidentView;
  readonly timeline: readonly TimelineEntryView[];
  readonly summary: TimelineSummary;
  readonly actions: readonly ActionView[];
  readonly names: PeopleNames;
  readonly timeZone: string;
  readonly now: Date;
}): IncidentPage => {
  const { incident, names, timeZone } = input;
  const row = incidentRow(incident, timeZone, input.now);
  const participants = input.summary.participants.map((user) => names.get(user.slackId) ?? user.name);
  return {
    id: incident.id,
    href: row.href,
    title: incident.title,
    status: statusTag(incident.status),
    severity: severityTag(incident.severity),
    kind: kindLabel(incident.kind),
    open: isOpen(incident.status),
    summary: optionalHtml(incident.summary, names),
    impact: optionalHtml(incident.impact, names),
    reporter: incident.reporter?.name ?? 'Unknown',
    lead: incident.lead?.name ?? 'No lead',
    participants: participants.sort((a, b) => a.localeCompare(b)),
    reported: shownTime(incident.reportedAt, timeZone),
    started: shownTime(incident.startedAt, timeZone),
    resolved: incident.resolvedAt ? shownTime(incident.resolvedAt, timeZone) : null,
    duration: formatDuration(durationMs(incident, input.now)) + (incident.resolvedAt ? '' : ' so far'),
    channel: incident.channel ? { name: incident.channel.name, url: channelUrl(incident.channel.id) } : null,
    actions: input.actions.map((action) => ({
      id: action.id,
      html: safeHtml(mrkdwnToHtml(action.text, names)),
      owner: action.owner?.name ?? 'Nobody yet',
      due: action.dueAt ? formatDate(action.dueAt, timeZone) : 'No date',
      done: action.done,
      status: action.done
        ? { text: 'Done', classes: 'govuk-tag--green' }
        : { text: 'To do', classes: 'govuk-tag--grey' },
      href: `${row.href}/actions/${action.id}`,
    })),
    timeline: input.timeline.map((entry) => timelineItem(entry, names, timeZone, row.href)),
    hiddenCount: input.summary.hidden,
  };
};
