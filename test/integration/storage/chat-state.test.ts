// Slack-owned state on the real database: leases exclude each other across holders, Slack ids and
// steps are kept once, and the sweep finds only incidents whose Slack side fell behind and that
// nobody is working on.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { createChatStateStore } from '../../../src/storage/chat-state.ts';
import { declareIncident } from '../../../src/usecases/declare-incident.ts';
import { captureMessage, releaseMessage, setSeverity } from '../../../src/usecases/index.ts';
import { ALICE, type Harness, openHarness } from '../../support/storage-harness.ts';

describe('chat state store', () => {
  let h: Harness;
  let store: ReturnType<typeof createChatStateStore>;
  before(async () => {
    h = await openHarness();
    store = createChatStateStore(h.db);
  });
  after(() => h.dispose());

  const declare = async (title: string) =>
    (await declareIncident(h.write, { draft: { title }, actor: ALICE })).value.incident.id;

  it('gives a lease to one holder at a time, re-entrant for the holder, free again once released', async () => {
    const id = await declare('Lease');
    const first = await Promise.all(['a', 'b', 'c'].map((holder) => store.tryLease(id, holder, 60_000)));
    assert.equal(first.filter(Boolean).length, 1, 'exactly one of three concurrent holders wins');
    const winner = ['a', 'b', 'c'][first.indexOf(true)] ?? '';
    assert.equal(await store.tryLease(id, winner, 60_000), true, 'the holder may renew');
    await store.releaseLease(id, 'someone-else');
    assert.equal(await store.tryLease(id, 'z', 60_000), false, 'only the holder releases');
    await store.releaseLease(id, winner);
    assert.equal(await store.tryLease(id, 'z', 60_000), true);
  });

  it('lets an expired lease go (a replica that died mid-sync)', async () => {
    const id = await declare('Expired lease');
    assert.equal(await store.tryLease(id, 'dead', 1), true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(await store.tryLease(id, 'alive', 60_000), true);
  });

  it('keeps the first Slack id stored for a purpose, and each step once', async () => {
    const id = await declare('Ids');
    await store.saveChannel(id, { id: 'C0FIRST0001', name: 'inc-first' });
    await store.saveChannel(id, { id: 'C0SECOND001', name: 'inc-second' });
    await store.saveMessage(id, 'headline', { channelId: 'C0INC', ts: '1.000001' });
    await store.saveMessage(id, 'headline', { channelId: 'C0INC', ts: '2.000002' });
    await store.markStep(id, 'channel-prepared');
    await store.markStep(id, 'channel-prepared');
    const state = await store.load(id);
    assert.deepEqual(state.channel, { id: 'C0FIRST0001', name: 'inc-first' });
    assert.deepEqual(state.headline, { channelId: 'C0INC', ts: '1.000001' });
    assert.deepEqual(state.stepsDone, ['channel-prepared']);
    assert.equal(await store.incidentForChannel('C0FIRST0001'), id);
    assert.equal(await store.renameChannel('C0FIRST0001', 'inc-renamed'), true);
    assert.equal((await store.load(id)).channel?.name, 'inc-renamed');
    assert.equal(await store.renameChannel('C0NOTOURS01', 'x'), false);
  });

  it('finds a message’s incident and its timeline entry in one read, hidden or not', async () => {
    const id = await declare('Captures');
    await store.saveChannel(id, { id: 'C0CAPTURE01', name: 'inc-captures' });
    const message = (ts: string) => ({
      channelId: 'C0CAPTURE01',
      ts,
      text: `said at ${ts}`,
      permalink: null,
      files: [],
      authorId: 'U0BOB',
      at: h.clock.now(),
    });
    assert.deepEqual(await store.messageOnTimeline('C0CAPTURE01', '1.000001'), { incidentId: id, entry: null });
    assert.equal(await store.messageOnTimeline('C0NOTOURS02', '1.000001'), null);
    const deps = { ...h.write, chatState: store };
    const added = await captureMessage(deps, { source: 'pin', actor: ALICE, message: message('1.000001') });
    const found = await store.messageOnTimeline('C0CAPTURE01', '1.000001');
    assert.deepEqual(found, { incidentId: id, entry: added.value });
    assert.equal(found?.entry?.text, 'said at 1.000001');
    const again = await captureMessage(deps, { source: 'pin', actor: ALICE, message: message('1.000001') });
    assert.deepEqual(again.events, [], 'captured twice: nothing written');
    await releaseMessage(deps, { channelId: 'C0CAPTURE01', ts: '1.000001', actor: ALICE });
    assert.equal((await store.messageOnTimeline('C0CAPTURE01', '1.000001'))?.entry?.hidden, true);
    const shown = await captureMessage(deps, { source: 'pin', actor: ALICE, message: message('1.000001') });
    assert.equal(shown.value?.hidden, false, 'pinned again: shown again');
    assert.equal(shown.events.length, 1);
  });

  it('sweeps incidents whose Slack side is behind, skipping busy, failed and up-to-date ones', async () => {
    const behind = await declare('Behind');
    const synced = await declare('Synced');
    const busy = await declare('Busy');
    const failed = await declare('Failed');
    await store.markSynced(synced, await store.latestEventId(synced));
    await store.tryLease(busy, 'worker', 60_000);
    await store.markFailed(failed, 'posting the headline (internal_error)', h.clock.now());
    // Thirty quiet seconds have passed for everyone.
    await h.db.execute(sql`update slack_sync set updated_at = now() - interval '1 minute'`);
    const found = await store.behind(100);
    assert.ok(found.includes(behind));
    assert.ok(!found.includes(synced) && !found.includes(busy) && !found.includes(failed));
    // A change after the sync puts it behind again; a timeline-only change does not.
    await setSeverity(h.write, { incidentId: synced, severity: 'minor', actor: ALICE });
    await h.db.execute(sql`update slack_sync set updated_at = now() - interval '1 minute'`);
    assert.ok((await store.behind(100)).includes(synced));
  });
});
