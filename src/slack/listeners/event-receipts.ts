// Slack delivers an event again when it thinks we missed it (X-Slack-Retry-Num, §2.4), and a
// button click can arrive twice. Each is claimed atomically in the database before any listener
// runs — by event_id, or by the click's own action_ts — so a redelivery, on this replica or
// another, changes nothing. If handling fails the claim is given back and Slack's retry gets through.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { ListenerDeps } from './deps.ts';

type Body = {
  event_id?: unknown;
  type?: unknown;
  user?: { id?: unknown };
  actions?: { action_id?: unknown; action_ts?: unknown }[];
};

/** The key that identifies this delivery, for the kinds of request Slack may deliver twice. */
const deliveryKey = (body: Body): string | null => {
  if (typeof body.event_id === 'string') return body.event_id;
  const action = body.type === 'block_actions' ? body.actions?.[0] : undefined;
  if (action && typeof action.action_ts === 'string') {
    return `click:${String(body.user?.id)}:${String(action.action_id)}:${action.action_ts}`;
  }
  return null;
};

/** Global middleware: drop deliveries already taken in. */
export const dropRedeliveredEvents =
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
