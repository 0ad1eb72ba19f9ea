// What sending reminders needs: the facts about open incidents and a claim per reminder (storage),
// and a way to post them (chat). A claim is a row keyed by (incident, kind, seq): whoever inserts
// it sends that reminder, so several replicas looking at the same moment post it once.
import type { ReminderFacts, ReminderKind, ReminderSettings } from '../domain/reminders.ts';
import type { ChatMessageRef } from './chat-ports.ts';
import type { Clock } from './ports.ts';

/** Where the next status update's due time is kept. */
export interface UpdateSchedule {
  /** Sets (or, with null, clears) when the next update is due, decided at `at`; false if there is no such incident. */
  setUpdateDue(incidentId: number, dueAt: Date | null, at: Date): Promise<boolean>;
}

/** An incident as reminders see it, and the chat channel they are posted in. */
export interface ReminderSubject {
  readonly facts: ReminderFacts;
  readonly channelId: string | null;
}

/** Reminder state on the database. */
export interface ReminderStore extends UpdateSchedule {
  /** Every incident that may be owed a reminder (live, open, with a channel), oldest first. */
  candidates(limit: number): Promise<readonly ReminderSubject[]>;
  /** One incident as it is now, or null when it does not exist. */
  subject(incidentId: number): Promise<ReminderSubject | null>;
  /** Claims the `seq`-th reminder of `kind`; true for exactly one caller, however many try at once. */
  claim(incidentId: number, kind: ReminderKind, seq: number, at: Date): Promise<boolean>;
  /** Gives a claim back (the reminder could not be sent), so it is neither counted nor lost. */
  release(incidentId: number, kind: ReminderKind, seq: number): Promise<void>;
}

/** A reminder to post in the incident's channel. */
export interface ReminderMessage {
  readonly incidentId: number;
  readonly kind: ReminderKind;
  /** Which of its kind this is (1 for the first). */
  readonly seq: number;
  /** The person it speaks to (the close reminder's lead or reporter), if any. */
  readonly addresseeId: string | null;
}

/** The chat side of reminders. */
export interface ReminderNotifier {
  /** Posts the reminder in the incident's channel. Throws a ChatError when chat refuses. */
  postReminder(channelId: string, reminder: ReminderMessage): Promise<ChatMessageRef>;
  /** Replaces an update reminder with a note of who snoozed it and until when. */
  markSnoozed(ref: ChatMessageRef, snooze: { readonly userId: string | null; readonly until: Date }): Promise<void>;
}

/** What the reminder use cases are given. */
export interface ReminderDeps {
  readonly reminders: ReminderStore;
  readonly notifier: ReminderNotifier;
  readonly clock: Clock;
  readonly settings: ReminderSettings;
}
