// Finding a timeline entry by our id or by the Slack message it was captured from.
import { DomainError, type TimelineEntry } from '../domain/index.ts';
import type { UnitOfWork } from './ports.ts';

/** Which entry: by id (web, API) or by its Slack message (pins, reactions, edits in Slack). */
export type EntryTarget =
  | { readonly entryId: number }
  | { readonly slack: { readonly channelId: string; readonly ts: string } };

/** Locks the targeted entry, or says it does not exist. */
export const lockEntry = async (uow: UnitOfWork, incidentId: number, target: EntryTarget): Promise<TimelineEntry> => {
  const entry =
    'entryId' in target
      ? await uow.timeline.lock(incidentId, target.entryId)
      : await uow.timeline.lockBySlackMessage(incidentId, target.slack.channelId, target.slack.ts);
  if (!entry) {
    const which = 'entryId' in target ? `entry ${target.entryId}` : 'an entry for that Slack message';
    throw new DomainError('timeline_entry_not_found', `Incident ${incidentId} has no timeline ${which}.`, 'entryId');
  }
  return entry;
};
