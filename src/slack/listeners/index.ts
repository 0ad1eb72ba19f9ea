// Every Slack listener, registered in one place so the list reads as what the bot answers to.
import type { App } from '@slack/bolt';
import { registerHeadlineButtons } from './actions/headline-buttons.ts';
import { dropRepeatedClicks } from './click-receipts.ts';
import { registerIncidentCommand } from './commands/incident.ts';
import { registerMentionCommands } from './commands/mention.ts';
import type { ListenerDeps } from './deps.ts';
import { registerEventListeners } from './events/index.ts';
import { registerReminderListeners } from './reminders/index.ts';
import { registerChangeField } from './views/change-field.ts';
import { registerEditIncident } from './views/edit-incident.ts';
import { registerReportIncident } from './views/report-incident.ts';
import { registerStatusUpdate } from './views/status-update.ts';

export type { ListenerDeps } from './deps.ts';

/** Registers every listener on the Bolt app. */
export const registerListeners = (app: App, deps: ListenerDeps): void => {
  app.use(dropRepeatedClicks(deps));
  registerIncidentCommand(app, deps);
  registerMentionCommands(app, deps);
  registerReportIncident(app, deps);
  registerStatusUpdate(app, deps);
  registerEditIncident(app, deps);
  registerChangeField(app, deps);
  registerHeadlineButtons(app, deps);
  registerEventListeners(app, deps);
  registerReminderListeners(app, deps);
};
