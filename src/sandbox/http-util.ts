// Small node:http helpers shared by the Web API and response_url endpoints.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Slack refuses request bodies this large long before the sandbox would run out of memory. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * The whole request body as text; rejects bodies over 5 MB. When a host server's body parser has already
 * read the stream (the sandbox is best mounted before any), its parsed `req.body` is turned back into text.
 */
export async function readBody(req: IncomingMessage): Promise<string> {
  const parsed = (req as IncomingMessage & { body?: unknown }).body;
  if (req.readableEnded && parsed !== undefined) return bodyAsText(req, parsed);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function bodyAsText(req: IncomingMessage, parsed: unknown): string {
  if (typeof parsed === 'string') return parsed;
  if (Buffer.isBuffer(parsed)) return parsed.toString('utf8');
  const type = String(req.headers['content-type'] ?? '');
  if (type.startsWith('application/x-www-form-urlencoded') && typeof parsed === 'object' && parsed !== null) {
    return new URLSearchParams(
      Object.entries(parsed).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    ).toString();
  }
  return JSON.stringify(parsed ?? {});
}

/** Writes a JSON response. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** A form body as a plain object (the last value wins for repeated keys). */
export const parseForm = (text: string): Record<string, unknown> => Object.fromEntries(new URLSearchParams(text));
