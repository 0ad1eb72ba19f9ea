// Slack deliveries taken in, on the service's database. The primary key makes a claim atomic across
// replicas; a claim is a lease (lease_until) that another replica may take over once it runs out.
// Each method is one statement: `accept` sits on the path of Slack's answer.
import { sql } from 'drizzle-orm';
import type { EventReceipts, InboxEvent } from '../usecases/chat-ports.ts';
import type { Db } from './db.ts';
import { rawRows } from './raw-rows.ts';

// Handling takes well under Slack's 3 s; a lease this old without completion belongs to a replica
// that died, and the inbox sweep (or Slack's retry) takes the delivery over.
const LEASE = sql`interval '10 seconds'`;

/** Inserts a receipt, or takes over a stale unfinished one; true when this caller now holds it. */
const claimRow = async (db: Db, eventId: string, json: string | null): Promise<boolean> => {
  const rows = await rawRows<{ event_id: string }>(
    db,
    sql`insert into slack_event_receipts (event_id, body, lease_until)
        values (${eventId}, ${json}::jsonb, now() + ${LEASE})
        on conflict (event_id) do update
          set lease_until = now() + ${LEASE},
              attempts = slack_event_receipts.attempts + 1,
              body = coalesce(excluded.body, slack_event_receipts.body)
          where slack_event_receipts.done_at is null and slack_event_receipts.lease_until < now()
        returning event_id`,
  );
  return rows.length === 1;
};

/** Slack event receipts and the inbox of events not handled yet. */
export const createEventReceipts = (db: Db): EventReceipts => ({
  claim: (eventId) => claimRow(db, eventId, null),
  accept: (eventId, json) => claimRow(db, eventId, json),
  async complete(eventId) {
    // The body is only kept until handled: afterwards the key alone stops redeliveries.
    await db.execute(
      sql`update slack_event_receipts set done_at = now(), body = null, last_error = null where event_id = ${eventId}`,
    );
  },
  async release(eventId) {
    await db.execute(sql`delete from slack_event_receipts where event_id = ${eventId}`);
  },
  async renew(eventId, attempts) {
    const rows = await rawRows<{ event_id: string }>(
      db,
      sql`update slack_event_receipts set lease_until = now() + ${LEASE}
          where event_id = ${eventId} and done_at is null and attempts = ${attempts}
          returning event_id`,
    );
    return rows.length === 1;
  },
  async retryLater(eventId, error, delaySeconds) {
    await db.execute(
      sql`update slack_event_receipts
          set lease_until = now() + make_interval(secs => ${delaySeconds}), last_error = ${error}
          where event_id = ${eventId} and done_at is null`,
    );
  },
  async giveUp(eventId, error) {
    await db.execute(
      sql`update slack_event_receipts set done_at = now(), last_error = ${error} where event_id = ${eventId}`,
    );
  },
  async takeDue(limit) {
    const rows = await rawRows<{ event_id: string; body: unknown; attempts: number }>(
      db,
      sql`update slack_event_receipts r
          set lease_until = now() + ${LEASE}, attempts = r.attempts + 1
          where r.event_id in (
            select event_id from slack_event_receipts
            where done_at is null and body is not null and lease_until < now()
            order by lease_until
            limit ${limit}
            for update skip locked)
          returning r.event_id, r.body, r.attempts`,
    );
    return rows.map((row): InboxEvent => ({ key: row.event_id, payload: row.body, attempts: Number(row.attempts) }));
  },
  async prune(hours) {
    const rows = await rawRows<{ event_id: string }>(
      db,
      sql`delete from slack_event_receipts
          where done_at is not null and done_at < now() - make_interval(hours => ${hours})
          returning event_id`,
    );
    return rows.length;
  },
});
