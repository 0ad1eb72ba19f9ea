// What the event listeners beyond pins need (reactions, shortcut, edits, members, people).
// Owned by the events work; extended as those listeners arrive.
import type { PeopleLookups, PeopleStore } from '../../../usecases/index.ts';
import type { MessageLookup } from '../../message-lookup.ts';

/** Extra dependencies of the event listeners. */
export interface EventListenerExtras {
  /** The reaction that puts a message on the timeline (TIMELINE_EMOJI), an emoji name without colons. */
  readonly timelineEmoji: string;
  /** Base of the incident page links (PUBLIC_URL). */
  readonly publicUrl: string;
  /** Reads the messages that reaction events only point at. */
  readonly messages: MessageLookup;
  /** The Slack user cache. */
  readonly people: PeopleStore;
  /** Queues users.info lookups for people the cache does not know. */
  readonly lookups: PeopleLookups;
}
