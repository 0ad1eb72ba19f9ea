// Listeners for reminders (the Snooze button on an update reminder).
import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.ts';

/** Registers the reminder listeners. */
export const registerReminderListeners = (_app: App, _deps: ListenerDeps): void => {};
