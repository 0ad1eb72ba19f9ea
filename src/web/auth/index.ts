// Signing in to the web pages. The sign-in work (Sign in with Slack, proxy, none; sessions; CSRF)
// arrives with the web issue; until then pages are not served, so nothing here is reachable.
import { type RequestHandler, Router } from 'express';

/** What authentication gives the rest of the web layer. */
export interface WebAuth {
  /** Sign-in, callback and sign-out routes (readable without a session). */
  readonly routes: Router;
  /** Requires a signed-in person; fills PageLocals, else redirects to sign-in. */
  readonly requireUser: RequestHandler;
  /** Refuses a state-changing request without the session's CSRF token. */
  readonly verifyCsrf: RequestHandler;
}

/** Dependencies of authentication, filled in by the sign-in work. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in with the sign-in work
export interface WebAuthDeps {}

const refuse: RequestHandler = (_req, res) => {
  res.status(401).type('text/plain').send('Sign-in is not available yet.');
};

/** Builds authentication for the configured AUTH_MODE. */
export const createAuth = (_deps: WebAuthDeps): WebAuth => ({
  routes: Router(),
  requireUser: refuse,
  verifyCsrf: refuse,
});
