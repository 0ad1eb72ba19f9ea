// Domain → Monzo Response's REST shapes (/core/…). Field names, order and value formats follow its
// serializers; what we store differently is mapped as closely as it goes (see the notes by each).
import type { Action, Severity, TimelineSource } from '../../domain/index.ts';
import type { IncidentView, PersonProfile, TimelineEntryView } from '../../usecases/index.ts';
import type { LegacyAction, LegacyIncident, LegacyTimelineEvent, LegacyUser } from './legacy-schemas.ts';

/** Profiles by Slack user id, for the user objects and for rendering mentions. */
export type People = ReadonlyMap<string, PersonProfile>;

/** Response stored severities as the digits people typed: 1 critical … 4 trivial. */
const SEVERITY_IDS: Record<Severity, '1' | '2' | '3' | '4'> = { critical: '1', major: '2', minor: '3', trivial: '4' };

/**
 * Django REST Framework's datetime format: `isoformat()`, microseconds only when there are some,
 * `+00:00` written as `Z`. Response sent naive server-local times; ours are UTC and say so.
 */
export const drfTime = (date: Date): string => {
  const iso = date.toISOString();
  const ms = date.getUTCMilliseconds();
  return ms === 0 ? iso.replace(/\.\d{3}Z$/, 'Z') : iso.replace(/\.(\d{3})Z$/, '.$1000Z');
};

const drfTimeOrNull = (date: Date | null): string | null => (date ? drfTime(date) : null);

/** Response's ExternalUser; a person the cache does not know yet is named by their id. */
export const legacyUser = (id: string | null, people: People): LegacyUser | null => {
  if (id === null) return null;
  const person = people.get(id);
  return {
    app_id: 'slack',
    external_id: id,
    display_name: person?.name ?? id,
    full_name: person?.realName || person?.name || id,
    email: person?.email ?? null,
    deleted: person?.deleted ?? false,
  };
};

const USER_MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;
const CHANNEL_MENTION = /<#C[A-Z0-9]+\|([^>]+)>/g;

/** The Slack user ids mentioned in a text, for looking up their names. */
export const mentionedUsers = (text: string): string[] => [...text.matchAll(USER_MENTION)].map((m) => m[1] ?? '');

/**
 * Response's `*_ui` fields: user mentions as @name, channel mentions as #name. (Response also turned
 * :emoji: codes into characters; those stay as written here.)
 */
export const readableText = (text: string, people: People): string =>
  text
    .replace(USER_MENTION, (_all, id: string) => `@${people.get(id)?.name ?? id}`)
    .replace(CHANNEL_MENTION, (_all, name: string) => `#${name}`);

/** An action as Response's ActionSerializer wrote it; priority, type and done date were never kept here. */
export const legacyAction = (action: Action, people: People): LegacyAction => ({
  id: action.id,
  details: action.text,
  done: action.done,
  user: legacyUser(action.ownerId, people),
  details_ui: readableText(action.text, people),
  created_date: drfTime(action.createdAt),
  done_date: null,
  due_date: drfTimeOrNull(action.dueAt),
  priority: null,
  type: null,
});

/** An incident as Response's IncidentSerializer wrote it (same field order). */
export const legacyIncident = (incident: IncidentView, actions: readonly Action[], people: People): LegacyIncident => ({
  action_items: actions.map((action) => legacyAction(action, people)),
  comms_channel: incident.channel ? { channel_id: incident.channel.id, channel_name: incident.channel.name } : null,
  end_time: drfTimeOrNull(incident.resolvedAt),
  impact: incident.impact,
  is_closed: incident.resolvedAt !== null,
  lead: legacyUser(incident.leadId, people),
  id: incident.id,
  report: incident.title,
  report_time: drfTime(incident.reportedAt),
  report_only: incident.kind === 'report',
  reporter: legacyUser(incident.reporterId, people),
  severity: incident.severity ? SEVERITY_IDS[incident.severity] : null,
  start_time: drfTime(incident.startedAt),
  summary: incident.summary,
});

/**
 * Our sources as Response's event types: typed entries were `text`, pinned messages `slack_pin`,
 * field changes `incident_update`; reactions, the shortcut and status updates are ours alone.
 */
const EVENT_TYPES: Record<TimelineSource, LegacyTimelineEvent['event_type']> = {
  manual: 'text',
  pin: 'slack_pin',
  reaction: 'slack_reaction',
  shortcut: 'slack_shortcut',
  update: 'status_update',
  change: 'incident_update',
};

/**
 * A timeline entry as Response's TimelineEventSerializer wrote it. `metadata` is null for typed
 * entries (as in Response) and otherwise names the author and the Slack message, when there is one.
 * Change entries keep their sentence in `text`; Response's update_type/old/new values are not stored.
 */
export const legacyTimelineEvent = (entry: TimelineEntryView, people: People): LegacyTimelineEvent => ({
  id: entry.id,
  timestamp: drfTime(entry.occurredAt),
  text: entry.text,
  event_type: EVENT_TYPES[entry.source],
  metadata:
    entry.source === 'manual'
      ? null
      : {
          author: legacyUser(entry.authorId, people),
          message_ts: entry.slack?.ts ?? null,
          channel_id: entry.slack?.channelId ?? null,
        },
  text_ui: readableText(entry.text, people),
});
