// Listeners for reminders (the Snooze button on an update reminder).
import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.ts';
import { registerSnooze } from './snooze.ts';

/** Registers the reminder listeners. */
export const registerReminderListeners = (app: App, deps: ListenerDeps): void => {
  registerSnooze(app, deps);
};
