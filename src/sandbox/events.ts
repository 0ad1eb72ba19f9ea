// Events API delivery (README §2.4, §3.8): the event_callback envelope, signed JSON, optional redelivery of
// the same event_id with Slack's retry headers.

import { deliver } from './deliver.ts';
import { slackId } from './ids.ts';
import { nextTs, nowSeconds, type Workspace } from './state.ts';
import type { Delivery, EventDelivery } from './types.ts';

/** The outer event_callback payload Slack wraps every event in. */
export function eventEnvelope(ws: Workspace, event: Record<string, unknown>, eventId: string): Record<string, unknown> {
  return {
    token: ws.verificationToken,
    team_id: ws.teamId,
    context_team_id: ws.teamId,
    context_enterprise_id: null,
    api_app_id: ws.appId,
    event: { ...event, event_ts: event.event_ts ?? nextTs(ws) },
    type: 'event_callback',
    event_id: eventId,
    event_time: nowSeconds(ws),
    authorizations: [
      { enterprise_id: null, team_id: ws.teamId, user_id: ws.botUserId, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    // Opaque in Slack; this one is at least unique per event.
    event_context: `4-${Buffer.from(JSON.stringify({ et: event.type, eid: eventId })).toString('base64url')}`,
  };
}

/** Delivers one event `times` times (same bytes, same event_id); attempts after the first carry retry headers. */
export async function deliverEvent(
  ws: Workspace,
  event: Record<string, unknown>,
  d: Delivery,
  timeoutMs: number,
): Promise<EventDelivery> {
  const eventId = d.eventId ?? slackId('Ev');
  const body = JSON.stringify(eventEnvelope(ws, event, eventId));
  const statuses: number[] = [];
  const times = Math.max(1, d.times ?? 1);
  for (let attempt = 0; attempt < times; attempt++) {
    const headers: Record<string, string> =
      attempt === 0 ? {} : { 'x-slack-retry-num': String(attempt), 'x-slack-retry-reason': 'http_timeout' };
    statuses.push((await deliver(ws, body, 'application/json', timeoutMs, headers)).status);
  }
  return { eventId, statuses };
}

/** An EventDelivery for an event Slack would not send (the bot is not in the conversation). */
export const notDelivered = (d: Delivery = {}): EventDelivery => ({
  eventId: d.eventId ?? slackId('Ev'),
  statuses: [],
});
