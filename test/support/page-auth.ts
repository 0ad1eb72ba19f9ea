// A stand-in WebAuth for page tests that build the page router alone (without the service): one
// signed-in person and a fixed CSRF token, checked the way the real verifyCsrf checks it.
import express, { type RequestHandler, Router } from 'express';
import type { PageLocals, WebAuth } from '../../src/web/auth/index.ts';

/** The token every form must post back. */
export const STUB_CSRF = 'stub-csrf-token';

/** Everyone is Alice; forms need STUB_CSRF. */
export const stubAuth = (): WebAuth => {
  const requireUser: RequestHandler = (_req, res, next) => {
    const locals: PageLocals = { user: { slackId: 'U0ALICE', name: 'Alice Adams', email: null }, csrfToken: STUB_CSRF };
    Object.assign(res.locals, locals);
    next();
  };
  const parse = express.urlencoded({ extended: false });
  const verifyCsrf: RequestHandler = (req, res, next) =>
    parse(req, res, () => {
      if ((req.body as Record<string, unknown> | undefined)?._csrf === STUB_CSRF) return next();
      res.status(403).type('text/plain').send('CSRF token missing or wrong');
    });
  return { routes: Router(), requireUser, requireUserOrToken: requireUser, verifyCsrf };
};
