// What keeping the chat side of an incident in step needs. The core names capabilities (a channel,
// a headline, telling the reporter); src/slack implements them for Slack and src/storage remembers
// which of them are done, so every effect happens once however often a job retries.
import type { TimelineEntry } from '../domain/index.ts';
import type { IncidentView } from './ports.ts';

/** The incident's own chat channel. */
export interface ChatChannel {
  readonly id: string;
  readonly name: string;
}

/** A message the bot posted and may edit later. */
export interface ChatMessageRef {
  readonly channelId: string;
  readonly ts: string;
}

/** Where the incident was declared, so the reporter can be answered there. */
export interface ChatOrigin {
  readonly channelId: string | null;
  readonly userId: string | null;
  /** Slack's response_url of the command: answers in place for 30 minutes. */
  readonly responseUrl: string | null;
}

/**
 * One-off steps in chat; each runs once. A resolution is announced once per resolution: the step
 * carries the resolution time, so closing again after a reopen is announced again.
 */
export type ChatStep =
  | 'channel-requested'
  | 'channel-prepared'
  | 'opening-posted'
  | 'reporter-told'
  | `resolved-announced:${string}`;

/** What is already done for an incident in chat. */
export interface ChatSyncState {
  readonly channel: ChatChannel | null;
  readonly headline: ChatMessageRef | null;
  readonly opening: ChatMessageRef | null;
  readonly stepsDone: readonly ChatStep[];
  readonly origin: ChatOrigin | null;
  /** The newest incident event the headline already shows. */
  readonly syncedEventId: number;
  readonly failedAt: Date | null;
}

/** Remembers chat progress per incident. Every save is immediate: Slack ids are kept as soon as Slack returns them. */
export interface ChatStateStore {
  load(incidentId: number): Promise<ChatSyncState>;
  noteOrigin(incidentId: number, origin: ChatOrigin): Promise<void>;
  /**
   * Takes the incident for `holder` for `ms` milliseconds of database time (one clock for every
   * replica); false while someone else holds an unexpired lease.
   */
  tryLease(incidentId: number, holder: string, ms: number): Promise<boolean>;
  releaseLease(incidentId: number, holder: string): Promise<void>;
  saveChannel(incidentId: number, channel: ChatChannel): Promise<void>;
  saveMessage(incidentId: number, purpose: 'headline' | 'opening', ref: ChatMessageRef): Promise<void>;
  markStep(incidentId: number, step: ChatStep): Promise<void>;
  /** Records the newest event shown; never moves backwards. Clears an earlier failure. */
  markSynced(incidentId: number, eventId: number): Promise<void>;
  markFailed(incidentId: number, error: string, at: Date): Promise<void>;
  latestEventId(incidentId: number): Promise<number>;
  /** The incident whose channel this is, if any. */
  incidentForChannel(channelId: string): Promise<number | null>;
  /**
   * In one read: the incident whose channel this is (null if none), and the timeline entry the
   * message already has there, so capturing a message twice costs no transaction.
   */
  messageOnTimeline(channelId: string, ts: string): Promise<{ incidentId: number; entry: TimelineEntry | null } | null>;
  renameChannel(channelId: string, name: string): Promise<boolean>;
  /** Incidents whose chat is behind their events (a lost job after a crash), oldest first. */
  behind(limit: number): Promise<readonly number[]>;
}

/** A chat call that failed; `retryable` is false when trying again cannot help (bad scopes, forbidden). */
export class ChatError extends Error {
  override readonly name = 'ChatError';
  constructor(
    readonly code: string,
    readonly retryable: boolean,
    message: string,
  ) {
    super(message);
  }
}

/** The chat platform, as the core needs it. Every method is safe to call again after a failure. */
export interface ChatNotifier {
  /**
   * Creates the incident's channel. When an earlier attempt may have created it (`retrying`: Slack's
   * answer never reached us), a channel this bot created under the intended name and not linked to
   * another incident (`isFree`) is adopted rather than duplicated.
   */
  createChannel(
    incident: IncidentView,
    options: { retrying: boolean; isFree: (channelId: string) => Promise<boolean> },
  ): Promise<ChatChannel>;
  /** Topic and members: the reporter and the lead. */
  prepareChannel(channel: ChatChannel, incident: IncidentView): Promise<void>;
  postOpening(channel: ChatChannel, incident: IncidentView): Promise<ChatMessageRef>;
  postHeadline(incident: IncidentView): Promise<ChatMessageRef>;
  updateHeadline(ref: ChatMessageRef, incident: IncidentView): Promise<void>;
  /** Thanks the reporter where they declared, pointing at the channel (or the page, for reports). */
  tellReporter(origin: ChatOrigin, incident: IncidentView): Promise<void>;
  /** Says in the incident channel that it is resolved, and asks the lead (else the reporter) for the report. */
  announceResolution(incident: IncidentView): Promise<void>;
  /** Tells a person what could not be done in chat, and that the incident itself is safe. */
  reportFailure(userId: string, incident: IncidentView, what: string): Promise<void>;
}

/** An event taken in and not yet handled, as the inbox hands it out. */
export interface InboxEvent {
  readonly key: string;
  /** The event as the chat platform sent it. */
  readonly payload: unknown;
  /** How many times it has been handed out, this one included. */
  readonly attempts: number;
}

/**
 * Deliveries from the chat platform already taken in, so a redelivered one changes nothing; events
 * are kept with their payload until handled, so they can be acknowledged as soon as they are stored.
 * A claim is a lease: held while being handled, taken over once it runs out (its replica died).
 */
export interface EventReceipts {
  /**
   * True when this delivery should be handled: the first time a key is claimed, or when an earlier
   * claim was never completed and has gone stale (its replica died mid-way). Atomic across replicas.
   */
  claim(eventId: string): Promise<boolean>;
  /** Marks a key handled: every later delivery is dropped. */
  complete(eventId: string): Promise<void>;
  /** Gives a key back when handling failed, so the next delivery is processed. */
  release(eventId: string): Promise<void>;
  /** Stores an event (its JSON text as the platform sent it) and claims it, like `claim`; false when it was taken in already. */
  accept(eventId: string, json: string): Promise<boolean>;
  /**
   * Extends this holder's lease before handling an event that waited its turn: false when the lease
   * ran out meanwhile and another replica took the event over (its attempt count moved on).
   */
  renew(eventId: string, attempts: number): Promise<boolean>;
  /** Handling failed: hand it out again after `delaySeconds`. */
  retryLater(eventId: string, error: string, delaySeconds: number): Promise<void>;
  /** Handling failed for the last time: keep the error, stop trying. */
  giveUp(eventId: string, error: string): Promise<void>;
  /** Claims up to `limit` stored events that are due: their retry time came, or their lease ran out. */
  takeDue(limit: number): Promise<InboxEvent[]>;
  /** Forgets handled deliveries older than `hours` (Slack redelivers within the hour). */
  prune(hours: number): Promise<number>;
}
