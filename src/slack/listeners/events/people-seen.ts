// Every person the bot sees in a request (a reporter, a lead picked in the modal, someone reacting,
// pinning or joining) gets a name on the pages: unknown ids are queued for a users.info lookup.
// Queued after the listener has done its work (a trigger_id expires in 3 s, §2.2) but before Slack
// gets its answer, so the queue is as durable as the event itself; users.info itself runs in a job.
import type { App } from '@slack/bolt';
import { noticePeople } from '../../../usecases/index.ts';
import { peopleInPayload } from '../../people-in-payload.ts';
import type { ListenerDeps } from '../deps.ts';

// Known or queued ids are not asked about again for a while: most requests then cost no query.
const RECHECK_MS = 10 * 60_000;
const MAX_REMEMBERED = 10_000;

/** Registers the middleware that notices people. */
export const registerPeopleSeen = (app: App, deps: ListenerDeps): void => {
  const checkedUntil = new Map<string, number>();
  app.use(async ({ body, context, next }) => {
    await next();
    const now = Date.now();
    const ids = peopleInPayload(body).filter((id) => id !== context.botUserId && (checkedUntil.get(id) ?? 0) < now);
    if (ids.length === 0) return;
    try {
      await noticePeople(deps.events, ids);
      if (checkedUntil.size > MAX_REMEMBERED) checkedUntil.clear();
      for (const id of ids) checkedUntil.set(id, now + RECHECK_MS);
    } catch (error) {
      // A name is a nicety: the request itself succeeded, and the person will be seen again.
      deps.logger.warn({ err: error, ids }, 'could not queue Slack user lookups');
    }
  });
};
