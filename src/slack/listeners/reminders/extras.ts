// What the reminder listeners (the Snooze button) need. Owned by the reminders work.

/** Extra dependencies of the reminder listeners. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in as the reminder listeners arrive
export interface ReminderListenerExtras {}
