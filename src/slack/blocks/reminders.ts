// The reminders the bot posts in an incident channel, and what an update reminder becomes once
// someone snoozes it.
import type { KnownBlock } from '@slack/types';
import { REMINDER_REPEATS, type ReminderKind } from '../../domain/reminders.ts';
import type { ReminderMessage } from '../../usecases/index.ts';
import { REMINDER_ACTIONS } from '../ids.ts';
import type { SlackMessage } from './headline.ts';
import { mention } from './mrkdwn.ts';

const TEXT: Record<ReminderKind, (addresseeId: string | null) => string> = {
  'no-lead': () => '👩‍🚒 This incident has no lead yet. Set one with `/incident lead @person`',
  'no-severity': () =>
    '🌤️ This incident has no severity yet. Set one with `/incident severity major` (or critical, minor, trivial)',
  update: () => ':mega: Time for a status update: tell everyone following this incident where things stand.',
  close: (addresseeId) =>
    `:timer_clock: ${addresseeId ? `${mention(addresseeId)}, this` : 'This'} incident has been running a long time. ` +
    'Can it be closed now? Remember to pin important messages in order to create the timeline.',
};

/** A reminder: its sentence, which of how many it is, and for updates the Snooze button. */
export const reminderMessage = (reminder: ReminderMessage): SlackMessage => {
  const text = TEXT[reminder.kind](reminder.addresseeId);
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: `reminder-${reminder.kind}`, text: { type: 'mrkdwn', text } },
  ];
  if (reminder.kind === 'update') {
    blocks.push({
      type: 'actions',
      block_id: `reminder-actions-${reminder.incidentId}`,
      elements: [
        {
          type: 'button',
          action_id: REMINDER_ACTIONS.snooze,
          text: { type: 'plain_text', text: ':zzz: Snooze 30 min', emoji: true },
          value: String(reminder.incidentId),
        },
      ],
    });
  } else {
    // Update reminders count afresh after every update, so only the others say how many are left.
    const which = `Reminder ${reminder.seq} of ${REMINDER_REPEATS}`;
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: which }] });
  }
  return { text, blocks };
};

/** Clock time in the incident time zone, for Slack clients that cannot show a date token. */
const clockTime = (at: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);

/** The update reminder after a snooze: who snoozed it, and until when (shown in each reader's own time zone). */
export const snoozedMessage = (snooze: { userId: string | null; until: Date }, timeZone: string): SlackMessage => {
  const seconds = Math.floor(snooze.until.getTime() / 1000);
  const until = `<!date^${seconds}^{time}|${clockTime(snooze.until, timeZone)}>`;
  const who = snooze.userId ? ` by ${mention(snooze.userId)}` : '';
  const text = `:zzz: Status update reminder snoozed${who} until ${until}.`;
  return { text, blocks: [{ type: 'section', block_id: 'reminder-snoozed', text: { type: 'mrkdwn', text } }] };
};
