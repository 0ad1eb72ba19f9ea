// Sessions: the `ib_session` cookie holds 256 random bits; the database keeps only their SHA-256, so a
// copy of the table (a backup, a replica) cannot be replayed as cookies. Sessions last 12 hours from
// sign-in; an expired one is deleted when it is next presented, and all expired ones whenever a new
// session starts.
import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Clock } from '../../usecases/index.ts';
import { cookieOptions, readCookie } from './cookies.ts';
import type { SessionStore } from './session-store.ts';
import type { WebUser } from './user.ts';

export const SESSION_COOKIE = 'ib_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;

/** A live session as the web layer uses it. */
export interface Session {
  readonly user: WebUser;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

/** Read, start and end the session of a request. */
export interface Sessions {
  /** The request's live session, or null (no cookie, unknown, or expired: then it is deleted). */
  read(req: Request): Promise<Session | null>;
  /** Starts a session for `user` (ending the request's current one, so an id is never reused) and sets the cookie. */
  start(req: Request, res: Response, user: WebUser): Promise<Session>;
  /** Ends the request's session, if any, and clears the cookie. */
  end(req: Request, res: Response): Promise<void>;
}

const hash = (secret: string): string => createHash('sha256').update(secret).digest('base64url');

/** Sessions on a store, with the cookie Secure when the site is served over https. */
export const createSessions = (store: SessionStore, options: { secure: boolean; clock: Clock }): Sessions => {
  const cookieId = (req: Request): string | null => {
    const value = readCookie(req, SESSION_COOKIE);
    return value && COOKIE_VALUE.test(value) ? hash(value) : null;
  };
  const clear = (res: Response) => res.clearCookie(SESSION_COOKIE, cookieOptions(options.secure));

  return {
    async read(req) {
      const id = cookieId(req);
      if (!id) return null;
      const row = await store.find(id);
      if (!row) return null;
      if (row.expiresAt.getTime() <= options.clock.now().getTime()) {
        await store.delete(id);
        return null;
      }
      return {
        user: { slackId: row.userId, name: row.name, email: row.email },
        csrfToken: row.csrfToken,
        expiresAt: row.expiresAt,
      };
    },

    async start(req, res, user) {
      const now = options.clock.now();
      const previous = cookieId(req);
      if (previous) await store.delete(previous);
      await store.deleteExpired(now);
      const secret = randomBytes(32).toString('base64url');
      const session: Session = {
        user,
        csrfToken: randomBytes(32).toString('base64url'),
        expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
      };
      await store.create({
        id: hash(secret),
        userId: user.slackId,
        name: user.name,
        email: user.email,
        csrfToken: session.csrfToken,
        createdAt: now,
        expiresAt: session.expiresAt,
      });
      res.cookie(SESSION_COOKIE, secret, { ...cookieOptions(options.secure), maxAge: SESSION_TTL_MS });
      return session;
    },

    async end(req, res) {
      const id = cookieId(req);
      if (id) await store.delete(id);
      clear(res);
    },
  };
};
