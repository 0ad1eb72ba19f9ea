// Someone renamed an incident channel in Slack: keep the stored name (shown on pages) in step.
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { renameIncidentChannel } from '../../../usecases/index.ts';
import type { ListenerDeps } from '../deps.ts';

const RenameEvent = z.object({ channel: z.object({ id: z.string(), name: z.string() }) });

/** Registers channel_rename and group_rename (the private-channel twin). */
export const registerChannelRename = (app: App, deps: ListenerDeps): void => {
  const listener = async ({ event }: { event: unknown }) => {
    const rename = RenameEvent.safeParse(event);
    if (!rename.success) return;
    const { id, name } = rename.data.channel;
    await renameIncidentChannel(deps, { channelId: id, name });
  };
  app.event('channel_rename', listener);
  app.event('group_rename', listener);
};
