// A tiny node:http receiver standing in for the bot: verifies Slack's v0 signature with node:crypto (independently
// of the sandbox's own signing code), decodes the body, records it, and answers with whatever the test scripts.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the sandbox sent. */
export interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  contentType: string;
  signatureValid: boolean;
  /** Slash commands: the form fields, in order. */
  form?: [string, string][];
  /** Interactivity: the parsed `payload` field. Events: the parsed JSON body. */
  // biome-ignore lint/suspicious/noExplicitAny: test-side view of arbitrary Slack JSON
  json?: any;
}

/** How the fake bot answers one request. */
export interface Answer {
  status?: number;
  body?: unknown;
  delayMs?: number;
}

/** The running fake bot. */
export interface FakeBot {
  url: string;
  received: Received[];
  answer: (r: Received) => Answer | Promise<Answer>;
  stop(): Promise<void>;
}

const verify = (secret: string, headers: IncomingHttpHeaders, raw: string): boolean => {
  const timestamp = headers['x-slack-request-timestamp'];
  const signature = headers['x-slack-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return false;
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${raw}`).digest('hex')}`);
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
};

/** Starts a fake bot on an ephemeral port; by default it answers every request with an empty 200. */
export async function startFakeBot(secret: string): Promise<FakeBot> {
  const bot: FakeBot = { url: '', received: [], answer: () => ({}), stop: async () => {} };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const contentType = String(req.headers['content-type'] ?? '');
    const r: Received = { headers: req.headers, raw, contentType, signatureValid: verify(secret, req.headers, raw) };
    if (contentType.startsWith('application/x-www-form-urlencoded')) {
      r.form = [...new URLSearchParams(raw)];
      const payload = new URLSearchParams(raw).get('payload');
      if (payload !== null) r.json = JSON.parse(payload);
    } else if (contentType.startsWith('application/json')) {
      r.json = JSON.parse(raw);
    }
    bot.received.push(r);
    const a = await bot.answer(r);
    if (a.delayMs) await new Promise((resolve) => setTimeout(resolve, a.delayMs));
    if (a.body === undefined) {
      res.writeHead(a.status ?? 200).end();
    } else if (typeof a.body === 'string') {
      res.writeHead(a.status ?? 200, { 'content-type': 'text/plain' }).end(a.body);
    } else {
      res.writeHead(a.status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(a.body));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  bot.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  bot.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return bot;
}

// Slack's own sample payloads, copied into the repository from the shared reference folder.
const FIXTURES = new URL('../../fixtures/slack/', import.meta.url);

/** A fixture file parsed as JSON. */
// biome-ignore lint/suspicious/noExplicitAny: fixtures are arbitrary Slack JSON
export const fixture = (name: string): any => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));

/** A fixture file as text. */
export const fixtureText = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');

/**
 * Key paths present in `expected` but missing from `actual` (objects recursively, arrays by their first item),
 * so a payload can be checked against a fixture's field names without caring about values.
 */
export function missingKeys(expected: unknown, actual: unknown, path = ''): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path} (not an array)`];
    return expected.length > 0 && actual.length > 0 ? missingKeys(expected[0], actual[0], `${path}/0`) : [];
  }
  if (typeof expected !== 'object' || expected === null) return [];
  if (typeof actual !== 'object' || actual === null) return [`${path} (not an object)`];
  return Object.entries(expected).flatMap(([key, value]) =>
    key in actual ? missingKeys(value, (actual as Record<string, unknown>)[key], `${path}/${key}`) : [`${path}/${key}`],
  );
}
