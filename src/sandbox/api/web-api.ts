// The Web API endpoint `POST <apiUrl><method>` (README §4): decode arguments, authenticate, apply injected
// faults, run the method, record the call. Errors are HTTP 200 `{ok:false,error}` except 429 and faults.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseForm, readBody, sendJson } from '../http-util.ts';
import { changed, type Workspace } from '../state.ts';
import { ApiError, type Handler } from './args.ts';
import { chatMethods } from './chat.ts';
import { conversationManageMethods } from './conversations-manage.ts';
import { conversationReadMethods } from './conversations-read.ts';
import { itemMethods } from './items.ts';
import { peopleMethods } from './people.ts';
import { viewMethods } from './views.ts';

/** Every method the sandbox implements, by name. */
export const METHODS: Record<string, Handler> = {
  ...peopleMethods,
  ...viewMethods,
  ...chatMethods,
  ...conversationManageMethods,
  ...conversationReadMethods,
  ...itemMethods,
};

const JSON_ARGS = ['blocks', 'attachments', 'view', 'metadata'];

/** Methods that only read: everything else that succeeds may change what people see. */
const READ_ONLY = new Set([
  'auth.test',
  'chat.getPermalink',
  'conversations.history',
  'conversations.info',
  'conversations.list',
  'conversations.members',
  'pins.list',
  'users.info',
  'users.list',
  'users.lookupByEmail',
]);

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Serves one Web API request and records it in `ws.calls`. */
export async function serveWebApi(ws: Workspace, method: string, req: IncomingMessage, res: ServerResponse) {
  const { args, token, problem } = await decode(req);
  const answer = problem ? fail(problem) : run(ws, method, args, token);
  const error = answer.body.ok === true ? undefined : String(answer.body.error);
  ws.calls.push({
    method,
    args: forTheRecord(args),
    ok: answer.body.ok === true,
    status: answer.status,
    ...(error ? { error } : {}),
  });
  sendJson(res, answer.status, answer.body, answer.headers);
  if (answer.body.ok === true && !READ_ONLY.has(method)) changed(ws);
}

const fail = (error: string, extra: Record<string, unknown> = {}): Answer => ({
  status: 200,
  body: { ok: false, error, ...extra },
});

function run(ws: Workspace, method: string, args: Record<string, unknown>, token: string | undefined): Answer {
  const handler = Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
  if (!handler) return fail('unknown_method', { req_method: method });
  const fault = takeFault(ws, method);
  if (fault) return fault;
  if (token === undefined) return fail('not_authed');
  if (token !== ws.botToken) return fail('invalid_auth');
  try {
    return { status: 200, body: { ok: true, ...handler({ ws, args }) } };
  } catch (error) {
    if (error instanceof ApiError) return fail(error.code, error.extra);
    // A sandbox bug: answer like Slack's own internal errors so the bot's error path runs, and say why.
    return { status: 500, body: { ok: false, error: 'internal_error', detail: String(error) } };
  }
}

function takeFault(ws: Workspace, method: string): Answer | undefined {
  const queue = ws.faults.get(method);
  const fault = queue?.[0];
  if (!queue || !fault) return undefined;
  fault.remaining -= 1;
  if (fault.remaining <= 0) queue.shift();
  if (fault.retryAfter !== undefined) {
    return {
      status: 429,
      body: { ok: false, error: 'ratelimited' },
      headers: { 'retry-after': String(fault.retryAfter) },
    };
  }
  const error = fault.error ?? (fault.status === 503 ? 'service_unavailable' : 'internal_error');
  return { status: fault.status ?? 200, body: { ok: false, error } };
}

async function decode(
  req: IncomingMessage,
): Promise<{ args: Record<string, unknown>; token?: string; problem?: string }> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const query = Object.fromEntries(url.searchParams);
  const text = await readBody(req);
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = text === '' ? {} : JSON.parse(text);
    } catch {
      return { args: query, token: bearer, problem: 'invalid_json' };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return { args: query, token: bearer, problem: 'json_not_object' };
    }
    // JSON bodies must carry the token in the header (README §4).
    return { args: { ...query, ...(parsed as Record<string, unknown>) }, token: bearer };
  }
  const args = { ...query, ...parseForm(text) };
  const formToken = typeof args.token === 'string' && args.token !== '' ? args.token : undefined;
  return { args, token: bearer ?? formToken };
}

// Calls are recorded without the token and with form-encoded JSON arguments decoded, so tests can read them.
function forTheRecord(args: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...args };
  delete copy.token;
  for (const name of JSON_ARGS) {
    if (typeof copy[name] === 'string') {
      try {
        copy[name] = JSON.parse(copy[name] as string);
      } catch {
        // Leave what the bot sent; the method has already answered invalid JSON.
      }
    }
  }
  return structuredClone(copy);
}
