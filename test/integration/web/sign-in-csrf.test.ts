// CSRF: state-changing requests need the session's token (AUTH_MODE=none here, so every browser has a
// session without signing in; the check is the same in every mode). Real HTTP, real database.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import pino from 'pino';
import { createWebSessions } from '../../../src/storage/web-sessions.ts';
import { createAuth, type PageLocals } from '../../../src/web/auth/index.ts';
import { openTestDatabase, type TestDatabase } from '../../support/database.ts';
import { Browser, parseSetCookie } from './sign-in-browser.ts';

const PUBLIC = 'http://incidents.test';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('CSRF protection (verifyCsrf) and AUTH_MODE=none', () => {
  let database: TestDatabase;
  let server: Server;
  let hosts: Record<string, string>;
  const changes: unknown[] = [];

  before(async () => {
    database = await openTestDatabase();
    const auth = createAuth({
      settings: {
        mode: 'none',
        slackClientId: null,
        slackClientSecret: null,
        slackOidcIssuer: 'https://slack.com',
        trustedProxyCidrs: [],
        sessionSecret: null,
      },
      publicUrl: PUBLIC,
      teamId: null,
      sessions: createWebSessions(database.db),
      logger: pino({ level: 'silent' }),
      verifyToken: async () => null,
    });
    const app = express();
    app.use(auth.routes);
    const router = express.Router();
    router.use(auth.requireUser, auth.verifyCsrf);
    router.get('/incidents/1', (_req, res) => {
      const { user, csrfToken } = res.locals as PageLocals;
      res.json({ user, csrfToken });
    });
    router.all('/incidents/1/change', (req, res) => {
      changes.push(req.body);
      res.status(204).end();
    });
    app.use(router);
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hosts = { [PUBLIC]: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await database.dispose();
  });

  /** A browser that has opened a page, and the token that page would put in its forms. */
  const openPage = async () => {
    const browser = new Browser(hosts);
    const page = await browser.request(`${PUBLIC}/incidents/1`);
    assert.equal(page.status, 200);
    const { user, csrfToken } = (await page.json()) as PageLocals;
    return { browser, user, csrfToken };
  };

  it('with AUTH_MODE=none everyone is "Local user", with a session cookie carrying the CSRF token', async () => {
    const { browser, user, csrfToken } = await openPage();
    assert.deepEqual(user, { slackId: 'local', name: 'Local user', email: null });
    assert.match(csrfToken, /^[A-Za-z0-9_-]{43}$/);
    const cookie = parseSetCookie(browser.setCookies.find((c) => c.startsWith('ib_session=')) ?? '');
    assert.ok(cookie.attributes.has('httponly'));
    assert.equal(cookie.attributes.get('samesite'), 'Lax');
    assert.ok(!cookie.attributes.has('secure'), 'not Secure: PUBLIC_URL is http');
    const again = (await (await browser.request(`${PUBLIC}/incidents/1`)).json()) as PageLocals;
    assert.equal(again.csrfToken, csrfToken, 'the same session on the next page');
    assert.equal((await browser.request(`${PUBLIC}/signin`)).headers.get('location'), '/', 'nothing to sign in to');
  });

  it('refuses a form posted without the token with 403 and says why; nothing changes', async () => {
    const { browser } = await openPage();
    const before = changes.length;
    const response = await browser.request(`${PUBLIC}/incidents/1/change`, {
      method: 'POST',
      headers: FORM,
      body: 'title=hacked',
    });
    assert.equal(response.status, 403);
    const html = await response.text();
    assert.match(html, /This form has expired/);
    assert.match(html, /did not include its security token/);
    assert.equal(changes.length, before);
  });

  it('refuses a wrong token, and the token of another session, for every state-changing method', async () => {
    const { browser } = await openPage();
    const other = await openPage();
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      for (const token of ['wrong', other.csrfToken]) {
        const response = await browser.request(`${PUBLIC}/incidents/1/change`, {
          method,
          headers: FORM,
          body: new URLSearchParams({ _csrf: token }).toString(),
        });
        assert.equal(
          response.status,
          403,
          `${method} with ${token === 'wrong' ? 'a wrong token' : 'another session’s'}`,
        );
        assert.match(await response.text(), /does not match your session/);
      }
    }
  });

  it('tells a program the same thing as problem+json', async () => {
    const { browser } = await openPage();
    const response = await browser.request(`${PUBLIC}/incidents/1/change`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(response.status, 403);
    const problem = (await response.json()) as { type: string; status: number; detail: string };
    assert.equal(problem.type, 'urn:incident-bot:problem:csrf_token_invalid');
    assert.match(problem.detail, /X-CSRF-Token/);
  });

  it('accepts the right token as the _csrf form field (body parsed for the route) or the X-CSRF-Token header', async () => {
    const { browser, csrfToken } = await openPage();
    const form = await browser.request(`${PUBLIC}/incidents/1/change`, {
      method: 'POST',
      headers: FORM,
      body: new URLSearchParams({ _csrf: csrfToken, title: 'Database down' }).toString(),
    });
    assert.equal(form.status, 204);
    assert.deepEqual({ ...(changes.at(-1) as object) }, { _csrf: csrfToken, title: 'Database down' });
    const header = await browser.request(`${PUBLIC}/incidents/1/change`, {
      method: 'DELETE',
      headers: { 'x-csrf-token': csrfToken },
    });
    assert.equal(header.status, 204);
  });

  it('lets safe methods through without a token', async () => {
    const { browser } = await openPage();
    assert.equal((await browser.request(`${PUBLIC}/incidents/1/change`)).status, 204);
  });

  it('refuses a post from a browser with no session at all (a fresh session has a fresh token)', async () => {
    const { csrfToken } = await openPage();
    const response = await new Browser(hosts).request(`${PUBLIC}/incidents/1/change`, {
      method: 'POST',
      headers: FORM,
      body: new URLSearchParams({ _csrf: csrfToken }).toString(),
    });
    assert.equal(response.status, 403);
  });
});
