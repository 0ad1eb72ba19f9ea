// Real Slack request bodies for the load, made by the sandbox itself: its request URL is pointed at
// a capture server for a moment, people "type" /incident and pin messages, and every body the
// sandbox sends is kept. Slash command bodies so carry trigger ids and response_urls the sandbox
// issued (and will accept once each); pin_added envelopes are copied with fresh event_ids.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxSlack } from '../src/sandbox/index.ts';
import { signSlackBody } from '../src/slack/verify-signature.ts';
import type { PreparedRequest } from './load-generator.ts';

/** A request body as Slack sent it, before signing. */
export interface SlackBody {
  readonly kind: 'command' | 'pin';
  readonly contentType: string;
  readonly body: string;
}

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** Runs `work` with the sandbox sending to a server that keeps every body and answers 200 empty. */
const capturing = async (slack: SandboxSlack, restoreUrl: string, work: (bodies: string[]) => Promise<void>) => {
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.statusCode = 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  slack.setRequestUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
  try {
    await work(bodies);
  } finally {
    slack.setRequestUrl(restoreUrl);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return bodies;
};

/** Runs `count` tasks, `width` at a time. */
const inBatches = async (count: number, width: number, task: (i: number) => Promise<unknown>) => {
  for (let start = 0; start < count; start += width) {
    const batch = Array.from({ length: Math.min(width, count - start) }, (_, k) => task(start + k));
    await Promise.all(batch);
  }
};

/**
 * `count` /incident commands typed by the reporters in turn, each with its own trigger id and
 * response_url. Trigger ids live 3 s on the sandbox's clock: hold the clock still until they are used.
 */
export const harvestCommands = async (
  slack: SandboxSlack,
  o: { restoreUrl: string; reporters: readonly string[]; channel: string; count: number; label: string },
): Promise<SlackBody[]> => {
  const bodies = await capturing(slack, o.restoreUrl, () =>
    inBatches(o.count, 50, (i) =>
      slack.slashCommand({
        user: o.reporters[i % o.reporters.length] as string,
        channel: o.channel,
        text: `${o.label} ${i + 1}: checkout latency above 2s`,
      }),
    ),
  );
  return bodies.map((body) => ({ kind: 'command', contentType: FORM, body }));
};

/**
 * Posts `count` messages in the incident channel and pins each once, keeping the pin_added
 * envelopes (the message events the posts cause go to the capture server too, and are dropped).
 */
export const harvestPins = async (
  slack: SandboxSlack,
  o: { restoreUrl: string; author: string; pinner: string; channel: string; count: number },
): Promise<Record<string, unknown>[]> => {
  const messages: string[] = [];
  await capturing(slack, o.restoreUrl, () =>
    inBatches(o.count, 50, async (i) => {
      const m = await slack.postMessage({
        user: o.author,
        channel: o.channel,
        text: `Update ${i + 1}: error rate ${(i % 17) + 1}% on checkout, rolling back build ${1000 + i}`,
      });
      messages.push(m.ts);
    }),
  );
  const bodies = await capturing(slack, o.restoreUrl, () =>
    inBatches(messages.length, 50, (i) => slack.pin({ user: o.pinner, channel: o.channel, ts: messages[i] as string })),
  );
  return bodies.map((body) => JSON.parse(body) as Record<string, unknown>);
};

let eventSerial = 0;

/** A copy of a captured pin_added envelope under a new, never used event_id. */
export const pinWithFreshId = (envelope: Record<string, unknown>): SlackBody => {
  eventSerial += 1;
  const eventId = `Ev${eventSerial.toString(36).toUpperCase().padStart(10, '0')}`;
  const event = envelope.event as { type?: string };
  const context = Buffer.from(JSON.stringify({ et: event.type, tid: envelope.team_id, eid: eventId })).toString(
    'base64url',
  );
  const body = JSON.stringify({ ...envelope, event_id: eventId, event_context: `4-${context}` });
  return { kind: 'pin', contentType: JSON_TYPE, body };
};

/** Alternates commands and pins: half and half, interleaved so every second of load has both. */
export const interleave = (commands: readonly SlackBody[], pins: readonly SlackBody[]): SlackBody[] => {
  const mixed: SlackBody[] = [];
  for (let i = 0; i < Math.max(commands.length, pins.length); i++) {
    const command = commands[i];
    const pin = pins[i];
    if (command) mixed.push(command);
    if (pin) mixed.push(pin);
  }
  return mixed;
};

/** Signs every body now (Slack's five-minute window covers a phase), ready for autocannon. */
export const signAll = (bodies: readonly SlackBody[], secret: string, path: string): PreparedRequest[] => {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return bodies.map(({ kind, contentType, body }) => ({
    kind,
    path,
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signSlackBody(secret, timestamp, body),
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    },
  }));
};
