import { type DueReminder, dueReminders } from '../domain/reminders.ts';
import type { ReminderDeps } from './reminder-ports.ts';

// More open incidents than any organisation runs at once; any beyond wait for the next tick.
const BATCH = 500;

/** What one pass did: the reminders posted, and those chat refused (not counted; tried again next pass). */
export interface ReminderPass {
  readonly sent: readonly DueReminder[];
  readonly failed: readonly { readonly reminder: DueReminder; readonly error: unknown }[];
}

/**
 * Posts every reminder that is due now. Each is claimed first (one row per incident, kind and
 * sequence number), so replicas running this at the same moment post it once; a reminder chat
 * refuses gives its claim back, so it is neither counted nor lost. The incident is read again
 * just before claiming, so a lead set a moment ago stops the reminder about having no lead.
 */
export const sendDueReminders = async (deps: ReminderDeps): Promise<ReminderPass> => {
  const { reminders, notifier, clock, settings } = deps;
  const sent: DueReminder[] = [];
  const failed: { reminder: DueReminder; error: unknown }[] = [];
  for (const candidate of await reminders.candidates(BATCH)) {
    if (dueReminders(candidate.facts, clock.now(), settings).length === 0) continue;
    const fresh = await reminders.subject(candidate.facts.incidentId);
    const channelId = fresh?.channelId;
    if (!fresh || !channelId) continue;
    const now = clock.now();
    for (const reminder of dueReminders(fresh.facts, now, settings)) {
      const { incidentId, kind, seq } = reminder;
      if (!(await reminders.claim(incidentId, kind, seq, now))) continue;
      try {
        await notifier.postReminder(channelId, reminder);
        sent.push(reminder);
      } catch (error) {
        await reminders.release(incidentId, kind, seq);
        failed.push({ reminder, error });
      }
    }
  }
  return { sent, failed };
};
