// What the reminder listeners (the Snooze button) need. Owned by the reminders work.
import type { ReminderNotifier, ReminderStore } from '../../../usecases/index.ts';

/** Extra dependencies of the reminder listeners. */
export interface ReminderListenerExtras {
  /**
   * Reminder state. Besides Snooze, the status update form uses it to say when the next update is
   * due: `scheduleNextUpdate({ reminders: deps.reminders.store, clock: deps.write.clock }, …)`.
   */
  readonly store: ReminderStore;
  /** Edits a snoozed reminder in place. */
  readonly notifier: ReminderNotifier;
}
