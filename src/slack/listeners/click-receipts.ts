// A button click can arrive twice (a double click, Slack's own retry). Each is claimed atomically in
// the database before any listener runs, by the click's own action_ts, so a repeat, on this replica
// or another, changes nothing. If handling fails the claim is given back and a retry gets through.
// (Events are claimed by the event inbox, by event_id, when they are stored.)
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { ListenerDeps } from './deps.ts';

type Body = {
  type?: unknown;
  user?: { id?: unknown };
  actions?: { action_id?: unknown; action_ts?: unknown }[];
};

/** The key that identifies a click. */
const deliveryKey = (body: Body): string | null => {
  const action = body.type === 'block_actions' ? body.actions?.[0] : undefined;
  if (action && typeof action.action_ts === 'string') {
    return `click:${String(body.user?.id)}:${String(action.action_id)}:${action.action_ts}`;
  }
  return null;
};

/** Global middleware: drop clicks already taken in. */
export const dropRepeatedClicks =
  (deps: Pick<ListenerDeps, 'receipts' | 'logger'>): Middleware<AnyMiddlewareArgs> =>
  async ({ body, next, ...rest }) => {
    const key = deliveryKey(body as Body);
    if (key === null) return next();
    if (!(await deps.receipts.claim(key))) {
      deps.logger.debug({ key }, 'dropped a repeated Slack delivery');
      // A click must still be acknowledged, or Slack shows the person an error.
      if ('ack' in rest && typeof rest.ack === 'function') await rest.ack();
      return;
    }
    try {
      await next();
    } catch (error) {
      await deps.receipts.release(key);
      throw error;
    }
    await deps.receipts.complete(key);
  };
