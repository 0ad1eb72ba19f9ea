// The ReminderNotifier port on Slack's Web API: reminders are plain channel messages, and a
// snoozed update reminder is edited in place so nobody clicks Snooze on it twice.
import type { WebClient } from '@slack/web-api';
import type { ReminderNotifier } from '../usecases/index.ts';
import { reminderMessage, snoozedMessage } from './blocks/reminders.ts';
import { slackCall } from './slack-errors.ts';

/** Where reminders go and how snooze times are written. */
export interface ReminderNotifierOptions {
  readonly client: WebClient;
  /** INCIDENT_TIMEZONE, for the clock time shown where Slack cannot localise it. */
  readonly timezone: string;
}

/** Reminders through Slack. */
export const createSlackReminderNotifier = ({ client, timezone }: ReminderNotifierOptions): ReminderNotifier => ({
  async postReminder(channelId, reminder) {
    const message = reminderMessage(reminder);
    const sent = await slackCall('chat.postMessage', () =>
      client.chat.postMessage({ channel: channelId, text: message.text, blocks: message.blocks, unfurl_links: false }),
    );
    return { channelId: String(sent.channel), ts: String(sent.ts) };
  },

  async markSnoozed(ref, snooze) {
    const message = snoozedMessage(snooze, timezone);
    await slackCall('chat.update', () =>
      client.chat.update({ channel: ref.channelId, ts: ref.ts, text: message.text, blocks: message.blocks }),
    );
  },
});
