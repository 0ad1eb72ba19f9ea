// `Authorization: Bearer <token>` for /api; the token's name becomes the actor of any change.
import type { RequestHandler } from 'express';
import type { Actor } from '../../domain/index.ts';
import { sendProblem } from './problem.ts';

/** Checks a presented token; null when it is unknown, revoked or malformed. */
export type VerifyToken = (token: string) => Promise<{ name: string } | null>;

/** Locals the API handlers can rely on after this middleware. */
export interface ApiLocals {
  actor: Actor;
}

/** Refuses the request with 401 problem+json unless it carries a valid token. */
export const bearerAuth =
  (verify: VerifyToken): RequestHandler =>
  async (req, res, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    const token = match?.[1];
    const found = token ? await verify(token) : null;
    if (!found) {
      res.set('WWW-Authenticate', token ? 'Bearer error="invalid_token"' : 'Bearer');
      return sendProblem(res, {
        status: 401,
        code: token ? 'token_invalid' : 'token_missing',
        detail: token
          ? 'The bearer token is unknown or revoked. Create one with: incident-bot token create --name NAME'
          : 'Send an API token as "Authorization: Bearer <token>" (create one with: incident-bot token create --name NAME).',
      });
    }
    (res.locals as ApiLocals).actor = { kind: 'token', tokenName: found.name };
    next();
  };
