// "Snooze 30 min" on an update reminder: acknowledge, push the next update's due time on, and turn
// the reminder into a note of who snoozed it until when (so nobody snoozes it twice).
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { isDomainError, userActor } from '../../../domain/index.ts';
import { snoozeUpdateReminder } from '../../../usecases/index.ts';
import { REMINDER_ACTIONS } from '../../ids.ts';
import type { ListenerDeps } from '../deps.ts';

const SnoozeClick = z.object({
  user: z.object({ id: z.string() }),
  actions: z.array(z.object({ value: z.string().regex(/^\d+$/) })).min(1),
  container: z.object({ channel_id: z.string(), message_ts: z.string() }).partial().optional(),
});

/** Registers the Snooze button. */
export const registerSnooze = (app: App, deps: ListenerDeps): void => {
  const snoozeDeps = { reminders: deps.reminders.store, notifier: deps.reminders.notifier, clock: deps.write.clock };
  app.action(REMINDER_ACTIONS.snooze, async ({ ack, body, respond }) => {
    await ack();
    const click = SnoozeClick.safeParse(body);
    if (!click.success) {
      deps.logger.warn({ issues: click.error.issues }, 'unreadable Snooze click');
      return;
    }
    const incidentId = Number(click.data.actions[0]?.value);
    const { channel_id: channelId, message_ts: ts } = click.data.container ?? {};
    try {
      const snoozed = await snoozeUpdateReminder(snoozeDeps, {
        incidentId,
        actor: userActor(click.data.user.id),
        message: channelId && ts ? { channelId, ts } : null,
      });
      // The reminder could not be edited to say so: tell the person who clicked, at least.
      if (!snoozed.messageEdited) {
        const until = `<!date^${Math.floor(snoozed.until.getTime() / 1000)}^{time}|in 30 minutes>`;
        await respond({ response_type: 'ephemeral', replace_original: false, text: `:zzz: Snoozed until ${until}.` });
      }
    } catch (error) {
      const text = isDomainError(error)
        ? `:warning: ${error.message}`
        : ':warning: The reminder could not be snoozed just now. Please try again.';
      if (!isDomainError(error)) deps.logger.warn({ err: error, incidentId }, 'snooze failed');
      await respond({ response_type: 'ephemeral', replace_original: false, text });
    }
  });
};
