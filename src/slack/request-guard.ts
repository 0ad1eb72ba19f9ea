// The door every Slack request walks through before Bolt sees it: the raw body is read once,
// the signature checked against it, and requests from other workspaces turned away. Nothing
// behind this runs for a request that fails here, so a forged or replayed request changes nothing.
import { parse as parseForm } from 'node:querystring';
import express, { type Request, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { verifySlackSignature } from './verify-signature.ts';

/** What the guard needs to know. */
export interface GuardOptions {
  readonly signingSecret: string;
  /** The one workspace allowed in; null admits any (single-workspace installs set it). */
  readonly teamId: string | null;
  /** Milliseconds since the epoch; a parameter so tests can pin it. */
  readonly now: () => number;
  readonly logger: Logger;
}

type Body = Record<string, unknown>;

/** A verified Slack request as the guard leaves it for the handlers behind it (`res.locals.slackRequest`). */
export interface SlackRequest {
  readonly body: Body;
  /** The body as Slack sent it. */
  readonly text: string;
}

const FORM = 'application/x-www-form-urlencoded';

const mediaType = (req: Request): string => (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';

const parseBody = (req: Request, raw: string): Body => {
  if (mediaType(req) !== FORM) return JSON.parse(raw) as Body;
  const form = parseForm(raw) as Body;
  return typeof form.payload === 'string' ? (JSON.parse(form.payload) as Body) : form;
};

const field = (value: unknown, key: string): unknown =>
  value && typeof value === 'object' ? (value as Body)[key] : undefined;

/** The workspace a request comes from, wherever this kind of request carries it (§3.1–3.8). */
const teamOf = (body: Body): string | undefined => {
  const candidates = [body.team_id, field(body.team, 'id'), field(body.user, 'team_id'), field(body.view, 'team_id')];
  return candidates.find((c): c is string => typeof c === 'string' && c !== '');
};

/** Express handlers to put in front of Bolt's receiver on every Slack path. */
export const slackRequestGuard = (options: GuardOptions): RequestHandler[] => [
  express.raw({ type: () => true, limit: '1mb' }),
  (req, res, next) => {
    const rawBody: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const verdict = verifySlackSignature(
      options.signingSecret,
      {
        timestamp: req.header('x-slack-request-timestamp'),
        signature: req.header('x-slack-signature'),
        rawBody,
      },
      options.now(),
    );
    if (verdict !== 'ok') {
      options.logger.warn({ verdict, path: req.path }, 'refused a Slack request: signature %s', verdict);
      res.status(401).type('text/plain').send(`Slack signature ${verdict}`);
      return;
    }
    const text = rawBody.toString('utf8');
    let body: Body;
    try {
      body = parseBody(req, text);
    } catch {
      res.status(400).type('text/plain').send('Unreadable Slack request body');
      return;
    }
    const team = teamOf(body);
    if (options.teamId && team && team !== options.teamId) {
      options.logger.warn({ team, path: req.path }, 'refused a Slack request from another workspace');
      // Tell Slack not to retry an event it can never deliver here (§2.4).
      res.status(403).set('x-slack-no-retry', '1').type('text/plain').send('Wrong Slack workspace');
      return;
    }
    // Bolt reads the raw body from here instead of the (already consumed) stream, and only
    // recognises the bare form media type, so drop any charset suffix.
    Object.assign(req, { rawBody });
    // The event inbox reads the request from here: parsed, and as sent (which it stores as is).
    // Bolt parses its own copy.
    res.locals.slackRequest = { body, text } satisfies SlackRequest;
    if (mediaType(req) === FORM) req.headers['content-type'] = FORM;
    req.body = undefined;
    next();
  },
];
