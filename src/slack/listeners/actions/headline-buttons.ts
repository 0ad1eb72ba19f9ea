// The headline's buttons. "Join channel" is a link button: Slack opens the channel itself and
// still sends us the click, which must be acknowledged or the person sees a warning.
// Edit and Close arrive with the commands and updates that go with them.
import type { App } from '@slack/bolt';
import { HEADLINE_ACTIONS } from '../../ids.ts';
import type { ListenerDeps } from '../deps.ts';

/** Registers the headline buttons. */
export const registerHeadlineButtons = (app: App, _deps: ListenerDeps): void => {
  app.action(HEADLINE_ACTIONS.join, async ({ ack }) => {
    await ack();
  });
};
