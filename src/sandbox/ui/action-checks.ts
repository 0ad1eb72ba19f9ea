// What every UI action checks before it does anything, as Slack's client and server would: the fields its JSON
// body must hold, the person acting, the conversation and whether they may write in it; and text typed in the
// page turned into what Slack's client sends. A failed check is a UiError: a sentence for the person.
import { openDm, type UserRecord, type Workspace } from '../state.ts';

/** An action's JSON body. */
export type Body = Record<string, unknown>;

/** An answer for the person: HTTP status, sentence, and extra fields (e.g. fieldErrors). */
export class UiError extends Error {
  constructor(
    message: string,
    readonly status = 400,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** A thrown error as a sentence: the sandbox's own ("sandbox: no message …") without the prefix. */
export function readable(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const plain = message.replace(/^sandbox:\s*/, '');
  return plain.charAt(0).toUpperCase() + plain.slice(1);
}

/** A required string field; `what` names it in the error. */
export const str = (body: Body, key: string, what = key): string => {
  const v = body[key];
  if (typeof v !== 'string' || v === '') throw new UiError(`Missing ${what}.`);
  return v;
};

/** An optional string field (an empty string counts as absent). */
export const optStr = (body: Body, key: string): string | undefined => {
  const v = body[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/** The person acting: every action names one, and it must be a person (not the bot). */
export function person(ws: Workspace, body: Body): UserRecord {
  const id = body.user;
  if (typeof id !== 'string' || id === '') throw new UiError('Choose who you are acting as first.');
  const user = ws.users.get(id);
  if (!user || user.isBot) throw new UiError(`There is no person ${id} in this workspace.`);
  return user;
}

/** A conversation id; the bot's user id means the person's DM with it (opened when needed). */
export function conversation(ws: Workspace, body: Body, userId: string): string {
  const id = str(body, 'channel', 'channel');
  return id === ws.botUserId ? openDm(ws, userId).id : id;
}

/** The person may write in the conversation (their DM with the bot always). */
export function writable(ws: Workspace, channelId: string, userId: string): void {
  if (channelId === ws.botUserId) return;
  const channel = ws.channels.get(channelId);
  if (!channel) throw new UiError('There is no such channel.', 404);
  if (channel.isIm) {
    if (channel.imUser !== userId) throw new UiError('That is not your conversation.', 403);
    return;
  }
  if (channel.isArchived) throw new UiError(`#${channel.name} is archived; nobody can write in it.`, 409);
  if (!channel.members.includes(userId)) throw new UiError(`Join #${channel.name} to write in it.`, 403);
}

const escapeText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * What Slack's client sends for typed text: &, < and > escaped; `@name` of a workspace member (the bot is
 * `@incident`) as `<@U…>`, `#name` of a channel as `<#C…|name>`.
 */
export function typedText(ws: Workspace, text: string): string {
  const users = [...ws.users.values()];
  const channels = [...ws.channels.values()].filter((c) => !c.isIm);
  return escapeText(text)
    .replace(/(^|[^\w@;&])@([A-Za-z0-9](?:[\w.-]*[A-Za-z0-9_])?)/g, (all, before: string, name: string) => {
      const user = users.find((u) => u.name.toLowerCase() === name.toLowerCase());
      return user ? `${before}<@${user.id}>` : all;
    })
    .replace(/(^|[^\w#;&])#([a-z0-9][a-z0-9_-]*)/g, (all, before: string, name: string) => {
      const channel = channels.find((c) => c.name === name);
      return channel ? `${before}<#${channel.id}|${channel.name}>` : all;
    });
}
