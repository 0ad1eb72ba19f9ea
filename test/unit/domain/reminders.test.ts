import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  dueReminders,
  isReminderKind,
  isWorkingTime,
  nextReminderAt,
  nextReminderSeq,
  REMINDER_KINDS,
  REMINDER_REPEATS,
  type ReminderFacts,
  type ReminderKind,
  type ReminderSettings,
  type SentReminder,
  updateCycle,
} from '../../../src/domain/reminders.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
// Monday 2 March 2026, 10:00 in London (GMT, so also 10:00Z).
const DECLARED = new Date('2026-03-02T10:00:00Z');
const at = (iso: string) => new Date(iso);
const after = (ms: number, from = DECLARED) => new Date(from.getTime() + ms);

const SETTINGS: ReminderSettings = {
  noLeadAfterMs: 2 * MIN,
  noSeverityAfterMs: 5 * MIN,
  updateEveryMs: 30 * MIN,
  closeAfterMs: 24 * HOUR,
  timeZone: 'Europe/London',
};

/** A live, open incident with a channel, no lead and no severity, declared on Monday at 10:00. */
const facts = (overrides: Partial<ReminderFacts> = {}): ReminderFacts => ({
  incidentId: 7,
  kind: 'live',
  status: 'investigating',
  severity: null,
  leadId: null,
  reporterId: 'U0REPORTER',
  reportedAt: DECLARED,
  hasChannel: true,
  lastUpdateAt: null,
  updateDue: null,
  sent: [],
  ...overrides,
});

const sent = (kind: ReminderKind, ...times: Date[]): SentReminder[] =>
  times.map((sentAt, i) => ({ kind, seq: i + 1, sentAt }));

const kindsDue = (f: ReminderFacts, now: Date, settings = SETTINGS) =>
  dueReminders(f, now, settings).map((d) => d.kind);

describe('reminder kinds', () => {
  it('are the four reminders the bot posts', () => {
    assert.deepEqual(REMINDER_KINDS, ['no-lead', 'no-severity', 'update', 'close']);
    for (const kind of REMINDER_KINDS) assert.equal(isReminderKind(kind), true);
    for (const value of ['lead', 'Update', '', null, 3]) assert.equal(isReminderKind(value), false);
  });
});

describe('no lead and no severity', () => {
  it('says nothing before REMIND_NO_LEAD_AFTER, then asks for a lead, and later for a severity', () => {
    assert.deepEqual(kindsDue(facts(), after(2 * MIN - 1)), []);
    assert.deepEqual(dueReminders(facts(), after(2 * MIN), SETTINGS), [
      { incidentId: 7, kind: 'no-lead', seq: 1, addresseeId: null },
    ]);
    assert.deepEqual(kindsDue(facts(), after(5 * MIN)), ['no-lead', 'no-severity']);
  });

  it('repeats every interval after the last one sent, not after the declaration', () => {
    // The first went out late (the bot was down): the second waits a full interval after it.
    const f = facts({ severity: 'major', sent: sent('no-lead', after(3 * MIN)) });
    assert.deepEqual(nextReminderAt(f, 'no-lead', SETTINGS), after(5 * MIN));
    assert.deepEqual(kindsDue(f, after(5 * MIN - 1)), []);
    assert.deepEqual(dueReminders(f, after(5 * MIN), SETTINGS), [
      { incidentId: 7, kind: 'no-lead', seq: 2, addresseeId: null },
    ]);
  });

  it(`stops after ${REMINDER_REPEATS} reminders`, () => {
    const times = [2, 4, 6, 8, 10].map((m) => after(m * MIN));
    const four = facts({ severity: 'major', sent: sent('no-lead', ...times.slice(0, 4)) });
    assert.deepEqual(dueReminders(four, after(10 * MIN), SETTINGS).at(0)?.seq, 5);
    const five = facts({ severity: 'major', sent: sent('no-lead', ...times) });
    assert.equal(nextReminderAt(five, 'no-lead', SETTINGS), null);
    assert.ok(!kindsDue(five, after(24 * HOUR - 1)).includes('no-lead'), 'never again, however long it runs');
  });

  it('stops as soon as the lead or the severity is set', () => {
    const led = facts({ leadId: 'U0LEAD', sent: sent('no-lead', after(2 * MIN)) });
    assert.deepEqual(kindsDue(led, after(10 * MIN)), ['no-severity']);
    assert.equal(nextReminderAt(led, 'no-lead', SETTINGS), null);
    const rated = facts({ leadId: 'U0LEAD', severity: 'minor' });
    assert.deepEqual(kindsDue(rated, after(29 * MIN)), []);
  });

  it('counts only reminders sent: one whose condition cleared for a while has all its repeats left', () => {
    // The lead was set before any reminder and removed an hour later: the first reminder comes now.
    const f = facts({ severity: 'major' });
    assert.deepEqual(dueReminders(f, after(HOUR), SETTINGS).at(0), {
      incidentId: 7,
      kind: 'no-lead',
      seq: 1,
      addresseeId: null,
    });
  });
});

describe('incidents that get no reminders', () => {
  const overdue = after(30 * 24 * HOUR);
  it('says nothing to resolved incidents, report-only incidents or incidents without a channel', () => {
    assert.deepEqual(kindsDue(facts({ status: 'resolved' }), overdue), []);
    assert.deepEqual(kindsDue(facts({ kind: 'report' }), overdue), []);
    assert.deepEqual(kindsDue(facts({ hasChannel: false }), overdue), []);
    for (const kind of REMINDER_KINDS)
      assert.equal(nextReminderAt(facts({ status: 'resolved' }), kind, SETTINGS), null);
  });

  it('reminds every open status alike', () => {
    for (const status of ['investigating', 'identified', 'monitoring'] as const) {
      assert.ok(kindsDue(facts({ status }), after(5 * MIN)).includes('no-lead'), status);
    }
  });
});

describe('status update reminders', () => {
  const quiet = { leadId: 'U0LEAD', severity: 'major' as const };

  it('come REMIND_UPDATE_EVERY after the declaration when nobody has posted an update', () => {
    assert.deepEqual(kindsDue(facts(quiet), after(30 * MIN - 1)), []);
    assert.deepEqual(dueReminders(facts(quiet), after(30 * MIN), SETTINGS), [
      { incidentId: 7, kind: 'update', seq: 1, addresseeId: null },
    ]);
  });

  it('come REMIND_UPDATE_EVERY after the last update', () => {
    const f = facts({ ...quiet, lastUpdateAt: after(20 * MIN) });
    assert.deepEqual(nextReminderAt(f, 'update', SETTINGS), after(50 * MIN));
    assert.deepEqual(kindsDue(f, after(49 * MIN)), []);
    assert.deepEqual(kindsDue(f, after(50 * MIN)), ['update']);
  });

  it('come when the last update said the next one is due, which takes precedence', () => {
    const f = facts({
      ...quiet,
      lastUpdateAt: after(20 * MIN),
      updateDue: { at: after(35 * MIN), setAt: after(20 * MIN) },
    });
    assert.deepEqual(nextReminderAt(f, 'update', SETTINGS), after(35 * MIN));
    const later = facts({ ...f, updateDue: { at: after(2 * HOUR), setAt: after(20 * MIN) } });
    assert.deepEqual(kindsDue(later, after(90 * MIN)), [], 'a later promise is kept too');
  });

  it('honours a due time stored a moment before the update entry, but not one from an older update', () => {
    const moment = facts({
      ...quiet,
      lastUpdateAt: after(20 * MIN),
      updateDue: { at: after(25 * MIN), setAt: after(20 * MIN - 30_000) },
    });
    assert.deepEqual(nextReminderAt(moment, 'update', SETTINGS), after(25 * MIN));
    const stale = facts({
      ...quiet,
      lastUpdateAt: after(20 * MIN),
      updateDue: { at: after(12 * MIN), setAt: after(2 * MIN) },
    });
    assert.deepEqual(nextReminderAt(stale, 'update', SETTINGS), after(50 * MIN), 'the newer update wins');
  });

  it('repeat every REMIND_UPDATE_EVERY while no update comes, at most five times', () => {
    const times = [30, 60, 90, 120].map((m) => after(m * MIN));
    const f = facts({ ...quiet, sent: sent('update', ...times) });
    assert.deepEqual(nextReminderAt(f, 'update', SETTINGS), after(150 * MIN));
    const five = facts({ ...quiet, sent: sent('update', ...times, after(150 * MIN)) });
    assert.equal(nextReminderAt(five, 'update', SETTINGS), null);
  });

  it('start counting afresh after an update, numbering on from the last one sent', () => {
    const times = [30, 60, 90, 120, 150].map((m) => after(m * MIN));
    const f = facts({ ...quiet, sent: sent('update', ...times), lastUpdateAt: after(160 * MIN) });
    assert.deepEqual(nextReminderAt(f, 'update', SETTINGS), after(190 * MIN));
    assert.deepEqual(dueReminders(f, after(190 * MIN), SETTINGS).at(0)?.seq, 6);
    assert.deepEqual(updateCycle(f, SETTINGS), { start: after(160 * MIN), firstAt: after(190 * MIN) });
  });

  it('after a snooze, come back 30 minutes after the click, not at the regular interval', () => {
    // Reminder at 10:30, snoozed at 10:31 until 11:01.
    const f = facts({
      ...quiet,
      sent: sent('update', after(30 * MIN)),
      updateDue: { at: after(61 * MIN), setAt: after(31 * MIN) },
    });
    assert.deepEqual(kindsDue(f, after(60 * MIN)), [], 'not at 11:00');
    assert.deepEqual(dueReminders(f, after(61 * MIN), SETTINGS).at(0)?.seq, 2);
    // Once that one is sent, the regular interval runs from it.
    const again = facts({ ...f, sent: sent('update', after(30 * MIN), after(61 * MIN)) });
    assert.deepEqual(nextReminderAt(again, 'update', SETTINGS), after(91 * MIN));
  });
});

describe('"can it be closed?" reminders', () => {
  const led = { leadId: 'U0LEAD', severity: 'major' as const, lastUpdateAt: after(23 * HOUR + 59 * MIN) };

  it('ask the lead after REMIND_CLOSE_AFTER, during working hours', () => {
    assert.deepEqual(kindsDue(facts(led), after(24 * HOUR - 1)), []);
    assert.deepEqual(dueReminders(facts(led), after(24 * HOUR), SETTINGS), [
      { incidentId: 7, kind: 'close', seq: 1, addresseeId: 'U0LEAD' },
    ]);
  });

  it('ask the reporter when nobody leads, and nobody in particular when neither is known', () => {
    const noLead = facts({ ...led, leadId: null });
    assert.equal(
      dueReminders(noLead, after(24 * HOUR), SETTINGS).find((d) => d.kind === 'close')?.addresseeId,
      'U0REPORTER',
    );
    const nobody = facts({ ...led, leadId: null, reporterId: null });
    assert.equal(dueReminders(nobody, after(24 * HOUR), SETTINGS).find((d) => d.kind === 'close')?.addresseeId, null);
  });

  it('wait for Monday morning when due at the weekend, and that first one is still the first of five', () => {
    // Declared Friday 16:00, due Saturday 16:00: nothing all weekend, nothing before 09:00 on Monday.
    const friday = at('2026-03-06T16:00:00Z');
    const f = facts({
      ...led,
      reportedAt: friday,
      lastUpdateAt: null,
      updateDue: { at: after(7 * 24 * HOUR), setAt: friday },
    });
    for (const now of ['2026-03-07T16:00:00Z', '2026-03-08T12:00:00Z', '2026-03-09T08:59:00Z']) {
      assert.deepEqual(kindsDue(f, at(now)), [], now);
    }
    assert.deepEqual(dueReminders(f, at('2026-03-09T09:00:00Z'), SETTINGS), [
      { incidentId: 7, kind: 'close', seq: 1, addresseeId: 'U0LEAD' },
    ]);
  });

  it('wait for the next working morning when due in the evening, then repeat a day after the last one sent', () => {
    const f = facts({ ...led, sent: sent('close', at('2026-03-03T10:00:00Z')) });
    assert.deepEqual(nextReminderAt(f, 'close', SETTINGS), at('2026-03-04T10:00:00Z'));
    const evening = facts({ ...led, sent: sent('close', at('2026-03-03T17:00:00Z')) });
    assert.ok(!kindsDue(evening, at('2026-03-04T17:45:00Z')).includes('close'), 'Wednesday 17:45');
    assert.ok(kindsDue(evening, at('2026-03-05T09:00:00Z')).includes('close'), 'Thursday 09:00');
  });

  it(`stop after ${REMINDER_REPEATS}`, () => {
    const days = ['03', '04', '05', '06', '09'].map((d) => at(`2026-03-${d}T10:00:00Z`));
    const f = facts({ ...led, sent: sent('close', ...days) });
    assert.equal(nextReminderAt(f, 'close', SETTINGS), null);
  });

  it('follow the configured time zone', () => {
    // 10:00Z on Monday is 05:00 in New York.
    const f = facts(led);
    const monday = after(24 * HOUR);
    assert.deepEqual(kindsDue(f, monday, { ...SETTINGS, timeZone: 'America/New_York' }), []);
    assert.deepEqual(kindsDue(f, monday, { ...SETTINGS, timeZone: 'Europe/Berlin' }), ['close']);
  });
});

describe('reminder numbering', () => {
  it('numbers each kind on its own, one past the highest stored', () => {
    const f = facts({
      sent: [
        { kind: 'no-lead', seq: 1, sentAt: after(2 * MIN) },
        { kind: 'no-lead', seq: 2, sentAt: after(4 * MIN) },
        { kind: 'update', seq: 9, sentAt: after(3 * MIN) },
      ],
    });
    assert.equal(nextReminderSeq(f, 'no-lead'), 3);
    assert.equal(nextReminderSeq(f, 'update'), 10);
    assert.equal(nextReminderSeq(f, 'close'), 1);
  });
});

describe('isWorkingTime', () => {
  const london = (iso: string) => isWorkingTime(at(iso), 'Europe/London');

  it('is Monday to Friday from 09:00 up to 17:30', () => {
    assert.equal(london('2026-03-02T08:59:59Z'), false, 'Monday 08:59');
    assert.equal(london('2026-03-02T09:00:00Z'), true, 'Monday 09:00');
    assert.equal(london('2026-03-04T12:00:00Z'), true, 'Wednesday noon');
    assert.equal(london('2026-03-06T17:29:59Z'), true, 'Friday 17:29');
    assert.equal(london('2026-03-06T17:30:00Z'), false, 'Friday 17:30');
    assert.equal(london('2026-03-02T00:00:00Z'), false, 'Monday midnight');
  });

  it('is never at the weekend', () => {
    for (const iso of [
      '2026-03-07T09:00:00Z',
      '2026-03-07T12:00:00Z',
      '2026-03-08T10:00:00Z',
      '2026-03-08T17:00:00Z',
    ]) {
      assert.equal(london(iso), false, iso);
    }
  });

  it('moves with British Summer Time (clocks forward 29 March, back 25 October 2026)', () => {
    // Friday 27 March, GMT: 08:30Z is 08:30 on the wall.
    assert.equal(london('2026-03-27T08:30:00Z'), false);
    // Monday 30 March, BST: 08:30Z is 09:30, 16:29Z is 17:29, 16:30Z is 17:30.
    assert.equal(london('2026-03-30T08:30:00Z'), true);
    assert.equal(london('2026-03-30T07:59:00Z'), false, '08:59 BST');
    assert.equal(london('2026-03-30T16:29:00Z'), true);
    assert.equal(london('2026-03-30T16:30:00Z'), false);
    // Friday 23 October, BST: 08:00Z is 09:00; Monday 26 October, GMT again: 08:00Z is 08:00.
    assert.equal(london('2026-10-23T08:00:00Z'), true);
    assert.equal(london('2026-10-26T08:00:00Z'), false);
    assert.equal(london('2026-10-26T17:15:00Z'), true, '17:15 GMT');
  });

  it('moves with daylight saving in New York, three weeks before London', () => {
    const ny = (iso: string) => isWorkingTime(at(iso), 'America/New_York');
    assert.equal(ny('2026-03-06T14:00:00Z'), true, 'Friday 09:00 EST');
    assert.equal(ny('2026-03-09T13:00:00Z'), true, 'Monday 09:00 EDT');
    assert.equal(ny('2026-03-02T13:00:00Z'), false, 'Monday 08:00 EST');
    assert.equal(ny('2026-03-09T21:29:00Z'), true, 'Monday 17:29 EDT');
    assert.equal(ny('2026-03-09T21:30:00Z'), false, 'Monday 17:30 EDT');
  });

  it('uses the weekday of the zone, not of UTC', () => {
    const auckland = (iso: string) => isWorkingTime(at(iso), 'Pacific/Auckland');
    assert.equal(auckland('2026-03-01T21:00:00Z'), true, 'Sunday in UTC, Monday 10:00 in Auckland');
    assert.equal(auckland('2026-03-06T21:00:00Z'), false, 'Friday in UTC, Saturday 10:00 in Auckland');
    const kolkata = (iso: string) => isWorkingTime(at(iso), 'Asia/Kolkata');
    assert.equal(kolkata('2026-03-02T03:30:00Z'), true, '09:00 IST (UTC+5:30)');
    assert.equal(kolkata('2026-03-02T03:29:00Z'), false, '08:59 IST');
  });
});
