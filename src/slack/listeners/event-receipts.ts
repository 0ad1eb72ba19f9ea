// Slack delivers an event again when it thinks we missed it (X-Slack-Retry-Num, §2.4). The event_id
// is claimed atomically in the database before any listener runs, so a redelivery, on this replica
// or another, changes nothing. If handling fails the claim is given back and Slack's retry gets through.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { ListenerDeps } from './deps.ts';

/** Global middleware: drop events whose id was already taken in. */
export const dropRedeliveredEvents =
  (deps: Pick<ListenerDeps, 'receipts' | 'logger'>): Middleware<AnyMiddlewareArgs> =>
  async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== 'string') return next();
    if (!(await deps.receipts.claim(eventId))) {
      deps.logger.debug({ eventId }, 'dropped a redelivered Slack event');
      return;
    }
    try {
      await next();
    } catch (error) {
      await deps.receipts.release(eventId);
      throw error;
    }
  };
