// Pins become the timeline: pin_added records the pinned message (author, its text as Slack sent
// it, its own time, permalink, files by reference); pin_removed hides the entry (§3.8).
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { userActor } from '../../../domain/index.ts';
import { captureMessage, releaseMessage } from '../../../usecases/index.ts';
import { slackTsToDate } from '../../slack-time.ts';
import type { ListenerDeps } from '../deps.ts';

const File = z.object({ id: z.string(), name: z.string().nullish(), permalink: z.string().nullish() });

const PinEvent = z.object({
  user: z.string(),
  channel_id: z.string(),
  item: z.object({
    type: z.string(),
    channel: z.string().optional(),
    message: z
      .object({
        ts: z.string(),
        text: z.string().nullish(),
        user: z.string().nullish(),
        permalink: z.string().nullish(),
        files: z.array(File).nullish(),
      })
      .optional(),
  }),
});

/** Registers pin_added and pin_removed. */
export const registerPinEvents = (app: App, deps: ListenerDeps): void => {
  const channelWrite = { ...deps.write, chatState: deps.chatState };

  app.event('pin_added', async ({ event }) => {
    const pin = PinEvent.safeParse(event);
    // File pins (item.file) and anything unreadable are not messages: nothing to record.
    const message = pin.success ? pin.data.item.message : undefined;
    if (!pin.success || !message) return;
    await captureMessage(channelWrite, {
      source: 'pin',
      actor: userActor(pin.data.user),
      message: {
        channelId: pin.data.item.channel ?? pin.data.channel_id,
        ts: message.ts,
        text: message.text ?? '',
        authorId: message.user ?? null,
        at: slackTsToDate(message.ts),
        permalink: message.permalink ?? null,
        files: (message.files ?? []).map((f) => ({ id: f.id, name: f.name ?? null, permalink: f.permalink ?? null })),
      },
    });
  });

  app.event('pin_removed', async ({ event }) => {
    const pin = PinEvent.safeParse(event);
    const message = pin.success ? pin.data.item.message : undefined;
    if (!pin.success || !message) return;
    const channelId = pin.data.item.channel ?? pin.data.channel_id;
    await releaseMessage(channelWrite, { channelId, ts: message.ts, actor: userActor(pin.data.user) });
  });
};
