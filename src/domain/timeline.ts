import type { Actor } from './actor.ts';
import { DomainError } from './errors.ts';
import { TEXT_MAX } from './text-rules.ts';

/** Where an entry came from: captured in Slack, typed on the web or API, a status update, or a field change. */
export const TIMELINE_SOURCES = ['pin', 'reaction', 'shortcut', 'manual', 'update', 'change'] as const;
export type TimelineSource = (typeof TIMELINE_SOURCES)[number];

/** A file attached to a captured message, by reference: the file stays in Slack. */
export interface SlackFileRef {
  readonly id: string;
  readonly name: string | null;
  readonly permalink: string | null;
}

/** The Slack message an entry was captured from (a reference, not a copy of Slack state). */
export interface SlackMessageRef {
  readonly channelId: string;
  readonly ts: string;
  readonly permalink: string | null;
  readonly files?: readonly SlackFileRef[];
}

/** One moment in the incident's story. */
export interface TimelineEntry {
  readonly id: number;
  readonly incidentId: number;
  readonly source: TimelineSource;
  /** As written (Slack text is stored raw and escaped where shown). */
  readonly text: string;
  readonly occurredAt: Date;
  readonly authorId: string | null;
  readonly hidden: boolean;
  readonly slack: SlackMessageRef | null;
}

/** An entry not yet stored. */
export type NewTimelineEntry = Omit<TimelineEntry, 'id' | 'hidden'> & { readonly hidden?: boolean };

/** Sources whose text mirrors a Slack message, so only the Slack sync may rewrite it. */
const CAPTURED: readonly TimelineSource[] = ['pin', 'reaction', 'shortcut'];

/** A trimmed, required entry text within TEXT_MAX. */
export const checkTimelineText = (input: string): string => {
  const text = input.trim();
  if (text === '') throw new DomainError('timeline_text_required', 'Write what happened.', 'text');
  if (text.length > TEXT_MAX) {
    throw new DomainError('text_too_long', `Keep the entry to ${TEXT_MAX} characters (it has ${text.length}).`, 'text');
  }
  return text;
};

/**
 * Who may rewrite an entry's text. Manual entries: anyone. Captured Slack messages: only the bot,
 * following an edit in Slack, so the timeline never contradicts the channel. Updates and change
 * records: nobody, they are the record of what was said and done. Any entry may be hidden.
 */
export const assertCanEditText = (entry: TimelineEntry, actor: Actor): void => {
  if (entry.source === 'manual') return;
  if (CAPTURED.includes(entry.source) && actor.kind === 'system') return;
  const why = CAPTURED.includes(entry.source)
    ? 'it mirrors a Slack message: edit the message in Slack instead'
    : 'it is the record of what happened: hide it and add a new entry instead';
  throw new DomainError('timeline_entry_not_editable', `This ${entry.source} entry cannot be edited: ${why}.`, 'text');
};
