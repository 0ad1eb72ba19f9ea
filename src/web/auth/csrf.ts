// CSRF: every state-changing request must carry the session's token, as the `_csrf` form field or the
// X-CSRF-Token header. SameSite=Lax already keeps the session cookie off most cross-site posts; the
// token also covers same-site attackers (another app on a sibling subdomain) and older browsers.
import express, { type RequestHandler } from 'express';
import { sameToken } from './cookies.ts';
import { html, refuse } from './pages.ts';
import type { PageLocals } from './user.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const parseForm = express.urlencoded({ extended: false, limit: '100kb' });

/** The token the request sent, from the header or the parsed form body. */
const sentToken = (header: string | undefined, body: unknown): string | undefined => {
  if (header) return header;
  const field = (body as Record<string, unknown> | undefined)?._csrf;
  return typeof field === 'string' ? field : undefined;
};

/**
 * Parses urlencoded form bodies, then refuses POST/PUT/PATCH/DELETE (anything but GET, HEAD, OPTIONS)
 * with 403 unless it carries the token `requireUser` put in `res.locals.csrfToken`.
 */
export const verifyCsrf: RequestHandler = (req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  parseForm(req, res, (error?: unknown) => {
    if (error) {
      const status = (error as { status?: number }).status ?? 400;
      if (status >= 500) return next(error);
      return refuse(req, res, {
        status,
        code: 'body_invalid',
        title: 'The form could not be read',
        detail: 'The form could not be read (it may be too large). Go back and try again.',
      });
    }
    const expected = (res.locals as Partial<PageLocals>).csrfToken;
    const sent = sentToken(req.get('x-csrf-token'), req.body);
    if (typeof expected === 'string' && sent !== undefined && sameToken(sent, expected)) return next();
    refuse(req, res, {
      status: 403,
      code: 'csrf_token_invalid',
      title: 'This form has expired',
      detail: sent
        ? 'The form’s security token does not match your session: it may be from an older sign-in or another site. Go back, reload the page and try again.'
        : 'The form did not include its security token (the _csrf field or X-CSRF-Token header), so nothing was changed. Go back, reload the page and try again.',
      next: html`<p><a href="/">Go to the incident list</a></p>`,
    });
  });
};
