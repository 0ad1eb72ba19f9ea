// Which reminder an incident is owed, and when. Pure: the job hands in the facts and "now", so the
// same rules decide on every replica and in every test. A reminder is counted when it is sent,
// never when it is merely considered: one skipped outside working hours, or whose condition
// cleared, still has all of its repeats ahead of it (Response used one up either way).
import type { Kind } from './kind.ts';
import type { Severity } from './severity.ts';
import type { Status } from './status.ts';

/** The reminders the bot posts in an incident channel. */
export const REMINDER_KINDS = ['no-lead', 'no-severity', 'update', 'close'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Type guard for stored values. */
export const isReminderKind = (value: unknown): value is ReminderKind => REMINDER_KINDS.includes(value as ReminderKind);

/** At most this many reminders of a kind; for updates, this many since the last update (or snooze). */
export const REMINDER_REPEATS = 5;

/** How far "Snooze" pushes the next update reminder. */
export const SNOOZE_MS = 30 * 60_000;

/** When reminders fall due; from the REMIND_* settings and INCIDENT_TIMEZONE. */
export interface ReminderSettings {
  readonly noLeadAfterMs: number;
  readonly noSeverityAfterMs: number;
  readonly updateEveryMs: number;
  readonly closeAfterMs: number;
  /** The IANA time zone whose working hours the close reminder keeps to. */
  readonly timeZone: string;
}

/** One reminder that went out: the `seq`-th of its kind for the incident. */
export interface SentReminder {
  readonly kind: ReminderKind;
  readonly seq: number;
  readonly sentAt: Date;
}

/** Everything the rules need to know about one incident. */
export interface ReminderFacts {
  readonly incidentId: number;
  readonly kind: Kind;
  readonly status: Status;
  readonly severity: Severity | null;
  readonly leadId: string | null;
  readonly reporterId: string | null;
  readonly reportedAt: Date;
  /** Whether the incident has its own chat channel (reminders are posted there). */
  readonly hasChannel: boolean;
  /** When the newest status update was posted (its timeline entry), if any. */
  readonly lastUpdateAt: Date | null;
  /** When the next update was said to be due ("next update in N minutes", or a snooze), and when that was said. */
  readonly updateDue: { readonly at: Date; readonly setAt: Date } | null;
  /** Every reminder sent for the incident, any kind, any order. */
  readonly sent: readonly SentReminder[];
}

/** A reminder to send now: the `seq`-th of its kind, to `addresseeId` when it names someone. */
export interface DueReminder {
  readonly incidentId: number;
  readonly kind: ReminderKind;
  readonly seq: number;
  readonly addresseeId: string | null;
}

const later = (a: Date, b: Date): Date => (a.getTime() >= b.getTime() ? a : b);
const plus = (at: Date, ms: number): Date => new Date(at.getTime() + ms);

/** Whether the incident gets reminders at all: live, still open, and with a channel to post in. */
export const remindsAtAll = (facts: ReminderFacts): boolean =>
  facts.kind === 'live' && facts.status !== 'resolved' && facts.hasChannel;

/** Whether the reason for a reminder still holds (no lead, no severity…); updates and closing always do. */
export const reminderWanted = (facts: ReminderFacts, kind: ReminderKind): boolean => {
  if (!remindsAtAll(facts)) return false;
  if (kind === 'no-lead') return facts.leadId === null;
  if (kind === 'no-severity') return facts.severity === null;
  return true;
};

// A due time set this long before the newest update still belongs to it (whoever posts an update
// may store its "next update in" a moment before its timeline entry); one set earlier is stale.
const SAME_UPDATE_MS = 60_000;

/**
 * The update cycle now running: it starts at the last update (or the declaration), or later when
 * someone has since said when the next update is due; its first reminder is at that due time, else
 * `updateEveryMs` after the start. A due time set before the newest update is stale and ignored
 * (an update posted some other way than the update form still resets the clock).
 */
export const updateCycle = (facts: ReminderFacts, settings: ReminderSettings): { start: Date; firstAt: Date } => {
  const lastUpdate = facts.lastUpdateAt ?? facts.reportedAt;
  const due = facts.updateDue;
  if (due && (facts.lastUpdateAt === null || due.setAt.getTime() >= facts.lastUpdateAt.getTime() - SAME_UPDATE_MS)) {
    return { start: later(due.setAt, lastUpdate), firstAt: due.at };
  }
  return { start: lastUpdate, firstAt: plus(lastUpdate, settings.updateEveryMs) };
};

const intervalOf = (kind: ReminderKind, settings: ReminderSettings): number =>
  ({
    'no-lead': settings.noLeadAfterMs,
    'no-severity': settings.noSeverityAfterMs,
    update: settings.updateEveryMs,
    close: settings.closeAfterMs,
  })[kind];

/** The sent reminders of one kind that count towards its limit, oldest first. */
const counted = (facts: ReminderFacts, kind: ReminderKind, settings: ReminderSettings): SentReminder[] => {
  const ofKind = facts.sent.filter((s) => s.kind === kind);
  // Update reminders count afresh after every update or snooze; the others count for the incident's life.
  const since = kind === 'update' ? updateCycle(facts, settings).start.getTime() : Number.NEGATIVE_INFINITY;
  return ofKind.filter((s) => s.sentAt.getTime() > since).sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
};

/**
 * When the next reminder of `kind` falls due (it may be in the past: overdue), or null when none
 * will: the condition cleared, or all its repeats are spent. Working hours are not applied here.
 */
export const nextReminderAt = (facts: ReminderFacts, kind: ReminderKind, settings: ReminderSettings): Date | null => {
  if (!reminderWanted(facts, kind)) return null;
  const sent = counted(facts, kind, settings);
  if (sent.length >= REMINDER_REPEATS) return null;
  const every = intervalOf(kind, settings);
  const last = sent.at(-1);
  if (last) return plus(last.sentAt, every);
  return kind === 'update' ? updateCycle(facts, settings).firstAt : plus(facts.reportedAt, every);
};

/** The number the next reminder of `kind` is stored under (one more than any before it). */
export const nextReminderSeq = (facts: ReminderFacts, kind: ReminderKind): number =>
  facts.sent.reduce((max, s) => (s.kind === kind && s.seq > max ? s.seq : max), 0) + 1;

/** Who a reminder speaks to: the close reminder asks the lead, or the reporter when nobody leads. */
export const reminderAddressee = (facts: ReminderFacts, kind: ReminderKind): string | null =>
  kind === 'close' ? (facts.leadId ?? facts.reporterId) : null;

/** Every reminder the incident is owed at `now`. Asking whether it may be closed waits for working hours. */
export const dueReminders = (facts: ReminderFacts, now: Date, settings: ReminderSettings): DueReminder[] =>
  REMINDER_KINDS.flatMap((kind) => {
    const at = nextReminderAt(facts, kind, settings);
    if (!at || at.getTime() > now.getTime()) return [];
    if (kind === 'close' && !isWorkingTime(now, settings.timeZone)) return [];
    const seq = nextReminderSeq(facts, kind);
    return [{ incidentId: facts.incidentId, kind, seq, addresseeId: reminderAddressee(facts, kind) }];
  });

// Monday to Friday, 09:00 up to (not including) 17:30, on the wall clock of the zone.
const DAY_STARTS = 9 * 60;
const DAY_ENDS = 17 * 60 + 30;
const WORKDAYS = new Set(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']);

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // h23, not hour12: false, which some ICU versions render as "24" at midnight.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

/**
 * Whether `at` falls in working hours (Mon–Fri 09:00–17:30) in `timeZone`. Intl applies the zone's
 * rules for that very instant, so daylight saving changes are handled as the clocks on the wall are.
 */
export const isWorkingTime = (at: Date, timeZone: string): boolean => {
  const parts = formatterFor(timeZone).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  if (!WORKDAYS.has(part('weekday'))) return false;
  const minutes = Number(part('hour')) * 60 + Number(part('minute'));
  return minutes >= DAY_STARTS && minutes < DAY_ENDS;
};
