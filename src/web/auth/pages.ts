// The sign-in pages: small, self-contained, server-rendered HTML (the page layer has its own templates;
// these must work before and without it). No inline script or style: the CSP allows neither.
import type { Request, Response } from 'express';
import { sendProblem } from '../middleware/problem.ts';

import { escapeHtml } from '../render/escape.ts';
import { sendNoStore } from '../render/no-store.ts';

/** Text that is already HTML (built with escapeHtml). */
export interface Html {
  readonly html: string;
}

/** Builds HTML from a template literal, escaping every interpolated value that is not already Html. */
export const html = (strings: TemplateStringsArray, ...values: (string | Html | readonly Html[])[]): Html => ({
  html: strings.reduce((out, part, i) => {
    const value = values[i - 1];
    const text = Array.isArray(value)
      ? value.map((item: Html) => item.html).join('')
      : typeof value === 'string'
        ? escapeHtml(value)
        : (value as Html).html;
    return `${out}${text}${part}`;
  }),
});

export const STYLESHEET_PATH = '/auth/assets/sign-in.css';

/** The stylesheet of the sign-in pages (served from STYLESHEET_PATH). */
export const STYLESHEET = `
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #0b0c0c;
  background: #f3f2f1; line-height: 1.5; }
main { max-width: 36rem; margin: 4rem auto; padding: 2rem; background: #fff; border-top: 0.5rem solid #1d70b8; }
h1 { font-size: 2rem; margin-top: 0; }
a { color: #1d70b8; }
a:focus, button:focus { outline: 3px solid #fd0; outline-offset: 0; background: #fd0; color: #0b0c0c; }
.button { display: inline-block; padding: 0.6rem 1.2rem; font: inherit; font-size: 1.2rem; font-weight: 700; color: #fff;
  background: #00703c; border: 0; box-shadow: 0 2px 0 #002d18; text-decoration: none; cursor: pointer; }
.button:hover { background: #005a30; }
.notice { padding: 1rem; border-left: 0.5rem solid #1d70b8; background: #f3f2f1; }
.error { border-left-color: #d4351c; }
code { font-size: 0.95em; }
`;

/** A whole page around `body`, titled `title`. */
export const page = (title: string, body: Html): string =>
  `<!doctype html>
${
  html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – Incident Bot</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
</head>
<body>
<main id="main-content">
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`.html
}`;

/** Sends a page with a status. */
export const sendPage = (res: Response, status: number, title: string, body: Html): void => {
  sendNoStore(res, status, 'html', page(title, body));
};

/** Does this request want a page (a browser) rather than JSON? */
export const wantsPage = (req: Request): boolean => req.accepts(['html', 'json']) === 'html';

/**
 * Refuses a request with a page for browsers and problem+json for programs, saying what went wrong
 * and what to do about it.
 */
export const refuse = (
  req: Request,
  res: Response,
  refusal: { status: number; code: string; title: string; detail: string; next?: Html },
): void => {
  if (wantsPage(req)) {
    sendPage(res, refusal.status, refusal.title, html`<p>${refusal.detail}</p>${refusal.next ?? html``}`);
  } else {
    sendProblem(res, { status: refusal.status, code: refusal.code, detail: refusal.detail });
  }
};
