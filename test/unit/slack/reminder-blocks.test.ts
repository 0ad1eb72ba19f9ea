import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reminderMessage, snoozedMessage } from '../../../src/slack/blocks/reminders.ts';
import { REMINDER_ACTIONS } from '../../../src/slack/ids.ts';

const buttons = (blocks: unknown[]) =>
  blocks
    .flatMap((b) => (b as { elements?: { type: string; action_id?: string; value?: string }[] }).elements ?? [])
    .filter((e) => e.type === 'button');

describe('reminder messages', () => {
  it('ask for a lead in the words of the issue, saying which of five it is', () => {
    const message = reminderMessage({ incidentId: 42, kind: 'no-lead', seq: 2, addresseeId: null });
    assert.equal(message.text, '👩‍🚒 This incident has no lead yet. Set one with `/incident lead @person`');
    assert.ok(JSON.stringify(message.blocks).includes('Reminder 2 of 5'));
    assert.deepEqual(buttons(message.blocks), []);
  });

  it('offer Snooze 30 min on the update reminder only, carrying the incident', () => {
    const message = reminderMessage({ incidentId: 42, kind: 'update', seq: 7, addresseeId: null });
    assert.match(message.text, /status update/);
    const [snooze] = buttons(message.blocks);
    assert.equal(snooze?.action_id, REMINDER_ACTIONS.snooze);
    assert.equal(snooze?.value, '42');
    assert.ok(JSON.stringify(message.blocks).includes('Snooze 30 min'));
    assert.ok(!JSON.stringify(message.blocks).includes('Reminder 7'), 'update reminders do not count down');
  });

  it('ask the person named whether the incident can be closed, and to pin what matters', () => {
    const message = reminderMessage({ incidentId: 42, kind: 'close', seq: 1, addresseeId: 'U0LEAD' });
    assert.equal(
      message.text,
      ':timer_clock: <@U0LEAD>, this incident has been running a long time. Can it be closed now? ' +
        'Remember to pin important messages in order to create the timeline.',
    );
    const nobody = reminderMessage({ incidentId: 42, kind: 'close', seq: 1, addresseeId: null });
    assert.match(nobody.text, /^:timer_clock: This incident has been running/);
  });

  it('say who snoozed until when, with the wall-clock time of the incident time zone as the fallback', () => {
    // 09:15Z on 30 March 2026 is 10:15 in London (BST) and 05:15 in New York (EDT).
    const until = new Date('2026-03-30T09:15:00Z');
    const london = snoozedMessage({ userId: 'U0ALICE', until }, 'Europe/London');
    assert.equal(
      london.text,
      `:zzz: Status update reminder snoozed by <@U0ALICE> until <!date^${until.getTime() / 1000}^{time}|10:15>.`,
    );
    assert.deepEqual(buttons(london.blocks), [], 'no button left to press');
    assert.match(snoozedMessage({ userId: null, until }, 'America/New_York').text, /snoozed until .*\|05:15>\.$/);
  });
});
