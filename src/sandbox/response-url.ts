// response_url (README §2.3): a per-interaction webhook the bot may POST to up to 5 times within 30 minutes.
// Default ephemeral; `response_type: in_channel` posts to the channel; replace_/delete_original edit the
// message the interaction came from.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './api/args.ts';
import { readContent } from './api/message-content.ts';
import { readBody, sendJson } from './http-util.ts';
import { opaqueId } from './ids.ts';
import {
  baseUrl,
  changed,
  channelMessages,
  findMessage,
  nextTs,
  type ResponseUrlRecord,
  type Workspace,
} from './state.ts';

/** How many messages one response_url takes (README §2.3). */
export const RESPONSE_URL_MAX_USES = 5;
/** How long a response_url lives (README §2.3). */
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;

/** Makes a response_url for an interaction in `channel` by `user` (on the message `messageTs`, if any). */
export function issueResponseUrl(ws: Workspace, o: Omit<ResponseUrlRecord, 'createdAt' | 'uses'>): string {
  const id = opaqueId();
  ws.responseUrls.set(id, { ...o, createdAt: ws.now(), uses: 0 });
  return `${baseUrl(ws)}/response/${id}`;
}

/** Applies a message payload (a response_url POST or a slash command's reply); returns Slack's error code, if any. */
export function respond(
  ws: Workspace,
  target: ResponseUrlRecord,
  payload: Record<string, unknown>,
): string | undefined {
  const original = target.messageTs;
  if (payload.delete_original === true || payload.delete_original === 'true') {
    if (original === undefined) return undefined;
    if (target.ephemeral) ws.ephemerals = ws.ephemerals.filter((e) => !(e.ts === original && e.user === target.user));
    else
      ws.messages.set(
        target.channel,
        channelMessages(ws, target.channel).filter((m) => m.ts !== original),
      );
    return undefined;
  }
  let content: { text?: string; blocks?: unknown[] };
  try {
    content = readContent(payload);
  } catch (error) {
    if (error instanceof ApiError) return error.code;
    throw error;
  }
  if (content.text === undefined && content.blocks === undefined) return 'no_text';
  const replace = payload.replace_original === true || payload.replace_original === 'true';
  if (replace && original !== undefined) {
    const message = target.ephemeral
      ? ws.ephemerals.find((e) => e.ts === original && e.user === target.user)
      : findMessage(ws, target.channel, original);
    if (!message) return 'message_not_found';
    message.text = content.text ?? '';
    if (content.blocks) message.blocks = content.blocks;
    else delete message.blocks;
    return undefined;
  }
  const text = content.text ?? '';
  const blocks = content.blocks ? { blocks: content.blocks } : {};
  if (payload.response_type === 'in_channel') {
    const threadTs = typeof payload.thread_ts === 'string' ? { threadTs: payload.thread_ts } : {};
    channelMessages(ws, target.channel).push({
      ts: nextTs(ws),
      channel: target.channel,
      user: ws.botUserId,
      botId: ws.botId,
      text,
      ...blocks,
      ...threadTs,
      reactions: [],
    });
  } else {
    ws.ephemerals.push({
      channel: target.channel,
      user: target.user,
      text,
      ...blocks,
      via: 'response_url',
      ts: nextTs(ws),
    });
  }
  return undefined;
}

/** Serves `POST /response/<id>`: 404 once used 5 times or after 30 minutes, 400 for a bad message. */
export async function serveResponseUrl(ws: Workspace, id: string, req: IncomingMessage, res: ServerResponse) {
  const text = await readBody(req);
  const target = ws.responseUrls.get(id);
  if (!target) return sendJson(res, 404, { ok: false, error: 'invalid_url' });
  if (ws.now() - target.createdAt > RESPONSE_URL_TTL_MS) return sendJson(res, 404, { ok: false, error: 'expired_url' });
  if (target.uses >= RESPONSE_URL_MAX_USES) return sendJson(res, 404, { ok: false, error: 'used_url' });
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return sendJson(res, 400, { ok: false, error: 'invalid_payload' });
  }
  if (typeof payload !== 'object' || payload === null)
    return sendJson(res, 400, { ok: false, error: 'invalid_payload' });
  const error = respond(ws, target, payload as Record<string, unknown>);
  if (error) return sendJson(res, 400, { ok: false, error });
  target.uses += 1;
  changed(ws);
  sendJson(res, 200, { ok: true });
}
