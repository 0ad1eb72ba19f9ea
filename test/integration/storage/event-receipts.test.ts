// Slack deliveries on the real database: a key is claimed once across concurrent callers, a stale
// claim is taken over, and stored events are handed out again when their retry is due or their
// replica died, never once handled.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { createEventReceipts } from '../../../src/storage/event-receipts.ts';
import { rawRows } from '../../../src/storage/raw-rows.ts';
import { type Harness, openHarness } from '../../support/storage-harness.ts';

describe('Slack event receipts and inbox', () => {
  let h: Harness;
  let receipts: ReturnType<typeof createEventReceipts>;
  before(async () => {
    h = await openHarness();
    receipts = createEventReceipts(h.db);
  });
  after(() => h.dispose());

  /** Moves every lease into the past: the replicas holding them died, or the retry time came. */
  const leasesRunOut = () =>
    h.db.execute(sql`update slack_event_receipts set lease_until = now() - interval '1 second'`);
  const row = async (key: string) =>
    (
      await rawRows<{ done_at: Date | null; body: unknown; attempts: number; last_error: string | null }>(
        h.db,
        sql`select done_at, body, attempts, last_error from slack_event_receipts where event_id = ${key}`,
      )
    )[0];

  it('claims a click once, even when claimed concurrently, and can give it back', async () => {
    const claims = await Promise.all([1, 2, 3].map(() => receipts.claim('click:U1:edit:1.0')));
    assert.equal(claims.filter(Boolean).length, 1);
    await receipts.release('click:U1:edit:1.0');
    assert.equal(await receipts.claim('click:U1:edit:1.0'), true);
  });

  it('lets a later delivery take over a claim whose replica died before completing it, never a completed one', async () => {
    assert.equal(await receipts.claim('Ev0DIED00001'), true);
    assert.equal(await receipts.claim('Ev0DIED00001'), false, 'a retry while it is being handled is dropped');
    await receipts.claim('Ev0DONE00001');
    await receipts.complete('Ev0DONE00001');
    await leasesRunOut();
    assert.equal(await receipts.claim('Ev0DIED00001'), true, 'the stale claim is taken over');
    assert.equal(await receipts.claim('Ev0DONE00001'), false, 'a handled event stays handled');
  });

  it('stores an event once, however often it is delivered at the same time, and drops its body once handled', async () => {
    const body = { type: 'event_callback', event_id: 'Ev0STORE0001', event: { type: 'pin_added', channel_id: 'C1' } };
    const accepted = await Promise.all([1, 2, 3].map(() => receipts.accept('Ev0STORE0001', JSON.stringify(body))));
    assert.equal(accepted.filter(Boolean).length, 1);
    assert.deepEqual((await row('Ev0STORE0001'))?.body, body);
    await receipts.complete('Ev0STORE0001');
    const done = await row('Ev0STORE0001');
    assert.ok(done?.done_at);
    assert.equal(done?.body, null);
    assert.equal(
      await receipts.accept('Ev0STORE0001', JSON.stringify(body)),
      false,
      'a redelivery after handling is dropped',
    );
  });

  it('hands out stored events whose lease ran out, once each, with the attempt counted', async () => {
    await receipts.accept('Ev0SWEEP0001', JSON.stringify({ n: 1 }));
    await receipts.accept('Ev0SWEEP0002', JSON.stringify({ n: 2 }));
    assert.deepEqual(await receipts.takeDue(10), [], 'nothing is due while the leases hold');
    await leasesRunOut();
    const [first, second] = await Promise.all([receipts.takeDue(10), receipts.takeDue(10)]);
    const taken = [...(first ?? []), ...(second ?? [])].filter((e) => e.key.startsWith('Ev0SWEEP'));
    assert.deepEqual(
      taken.map((e) => [e.key, e.payload, e.attempts]).sort(),
      [
        ['Ev0SWEEP0001', { n: 1 }, 2],
        ['Ev0SWEEP0002', { n: 2 }, 2],
      ],
      'two sweeps at once share the due events between them',
    );
    assert.deepEqual(await receipts.takeDue(10), [], 'taken events are leased again');
  });

  it('renews a lease only for the holder whose attempt it still is', async () => {
    await receipts.accept('Ev0RENEW0001', JSON.stringify({ n: 6 }));
    assert.equal(await receipts.renew('Ev0RENEW0001', 1), true, 'still ours');
    await leasesRunOut();
    const taken = (await receipts.takeDue(100)).find((e) => e.key === 'Ev0RENEW0001');
    assert.equal(taken?.attempts, 2, 'another replica took it over');
    assert.equal(await receipts.renew('Ev0RENEW0001', 1), false, 'the first holder must let go');
    assert.equal(await receipts.renew('Ev0RENEW0001', 2), true);
    await receipts.complete('Ev0RENEW0001');
    assert.equal(await receipts.renew('Ev0RENEW0001', 2), false, 'nothing to renew once handled');
  });

  it('retries a failed event after its delay, and stops after giving up', async () => {
    await receipts.accept('Ev0RETRY0001', JSON.stringify({ n: 3 }));
    await receipts.retryLater('Ev0RETRY0001', 'database went away', 3600);
    await h.db.execute(
      sql`update slack_event_receipts set lease_until = now() - interval '1 second' where event_id <> 'Ev0RETRY0001'`,
    );
    assert.ok(!(await receipts.takeDue(10)).some((e) => e.key === 'Ev0RETRY0001'), 'not before its delay');
    assert.equal((await row('Ev0RETRY0001'))?.last_error, 'database went away');
    await leasesRunOut();
    assert.ok(
      (await receipts.takeDue(10)).some((e) => e.key === 'Ev0RETRY0001'),
      'due once the delay passed',
    );
    await receipts.giveUp('Ev0RETRY0001', 'still failing');
    await leasesRunOut();
    assert.ok(!(await receipts.takeDue(10)).some((e) => e.key === 'Ev0RETRY0001'));
    const given = await row('Ev0RETRY0001');
    assert.ok(given?.done_at);
    assert.equal(given?.last_error, 'still failing');
  });

  it('forgets handled deliveries after the given hours, keeping unhandled ones', async () => {
    await receipts.accept('Ev0OLD000001', JSON.stringify({ n: 4 }));
    await receipts.complete('Ev0OLD000001');
    await receipts.accept('Ev0PENDING01', JSON.stringify({ n: 5 }));
    await h.db.execute(
      sql`update slack_event_receipts set done_at = now() - interval '2 days' where event_id = 'Ev0OLD000001'`,
    );
    assert.ok((await receipts.prune(24)) >= 1);
    assert.equal(await row('Ev0OLD000001'), undefined);
    assert.ok(await row('Ev0PENDING01'));
  });
});
