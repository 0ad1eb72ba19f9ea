// Reminder state on the real database: what the rules are told about each incident, claims that
// exactly one of several racing callers wins, due times for the next update, and the reminder pass
// itself: a reminder chat refuses is given back (not counted), and passes that overlap post once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import type { ReminderSettings } from '../../../src/domain/reminders.ts';
import { createChatStateStore } from '../../../src/storage/chat-state.ts';
import { createReminderStore } from '../../../src/storage/reminders.ts';
import { remindersSent } from '../../../src/storage/schema.ts';
import {
  addTimelineEntry,
  ChatError,
  type ReminderMessage,
  type ReminderNotifier,
  resolveIncident,
  scheduleNextUpdate,
  sendDueReminders,
} from '../../../src/usecases/index.ts';
import { ALICE, declare, type Harness, openHarness } from '../../support/storage-harness.ts';

const MIN = 60_000;
const SETTINGS: ReminderSettings = {
  noLeadAfterMs: 2 * MIN,
  noSeverityAfterMs: 5 * MIN,
  updateEveryMs: 30 * MIN,
  closeAfterMs: 24 * 60 * MIN,
  timeZone: 'Europe/London',
};

/** A notifier that records what it posts, and can be told to fail. */
const recordingNotifier = () => {
  const posted: { channelId: string; reminder: ReminderMessage }[] = [];
  let failures = 0;
  const notifier: ReminderNotifier = {
    async postReminder(channelId, reminder) {
      // Slow enough that racing passes really overlap.
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (failures > 0) {
        failures--;
        throw new ChatError('ratelimited', true, 'Slack chat.postMessage failed: ratelimited');
      }
      posted.push({ channelId, reminder });
      return { channelId, ts: `1700000000.00000${posted.length}` };
    },
    async markSnoozed() {},
  };
  return { notifier, posted, failNext: (n: number) => (failures = n) };
};

describe('reminder store', () => {
  let h: Harness;
  let store: ReturnType<typeof createReminderStore>;
  let channels: ReturnType<typeof createChatStateStore>;
  before(async () => {
    h = await openHarness();
    store = createReminderStore(h.db);
    channels = createChatStateStore(h.db);
  });
  after(() => h.dispose());

  /** A live incident with its own channel, as the Slack sync leaves it. */
  const withChannel = async (draft: Parameters<typeof declare>[1] = {}) => {
    const incident = await declare(h, draft);
    await channels.saveChannel(incident.id, { id: `C0INC${incident.id}`, name: `inc-${incident.id}` });
    return incident;
  };
  const sentRows = (incidentId: number) =>
    h.db.select().from(remindersSent).where(eq(remindersSent.incidentId, incidentId));

  it('offers only live, open incidents with a channel, with what the rules need to know', async () => {
    const open = await withChannel({ title: 'Open', severity: null, leadId: 'U0LEAD' });
    const report = await declare(h, { title: 'Report', kind: 'report' });
    const noChannel = await declare(h, { title: 'No channel yet' });
    const resolved = await withChannel({ title: 'Resolved' });
    await resolveIncident(h.write, { incidentId: resolved.id, actor: ALICE });

    const ids = (await store.candidates(100)).map((s) => s.facts.incidentId);
    assert.ok(ids.includes(open.id));
    for (const id of [report.id, noChannel.id, resolved.id]) assert.ok(!ids.includes(id), `incident ${id} offered`);

    const subject = await store.subject(open.id);
    assert.equal(subject?.channelId, `C0INC${open.id}`);
    assert.deepEqual(subject?.facts, {
      incidentId: open.id,
      kind: 'live',
      status: 'investigating',
      severity: null,
      leadId: 'U0LEAD',
      reporterId: 'U0ALICE',
      reportedAt: h.clock.now(),
      hasChannel: true,
      lastUpdateAt: null,
      updateDue: null,
      sent: [],
    });
    assert.equal((await store.subject(noChannel.id))?.facts.hasChannel, false);
    assert.equal(await store.subject(999_999), null);
  });

  it('takes the newest status update as the last update, ignoring other timeline entries', async () => {
    const incident = await withChannel({ title: 'Updates' });
    const at = (m: number) => new Date(h.clock.now().getTime() + m * MIN);
    const entry = (source: 'update' | 'manual', m: number) =>
      addTimelineEntry(h.write, {
        incidentId: incident.id,
        source,
        text: `${source} at ${m}`,
        actor: ALICE,
        occurredAt: at(m),
      });
    await entry('update', 5);
    await entry('update', 12);
    await entry('manual', 20);
    assert.deepEqual((await store.subject(incident.id))?.facts.lastUpdateAt, at(12));
  });

  it('lets exactly one of several racing claims win, and a released claim be taken again', async () => {
    const incident = await withChannel({ title: 'Claims' });
    const now = h.clock.now();
    const wins = await Promise.all([1, 2, 3].map(() => store.claim(incident.id, 'no-lead', 1, now)));
    assert.equal(wins.filter(Boolean).length, 1);
    assert.equal(await store.claim(incident.id, 'no-severity', 1, now), true, 'another kind is its own reminder');
    assert.deepEqual(
      (await store.subject(incident.id))?.facts.sent.map((s) => [s.kind, s.seq, s.sentAt.getTime()]).sort(),
      [
        ['no-lead', 1, now.getTime()],
        ['no-severity', 1, now.getTime()],
      ],
    );
    await store.release(incident.id, 'no-lead', 1);
    assert.equal((await sentRows(incident.id)).length, 1);
    assert.equal(await store.claim(incident.id, 'no-lead', 1, now), true);
  });

  it('keeps the next update due time: set, replaced, cleared, refused for an unknown incident', async () => {
    const incident = await withChannel({ title: 'Due' });
    const deps = { reminders: store, clock: h.clock };
    const at = (m: number) => new Date(h.clock.now().getTime() + m * MIN);
    await scheduleNextUpdate(deps, { incidentId: incident.id, dueAt: at(15) });
    assert.deepEqual((await store.subject(incident.id))?.facts.updateDue, { at: at(15), setAt: h.clock.now() });
    h.clock.advance(MIN);
    await scheduleNextUpdate(deps, { incidentId: incident.id, dueAt: at(45) });
    assert.deepEqual((await store.subject(incident.id))?.facts.updateDue, { at: at(45), setAt: h.clock.now() });
    await scheduleNextUpdate(deps, { incidentId: incident.id, dueAt: null });
    assert.equal((await store.subject(incident.id))?.facts.updateDue, null);
    await assert.rejects(scheduleNextUpdate(deps, { incidentId: 999_999, dueAt: at(5) }), {
      name: 'DomainError',
      code: 'incident_not_found',
    });
  });
});

describe('a reminder pass on the real database', () => {
  let h: Harness;
  let channels: ReturnType<typeof createChatStateStore>;
  before(async () => {
    h = await openHarness();
    channels = createChatStateStore(h.db);
  });
  after(() => h.dispose());

  const passDeps = (notifier: ReminderNotifier) => ({
    reminders: createReminderStore(h.db),
    notifier,
    clock: h.clock,
    settings: SETTINGS,
  });

  it('posts the no-lead reminder in the incident channel once, even when three passes run at the same moment', async () => {
    const incident = await declare(h, { title: 'Racing passes', severity: 'major' });
    await channels.saveChannel(incident.id, { id: 'C0RACE00001', name: 'inc-race' });
    h.clock.advance(2 * MIN);
    const { notifier, posted } = recordingNotifier();
    const passes = await Promise.all([1, 2, 3].map(() => sendDueReminders(passDeps(notifier))));
    const mine = posted.filter((p) => p.reminder.incidentId === incident.id);
    assert.deepEqual(
      mine.map((p) => [p.channelId, p.reminder.kind, p.reminder.seq]),
      [['C0RACE00001', 'no-lead', 1]],
    );
    assert.equal(passes.flatMap((p) => p.sent).filter((r) => r.incidentId === incident.id).length, 1);
    // Nothing more until the next interval.
    await sendDueReminders(passDeps(notifier));
    assert.equal(posted.filter((p) => p.reminder.incidentId === incident.id).length, 1);
  });

  it('does not count a reminder Slack refused: the next pass sends it as the same first reminder', async () => {
    const incident = await declare(h, { title: 'Slack hiccup', severity: 'major' });
    await channels.saveChannel(incident.id, { id: 'C0HICCUP001', name: 'inc-hiccup' });
    h.clock.advance(2 * MIN);
    const { notifier, posted, failNext } = recordingNotifier();
    failNext(100);
    const failed = await sendDueReminders(passDeps(notifier));
    assert.ok(failed.failed.some((f) => f.reminder.incidentId === incident.id && f.reminder.kind === 'no-lead'));
    const rows = await h.db.select().from(remindersSent).where(eq(remindersSent.incidentId, incident.id));
    assert.equal(rows.length, 0, 'the claim was given back');
    failNext(0);
    await sendDueReminders(passDeps(notifier));
    const mine = posted.filter((p) => p.reminder.incidentId === incident.id);
    assert.deepEqual(
      mine.map((p) => [p.reminder.kind, p.reminder.seq]),
      [['no-lead', 1]],
    );
  });
});
