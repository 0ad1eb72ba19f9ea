// Event listeners: what happens in Slack channels becomes the incident's record.
import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.ts';
import { registerChannelRename } from './channel-rename.ts';
import { registerPinEvents } from './pins.ts';

/** Registers every event listener. */
export const registerEventListeners = (app: App, deps: ListenerDeps): void => {
  registerPinEvents(app, deps);
  registerChannelRename(app, deps);
};
