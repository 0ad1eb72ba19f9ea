// The /signin page, one variant per situation. Self-contained: it does not use the page layer's layout.
import type { Response } from 'express';
import { type Html, html, sendPage } from './pages.ts';

const signedOutNotice = (signedOut: boolean): Html =>
  signedOut ? html`<p class="notice" role="status">You have signed out.</p>` : html``;

/** Sign in with Slack is configured: one button. */
export const sendSlackSignIn = (res: Response, next: string, signedOut: boolean): void => {
  const start = next === '/' ? '/auth/slack' : `/auth/slack?next=${encodeURIComponent(next)}`;
  sendPage(
    res,
    200,
    'Sign in',
    html`${signedOutNotice(signedOut)}
<p>Incident Bot uses your Slack account to know who you are.</p>
<p><a class="button" href="${start}">Sign in with Slack</a></p>`,
  );
};

/** AUTH_MODE=slack without a client id and secret: nobody can sign in until they are set. */
export const sendSlackNotConfigured = (res: Response, status: number): void => {
  sendPage(
    res,
    status,
    'Sign-in is not set up',
    html`<p class="notice error">Incident Bot signs people in with Slack, but Sign in with Slack is not configured, so its pages cannot be opened yet.</p>
<p>If you run Incident Bot: set <code>SLACK_CLIENT_ID</code>, <code>SLACK_CLIENT_SECRET</code> (from the Slack app’s Basic Information page) and <code>SESSION_SECRET</code>, then restart it. Behind a sign-in proxy, set <code>AUTH_MODE=proxy</code> and <code>TRUSTED_PROXY_CIDRS</code> instead.</p>`,
  );
};

/** Sign in with Slack could not read Slack's OpenID configuration. */
export const sendSlackUnavailable = (res: Response): void => {
  sendPage(
    res,
    503,
    'Slack sign-in is unavailable',
    html`<p>Incident Bot could not reach Slack to start signing you in. Try again in a minute; if it keeps happening, tell whoever runs Incident Bot.</p>
<p><a href="/signin">Back to sign-in</a></p>`,
  );
};

/** AUTH_MODE=proxy: the proxy signs people in; this page says whether it did for this request. */
export const sendProxySignIn = (
  res: Response,
  page: { publicUrl: string; next: string; signedInAs: string | null; problem: string | null; signedOut: boolean },
): void => {
  const status = page.signedInAs
    ? html`<p>Your sign-in proxy says you are <strong>${page.signedInAs}</strong>.</p>
<p><a class="button" href="${page.next}">Continue</a></p>`
    : html`<p class="notice error">${page.problem ?? ''}</p>`;
  const signedOut = page.signedOut
    ? html`<p class="notice" role="status">You have signed out of Incident Bot. To sign out everywhere, sign out of your organisation’s sign-in proxy too.</p>`
    : html``;
  sendPage(
    res,
    200,
    'Sign in',
    html`${signedOut}
<p>Incident Bot is signed in to through your organisation’s sign-in proxy, not on this page: open <a href="${page.publicUrl}/">${page.publicUrl}</a> and sign in when the proxy asks.</p>
${status}`,
  );
};

/** The sandbox: pick who to be (the same people the sandbox Slack has). */
export const sendSandboxSignIn = (
  res: Response,
  next: string,
  people: readonly { slackId: string; name: string }[],
  signedOut: boolean,
): void => {
  const choices = people.map(
    (person) => html`<form method="post" action="/auth/sandbox">
<input type="hidden" name="user" value="${person.slackId}"><input type="hidden" name="next" value="${next}">
<button class="button" type="submit">Sign in as ${person.name}</button></form>`,
  );
  sendPage(
    res,
    200,
    'Sign in to the sandbox',
    html`${signedOutNotice(signedOut)}
<p>This Incident Bot runs with a sandbox Slack, not a real workspace. Pick who you are; the same people are in the <a href="/sandbox/">sandbox Slack</a>.</p>
${choices}`,
  );
};
