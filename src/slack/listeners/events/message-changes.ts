// A captured message stays true to Slack: an edit rewrites its entry, a deletion hides it
// (message_changed / message_deleted, §3.9). The ts of those events is the change's; the message's
// own ts is message.ts and deleted_ts.
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { editCapturedMessage, forgetDeletedMessage } from '../../../usecases/index.ts';
import type { ListenerDeps } from '../deps.ts';
import { settle } from './settle.ts';

const File = z.object({ id: z.string(), name: z.string().nullish(), permalink: z.string().nullish() });

const Changed = z.object({
  subtype: z.literal('message_changed'),
  channel: z.string(),
  message: z.object({
    ts: z.string(),
    text: z.string().nullish(),
    user: z.string().nullish(),
    files: z.array(File).nullish(),
  }),
});

const Deleted = z.object({ subtype: z.literal('message_deleted'), channel: z.string(), deleted_ts: z.string() });

/** Registers the message event for edits and deletions; other messages are not the timeline's business. */
export const registerMessageChanges = (app: App, deps: ListenerDeps): void => {
  const channelWrite = { ...deps.write, chatState: deps.chatState };

  app.event('message', ({ event, context }) =>
    settle(deps.logger, 'message', async () => {
      const changed = Changed.safeParse(event);
      if (changed.success) {
        const { channel, message } = changed.data;
        // The bot editing its own headline or reminders: never on the timeline.
        if (message.user && message.user === context.botUserId) return;
        await editCapturedMessage(channelWrite, {
          channelId: channel,
          ts: message.ts,
          text: message.text ?? '',
          files: (message.files ?? []).map((f) => ({ id: f.id, name: f.name ?? null, permalink: f.permalink ?? null })),
        });
        return;
      }
      const deleted = Deleted.safeParse(event);
      if (deleted.success) {
        await forgetDeletedMessage(channelWrite, { channelId: deleted.data.channel, ts: deleted.data.deleted_ts });
      }
    }),
  );
};
