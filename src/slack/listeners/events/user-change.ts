// Someone changed their Slack profile (name, email, time zone) or was deactivated: keep the cache in
// step, so pages show the name people know them by now. The event carries the whole user object.
import type { App } from '@slack/bolt';
import { updatePerson } from '../../../usecases/index.ts';
import { toPersonProfile } from '../../people-directory.ts';
import type { ListenerDeps } from '../deps.ts';

/** Registers user_change. */
export const registerUserChange = (app: App, deps: ListenerDeps): void => {
  app.event('user_change', async ({ event }) => {
    const person = toPersonProfile((event as { user?: unknown }).user);
    if (person) await updatePerson(deps.events, person);
  });
};
