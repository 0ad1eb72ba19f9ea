import type { ChatStateStore } from './chat-ports.ts';

/** Keeps the stored name of an incident channel in step after someone renames it in Slack. */
export const renameIncidentChannel = async (
  deps: { readonly chatState: Pick<ChatStateStore, 'renameChannel'> },
  input: { readonly channelId: string; readonly name: string },
): Promise<boolean> => deps.chatState.renameChannel(input.channelId, input.name);
