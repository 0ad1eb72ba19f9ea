// Sign in with Slack: OpenID Connect, authorization code flow (../shared/slack/README.md §8).
// state, nonce and (when the provider supports it) a PKCE verifier travel in a short-lived sealed
// HttpOnly cookie scoped to /auth/slack, so the callback can check the answer belongs to this browser.
// The ID token's signature, iss, aud, exp and nonce are checked by openid-client; the workspace is
// checked here: `team=` on the authorize URL is only a hint, the `https://slack.com/team_id` claim is
// the control.
import type { Request, Response } from 'express';
import * as oidc from 'openid-client';
import type { Logger } from 'pino';
import type { Clock } from '../../usecases/index.ts';
import { cookieOptions, readCookie, seal, unseal } from './cookies.ts';
import type { WebUser } from './user.ts';

/** Where Slack (or a stand-in) is, and who we are to it. */
export interface SlackSignInSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly publicUrl: string;
  /** Only people of this workspace may sign in; null lets any workspace in (a warning is logged at start). */
  readonly teamId: string | null;
}

/** The outcome of the callback: a person and where they were going, or why not. */
export type SignInResult =
  | { ok: true; user: WebUser; next: string }
  | { ok: false; status: number; code: string; title: string; detail: string };

export const SIGN_IN_COOKIE = 'ib_signin';
export const SIGN_IN_COOKIE_PATH = '/auth/slack';
const TRANSACTION_TTL_MS = 10 * 60 * 1000;
export const TEAM_CLAIM = 'https://slack.com/team_id';
export const USER_CLAIM = 'https://slack.com/user_id';

/** What the sign-in cookie holds between the redirect to Slack and the callback. */
interface Transaction {
  state: string;
  nonce: string;
  verifier: string | null;
  next: string;
  expiresAt: number;
}

const isTransaction = (value: unknown): value is Transaction => {
  const t = value as Partial<Transaction> | null;
  return (
    typeof t?.state === 'string' &&
    typeof t.nonce === 'string' &&
    (t.verifier === null || typeof t.verifier === 'string') &&
    typeof t.next === 'string' &&
    typeof t.expiresAt === 'number'
  );
};

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

const START_AGAIN = 'Start again from the sign-in page.';

/** Why a callback failed, in words for the person and a code for the logs. */
const describeFailure = (error: unknown): Extract<SignInResult, { ok: false }> => {
  if (error instanceof oidc.AuthorizationResponseError) {
    const cancelled = error.error === 'access_denied';
    return {
      ok: false,
      status: cancelled ? 403 : 400,
      code: `slack_${error.error}`,
      title: cancelled ? 'Sign-in was cancelled' : 'Slack did not sign you in',
      detail: cancelled
        ? `You did not allow Incident Bot to sign you in with Slack. ${START_AGAIN}`
        : `Slack refused the sign-in (${error.error_description ?? error.error}). ${START_AGAIN}`,
    };
  }
  if (error instanceof TypeError) {
    return {
      ok: false,
      status: 502,
      code: 'slack_unreachable',
      title: 'Slack could not be reached',
      detail: `Incident Bot could not reach Slack to finish signing you in. Try again in a minute. ${START_AGAIN}`,
    };
  }
  return {
    ok: false,
    status: 400,
    code: 'sign_in_invalid',
    title: 'Sign-in could not be completed',
    detail: `Slack’s answer did not match this sign-in: the link may have been changed, used twice, or be too old. ${START_AGAIN}`,
  };
};

/** The Sign in with Slack flow: `begin` redirects to Slack, `complete` handles the callback. */
export const createSlackSignIn = (
  settings: SlackSignInSettings,
  deps: { key: Buffer; secure: boolean; clock: Clock; logger: Logger },
) => {
  const redirectUri = `${settings.publicUrl}/auth/slack/callback`;
  // Plain http is for a local stand-in (tests, the sandbox); a warning is logged at start.
  const insecure = new URL(settings.issuer).protocol === 'http:';
  let configuration: Promise<oidc.Configuration> | null = null;
  // Discovery happens at the first sign-in, not at start: Slack (or a stand-in served by this very
  // process) may not answer yet. A failure is not cached, so the next attempt tries again.
  const configure = (): Promise<oidc.Configuration> => {
    configuration ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        { client_secret: settings.clientSecret, redirect_uris: [redirectUri], response_types: ['code'] },
        oidc.ClientSecretPost(settings.clientSecret),
        {
          // Also check ID token signatures against the JWKS: needed without TLS, cheap with it.
          execute: [...(insecure ? [oidc.allowInsecureRequests] : []), oidc.enableNonRepudiationChecks],
          timeout: 10,
        },
      )
      .catch((error: unknown) => {
        configuration = null;
        throw error;
      });
    return configuration;
  };
  const clearTransaction = (res: Response) =>
    res.clearCookie(SIGN_IN_COOKIE, cookieOptions(deps.secure, SIGN_IN_COOKIE_PATH));

  return {
    /** Redirects to Slack's authorize URL; false (nothing sent) when Slack's configuration cannot be read. */
    async begin(res: Response, next: string): Promise<boolean> {
      let config: oidc.Configuration;
      try {
        config = await configure();
      } catch (error) {
        deps.logger.error({ err: error, issuer: settings.issuer }, 'Sign in with Slack: discovery failed');
        return false;
      }
      const pkce = config.serverMetadata().supportsPKCE();
      const transaction: Transaction = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: pkce ? oidc.randomPKCECodeVerifier() : null,
        next,
        expiresAt: deps.clock.now().getTime() + TRANSACTION_TTL_MS,
      };
      const parameters: Record<string, string> = {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        state: transaction.state,
        nonce: transaction.nonce,
      };
      if (transaction.verifier) {
        parameters.code_challenge = await oidc.calculatePKCECodeChallenge(transaction.verifier);
        parameters.code_challenge_method = 'S256';
      }
      if (settings.teamId) parameters.team = settings.teamId;
      res.cookie(SIGN_IN_COOKIE, seal(deps.key, transaction), {
        ...cookieOptions(deps.secure, SIGN_IN_COOKIE_PATH),
        maxAge: TRANSACTION_TTL_MS,
      });
      res.set('Cache-Control', 'no-store').redirect(302, oidc.buildAuthorizationUrl(config, parameters).href);
      return true;
    },

    /** Checks Slack's answer at the callback and returns the person, or why they cannot sign in. */
    async complete(req: Request, res: Response): Promise<SignInResult> {
      const transaction = unseal(deps.key, readCookie(req, SIGN_IN_COOKIE));
      clearTransaction(res);
      if (!isTransaction(transaction) || transaction.expiresAt <= deps.clock.now().getTime()) {
        deps.logger.warn('Sign in with Slack: callback without a valid sign-in cookie');
        return describeFailure(null);
      }
      const query = req.originalUrl.indexOf('?');
      // Built from PUBLIC_URL, not the Host header: it must equal the redirect_uri sent to Slack.
      const currentUrl = new URL(`${redirectUri}${query >= 0 ? req.originalUrl.slice(query) : ''}`);
      let claims: oidc.IDToken | undefined;
      try {
        const tokens = await oidc.authorizationCodeGrant(await configure(), currentUrl, {
          expectedState: transaction.state,
          expectedNonce: transaction.nonce,
          ...(transaction.verifier && { pkceCodeVerifier: transaction.verifier }),
          idTokenExpected: true,
        });
        claims = tokens.claims();
      } catch (error) {
        const failure = describeFailure(error);
        deps.logger.warn({ err: error, code: failure.code }, 'Sign in with Slack failed');
        return failure;
      }
      if (!claims) return describeFailure(null);
      const team = text(claims[TEAM_CLAIM]);
      if (settings.teamId && team !== settings.teamId) {
        deps.logger.warn({ team, sub: claims.sub }, 'Sign in with Slack refused: another workspace');
        return {
          ok: false,
          status: 403,
          code: 'slack_team_refused',
          title: 'That is another Slack workspace',
          detail:
            'You signed in with an account from a different Slack workspace. Only people in this Incident Bot’s own workspace can sign in: switch to that workspace in Slack, then start again from the sign-in page.',
        };
      }
      const slackId = text(claims[USER_CLAIM]) ?? claims.sub;
      const user: WebUser = {
        slackId,
        name: text(claims.name) ?? text(claims.given_name) ?? slackId,
        email: text(claims.email),
      };
      deps.logger.info({ userId: slackId, team }, 'Signed in with Slack');
      return { ok: true, user, next: transaction.next };
    },
  };
};

/** The Sign in with Slack flow's shape. */
export type SlackSignIn = ReturnType<typeof createSlackSignIn>;
