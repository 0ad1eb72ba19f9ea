// Event listeners: what happens in Slack channels becomes the incident's record.
import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.ts';
import { registerAddToTimeline } from '../shortcuts/add-to-timeline.ts';
import { registerChannelRename } from './channel-rename.ts';
import { registerMemberJoined } from './member-joined.ts';
import { registerMessageChanges } from './message-changes.ts';
import { registerPeopleSeen } from './people-seen.ts';
import { registerPinEvents } from './pins.ts';
import { registerReactionEvents } from './reactions.ts';
import { registerUserChange } from './user-change.ts';

/** Registers every event listener, the "Add to timeline" shortcut, and the noticing of people. */
export const registerEventListeners = (app: App, deps: ListenerDeps): void => {
  registerPeopleSeen(app, deps);
  registerPinEvents(app, deps);
  registerChannelRename(app, deps);
  registerReactionEvents(app, deps);
  registerMessageChanges(app, deps);
  registerMemberJoined(app, deps);
  registerUserChange(app, deps);
  registerAddToTimeline(app, deps);
};
