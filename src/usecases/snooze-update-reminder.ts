import { type Actor, DomainError } from '../domain/index.ts';
import { SNOOZE_MS } from '../domain/reminders.ts';
import type { ChatMessageRef } from './chat-ports.ts';
import { actorUserId } from './internal.ts';
import type { ReminderDeps } from './reminder-ports.ts';

/** What a snooze did: the next update's new due time, and whether the reminder message says so. */
export interface SnoozeResult {
  readonly until: Date;
  readonly messageEdited: boolean;
}

/**
 * "Snooze 30 min" on an update reminder: the next update is due 30 minutes from now (the reminder
 * count starts afresh), and the reminder message, when given, is edited to say who snoozed it
 * until when. The snooze holds even if chat refuses the edit.
 */
export const snoozeUpdateReminder = async (
  deps: Pick<ReminderDeps, 'reminders' | 'notifier' | 'clock'>,
  input: { readonly incidentId: number; readonly actor: Actor; readonly message: ChatMessageRef | null },
): Promise<SnoozeResult> => {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + SNOOZE_MS);
  if (!(await deps.reminders.setUpdateDue(input.incidentId, until, now))) {
    throw new DomainError('incident_not_found', `There is no incident ${input.incidentId}.`, 'id');
  }
  if (!input.message) return { until, messageEdited: false };
  try {
    await deps.notifier.markSnoozed(input.message, { userId: actorUserId(input.actor), until });
    return { until, messageEdited: true };
  } catch {
    return { until, messageEdited: false };
  }
};
