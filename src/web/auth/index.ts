// Signing in to the web pages, per AUTH_MODE: `slack` (Sign in with Slack, OpenID Connect), `proxy`
// (X-Forwarded-User from a trusted sign-in proxy) or `none` (local use: everyone is "Local user").
// With the sandbox Slack instead of a real one, `sandbox`: pick one of the sandbox's people.
// Every mode keeps a database session (the `ib_session` cookie), which carries the CSRF token.
import express, { type Request, type RequestHandler, type Response, Router } from 'express';
import type { Logger } from 'pino';
import { userActor } from '../../domain/index.ts';
import type { Clock } from '../../usecases/index.ts';
import { type ApiLocals, bearerAuth, type VerifyToken } from '../middleware/bearer-auth.ts';
import { sendProblem } from '../middleware/problem.ts';
import { sealingKey } from './cookies.ts';
import { verifyCsrf } from './csrf.ts';
import { safeNext, signInPath } from './next-path.ts';
import { html, refuse, STYLESHEET, STYLESHEET_PATH, wantsPage } from './pages.ts';
import { createProxyIdentity } from './proxy.ts';
import type { SessionStore } from './session-store.ts';
import { createSessions, type Session } from './sessions.ts';
import {
  sendProxySignIn,
  sendSandboxSignIn,
  sendSlackNotConfigured,
  sendSlackSignIn,
  sendSlackUnavailable,
} from './sign-in-page.ts';
import { createSlackSignIn, type SlackSignIn } from './slack-sign-in.ts';
import type { PageLocals, WebUser } from './user.ts';

export type { SessionStore, StoredSession } from './session-store.ts';
export type { PageLocals, WebUser } from './user.ts';

/** What authentication gives the rest of the web layer. */
export interface WebAuth {
  /** /signin, /auth/slack, /auth/slack/callback and POST /auth/signout (readable without a session). */
  readonly routes: Router;
  /** Requires a signed-in person; fills PageLocals, else redirects a page request to sign-in (401 otherwise). */
  readonly requireUser: RequestHandler;
  /**
   * For JSON endpoints outside /api (the legacy /core ones): a bearer token (ApiLocals.actor is the
   * token) or a signed-in person (PageLocals, and ApiLocals.actor is the person); else 401 problem+json.
   */
  readonly requireUserOrToken: RequestHandler;
  /** Parses urlencoded bodies and refuses a state-changing request without the session's CSRF token (403). */
  readonly verifyCsrf: RequestHandler;
}

/** The auth part of the configuration (config.auth has this shape). */
export interface AuthSettings {
  readonly mode: 'slack' | 'proxy' | 'none' | 'sandbox';
  readonly slackClientId: string | null;
  readonly slackClientSecret: string | null;
  readonly slackOidcIssuer: string;
  readonly trustedProxyCidrs: readonly string[];
  readonly sessionSecret: string | null;
}

/** Dependencies of authentication. */
export interface WebAuthDeps {
  readonly settings: AuthSettings;
  /** PUBLIC_URL: the callback is `${publicUrl}/auth/slack/callback`; https makes every cookie Secure. */
  readonly publicUrl: string;
  /** SLACK_TEAM_ID: only this workspace may sign in with Slack. */
  readonly teamId: string | null;
  readonly sessions: SessionStore;
  readonly logger: Logger;
  readonly verifyToken: VerifyToken;
  readonly clock?: Clock;
  /** The people of the sandbox Slack, for AUTH_MODE `sandbox` (a local try-out with no real Slack). */
  readonly sandboxPeople?: readonly WebUser[];
}

/** Who a request is from: a session, a reason to send them to sign in, or a refusal. */
type Outcome =
  | { kind: 'user'; session: Session }
  | { kind: 'sign-in' }
  | { kind: 'refused'; code: string; detail: string };

const urlencoded = express.urlencoded({ extended: false, limit: '8kb' });

const LOCAL_USER: WebUser = { slackId: 'local', name: 'Local user', email: null };

const sameUser = (a: WebUser, b: WebUser): boolean =>
  a.slackId === b.slackId && a.name === b.name && a.email === b.email;

const fillLocals = (res: Response, session: Session) => {
  const locals: PageLocals = { user: session.user, csrfToken: session.csrfToken };
  Object.assign(res.locals, locals);
};

/** Logs, once per start, what an operator must know about how people sign in. */
const warnAtStart = (deps: WebAuthDeps, slackConfigured: boolean) => {
  const { settings, logger } = deps;
  if (settings.mode === 'none') {
    logger.warn(
      'AUTH_MODE=none: web sign-in is OFF and everyone who can reach this service acts as "Local user". Use it only on your own machine; set AUTH_MODE=slack or proxy anywhere else.',
    );
  } else if (settings.mode === 'proxy' && settings.trustedProxyCidrs.length === 0) {
    logger.warn('AUTH_MODE=proxy without TRUSTED_PROXY_CIDRS: no request is trusted, so nobody can open the pages.');
  } else if (settings.mode === 'slack' && !slackConfigured) {
    logger.warn(
      'AUTH_MODE=slack but SLACK_CLIENT_ID/SLACK_CLIENT_SECRET are not set: nobody can sign in to the web pages until they are.',
    );
  } else if (settings.mode === 'slack') {
    if (!deps.teamId) {
      logger.warn(
        'SLACK_TEAM_ID is not set: people from ANY Slack workspace can sign in. Set it to your workspace id.',
      );
    }
    if (new URL(settings.slackOidcIssuer).protocol === 'http:') {
      logger.warn(
        { issuer: settings.slackOidcIssuer },
        'SLACK_OIDC_ISSUER is plain http: fine for a local stand-in only.',
      );
    }
    if (!settings.sessionSecret) {
      logger.warn('SESSION_SECRET is not set: sign-ins started on one replica (or before a restart) fail on another.');
    }
  }
};

/** Builds authentication for the configured AUTH_MODE. */
export const createAuth = (deps: WebAuthDeps): WebAuth => {
  const { settings, logger } = deps;
  const clock = deps.clock ?? { now: () => new Date() };
  const secure = deps.publicUrl.startsWith('https:');
  const sessions = createSessions(deps.sessions, { secure, clock });
  const proxyIdentity = createProxyIdentity(settings.mode === 'proxy' ? settings.trustedProxyCidrs : []);
  const key = sealingKey(settings.sessionSecret);
  const slack: SlackSignIn | null =
    settings.mode === 'slack' && settings.slackClientId && settings.slackClientSecret
      ? createSlackSignIn(
          {
            issuer: settings.slackOidcIssuer,
            clientId: settings.slackClientId,
            clientSecret: settings.slackClientSecret,
            publicUrl: deps.publicUrl,
            teamId: deps.teamId,
          },
          { key, secure, clock, logger },
        )
      : null;
  warnAtStart(deps, slack !== null);

  // Proxy and none name the person on every request; the session only carries the CSRF token.
  const sessionFor = async (req: Request, res: Response, user: WebUser) => {
    const session = await sessions.read(req);
    return session && sameUser(session.user, user) ? session : sessions.start(req, res, user);
  };

  const identify = async (req: Request, res: Response): Promise<Outcome> => {
    switch (settings.mode) {
      case 'sandbox':
      case 'slack': {
        const session = await sessions.read(req);
        return session ? { kind: 'user', session } : { kind: 'sign-in' };
      }
      case 'proxy': {
        const identity = proxyIdentity(req);
        if (!identity.ok) return { kind: 'refused', code: identity.code, detail: identity.detail };
        return { kind: 'user', session: await sessionFor(req, res, identity.user) };
      }
      case 'none':
        return { kind: 'user', session: await sessionFor(req, res, LOCAL_USER) };
    }
  };

  const alreadyIdentified = (res: Response): boolean => {
    const locals = res.locals as Partial<PageLocals>;
    return locals.user !== undefined && typeof locals.csrfToken === 'string';
  };

  const requireUser: RequestHandler = async (req, res, next) => {
    if (alreadyIdentified(res)) return next();
    const outcome = await identify(req, res);
    if (outcome.kind === 'user') {
      fillLocals(res, outcome.session);
      return next();
    }
    if (outcome.kind === 'refused') {
      return refuse(req, res, { status: 401, code: outcome.code, title: 'Not signed in', detail: outcome.detail });
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && wantsPage(req)) {
      return res.redirect(302, signInPath(safeNext(req.originalUrl)));
    }
    refuse(req, res, {
      status: 401,
      code: 'sign_in_required',
      title: 'Not signed in',
      detail: 'Your session has ended or you have not signed in. Sign in at /signin, then try again.',
      next: html`<p><a href="/signin">Sign in</a></p>`,
    });
  };

  const bearer = bearerAuth(deps.verifyToken);
  const requireUserOrToken: RequestHandler = async (req, res, next) => {
    // Only a bearer token is ours to check: a proxy may pass on its own Authorization (Basic, say).
    if (/^Bearer\s/i.test(req.get('authorization') ?? '')) return bearer(req, res, next);
    const outcome = alreadyIdentified(res) ? null : await identify(req, res);
    if (outcome && outcome.kind !== 'user') {
      res.set('WWW-Authenticate', 'Bearer');
      return sendProblem(res, {
        status: 401,
        code: outcome.kind === 'refused' ? outcome.code : 'sign_in_required',
        detail:
          outcome.kind === 'refused'
            ? outcome.detail
            : 'Send an API token as "Authorization: Bearer <token>" (incident-bot token create --name NAME), or sign in at /signin.',
      });
    }
    if (outcome) fillLocals(res, outcome.session);
    (res.locals as ApiLocals).actor = userActor((res.locals as PageLocals).user.slackId);
    next();
  };

  const routes = Router();
  routes.get(STYLESHEET_PATH, (_req, res) => {
    res.type('css').set('Cache-Control', 'public, max-age=86400').send(STYLESHEET);
  });

  routes.get('/signin', async (req, res) => {
    const next = safeNext(req.query.next);
    const signedOut = req.query['signed-out'] !== undefined;
    res.set('Cache-Control', 'no-store');
    switch (settings.mode) {
      case 'none':
        return res.redirect(302, next);
      case 'proxy': {
        const identity = proxyIdentity(req);
        return sendProxySignIn(res, {
          publicUrl: deps.publicUrl,
          next,
          signedInAs: identity.ok ? identity.user.name : null,
          problem: identity.ok ? null : identity.detail,
          signedOut,
        });
      }
      case 'sandbox':
        if (await sessions.read(req)) return res.redirect(302, next);
        return sendSandboxSignIn(res, next, deps.sandboxPeople ?? [], signedOut);
      case 'slack':
        if (!slack) return sendSlackNotConfigured(res, 200);
        if (await sessions.read(req)) return res.redirect(302, next);
        return sendSlackSignIn(res, next, signedOut);
    }
  });

  routes.get('/auth/slack', async (req, res) => {
    if (!slack) return sendSlackNotConfigured(res, settings.mode === 'slack' ? 503 : 404);
    if (!(await slack.begin(res, safeNext(req.query.next)))) sendSlackUnavailable(res);
  });

  routes.get('/auth/slack/callback', async (req, res) => {
    if (!slack) return sendSlackNotConfigured(res, settings.mode === 'slack' ? 503 : 404);
    const result = await slack.complete(req, res);
    if (!result.ok) {
      return refuse(req, res, { ...result, next: html`<p><a class="button" href="/signin">Back to sign-in</a></p>` });
    }
    await sessions.start(req, res, result.user);
    res.set('Cache-Control', 'no-store').redirect(303, result.next);
  });

  // The sandbox's people sign in by picking themselves: it is a local try-out, there is nothing to prove.
  routes.post('/auth/sandbox', urlencoded, async (req, res) => {
    const person = (deps.sandboxPeople ?? []).find((p) => p.slackId === req.body?.user);
    if (settings.mode !== 'sandbox' || !person) return res.redirect(303, '/signin');
    await sessions.start(req, res, person);
    res.set('Cache-Control', 'no-store').redirect(303, safeNext(req.body?.next));
  });

  // Needs the session's CSRF token, so another site cannot sign people out.
  routes.post(
    '/auth/signout',
    async (req, res, next) => {
      const session = await sessions.read(req);
      if (!session) return res.redirect(303, '/signin?signed-out');
      fillLocals(res, session);
      next();
    },
    verifyCsrf,
    async (req, res) => {
      await sessions.end(req, res);
      logger.info({ userId: (res.locals as PageLocals).user.slackId }, 'Signed out');
      res.redirect(303, settings.mode === 'none' ? '/' : '/signin?signed-out');
    },
  );

  return { routes, requireUser, requireUserOrToken, verifyCsrf };
};
