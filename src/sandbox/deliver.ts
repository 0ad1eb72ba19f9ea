// Sends signed requests to the bot's request URL exactly as Slack does, and reads its reply within Slack's
// 3 s deadline (README §2.1). A late or failed reply is status 0: Slack treats it as failed.
import { slackSignature } from './signing.ts';
import type { Workspace } from './state.ts';

/** What the bot answered; status 0 when it did not answer in time or could not be reached. */
export interface AppReply {
  status: number;
  /** Parsed JSON, else the text, else null for an empty body. */
  body: unknown;
  text: string;
}

/** Overrides for forged or stale requests. */
export interface SignOptions {
  timestamp?: number;
  signature?: string | null;
  headers?: Record<string, string>;
}

/** POSTs a body to the request URL, signed now (unless overridden); returns the raw fetch Response. */
export async function sendSigned(
  ws: Workspace,
  body: string,
  contentType: string,
  sign: SignOptions = {},
  signal?: AbortSignal,
): Promise<Response> {
  if (ws.requestUrl === undefined) throw new Error('sandbox: no request URL; call setRequestUrl(url) first');
  const timestamp = sign.timestamp ?? Math.floor(ws.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
  };
  if (sign.signature !== null)
    headers['x-slack-signature'] = sign.signature ?? slackSignature(ws.signingSecret, timestamp, body);
  return fetch(ws.requestUrl, { method: 'POST', headers: { ...headers, ...sign.headers }, body, signal });
}

/** Sends and waits up to `timeoutMs` for the whole reply. */
export async function deliver(
  ws: Workspace,
  body: string,
  contentType: string,
  timeoutMs: number,
  headers: Record<string, string> = {},
): Promise<AppReply> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await sendSigned(ws, body, contentType, { headers }, signal);
    const text = await response.text();
    return { status: response.status, body: parseReply(text), text };
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('sandbox:')) throw error;
    return { status: 0, body: null, text: '' };
  }
}

const parseReply = (text: string): unknown => {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** A form body with one `payload` field holding JSON, as interactivity requests are sent (README §3.2). */
export const interactivityBody = (payload: unknown): string =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
