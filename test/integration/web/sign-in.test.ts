// Sign in with Slack end to end: a real OpenID provider standing in for Slack, real HTTP, the real
// database. The app under test is the auth routes plus a tiny protected route (the pages come later).
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import express from 'express';
import pino from 'pino';
import { webSessions } from '../../../src/storage/schema.ts';
import { createWebSessions } from '../../../src/storage/web-sessions.ts';
import { seal, sealingKey, unseal } from '../../../src/web/auth/cookies.ts';
import { createAuth, type PageLocals } from '../../../src/web/auth/index.ts';
import { fixedClock, openTestDatabase, type TestDatabase } from '../../support/database.ts';
import { Browser, parseSetCookie } from './sign-in-browser.ts';
import { startTestProvider, type TestAccount, type TestProvider } from './sign-in-provider.ts';

const PUBLIC = 'https://incidents.test';
const TEAM = 'T0OURTEAM1';
const SESSION_SECRET = 'a-session-secret-of-at-least-32-characters';
const ALICE: TestAccount = { sub: 'U0ALICE001', teamId: TEAM, name: 'Alice Example', email: 'alice@example.test' };
const MALLORY: TestAccount = { sub: 'U0MALLORY1', teamId: 'T0OTHERTEAM', name: 'Mallory', email: 'm@other.test' };
const HOUR = 60 * 60 * 1000;

describe('Sign in with Slack (OpenID Connect against a local provider)', () => {
  let provider: TestProvider;
  let database: TestDatabase;
  let server: Server;
  let hosts: Record<string, string>;
  const clock = fixedClock();

  before(async () => {
    provider = await startTestProvider({
      clientId: '1234.5678',
      clientSecret: 'client-secret',
      redirectUris: [`${PUBLIC}/auth/slack/callback`],
    });
    database = await openTestDatabase();
    const auth = createAuth({
      settings: {
        mode: 'slack',
        slackClientId: '1234.5678',
        slackClientSecret: 'client-secret',
        slackOidcIssuer: provider.issuer,
        trustedProxyCidrs: [],
        sessionSecret: SESSION_SECRET,
      },
      publicUrl: PUBLIC,
      teamId: TEAM,
      sessions: createWebSessions(database.db),
      logger: pino({ level: 'silent' }),
      verifyToken: async (token) => (token === 'good-token' ? { name: 'ci' } : null),
      clock,
    });
    const app = express();
    app.use(auth.routes);
    // Test-only routes standing in for the pages and the legacy JSON endpoints.
    app.get('/protected', auth.requireUser, (_req, res) => {
      const { user, csrfToken } = res.locals as PageLocals;
      res.json({ user, csrfToken });
    });
    app.post('/protected', auth.requireUser, auth.verifyCsrf, (_req, res) => {
      res.status(204).end();
    });
    app.get('/core/thing', auth.requireUserOrToken, (_req, res) => {
      res.json({ actor: res.locals.actor });
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hosts = { [PUBLIC]: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await provider.stop();
    await database.dispose();
  });

  /** A fresh browser that has signed in as `account`, starting from /auth/slack?next=…; returns the last response. */
  const signIn = async (account: TestAccount, next = '/protected') => {
    const browser = new Browser(hosts);
    provider.signInAs(account);
    const { response, url, visited } = await browser.follow(`${PUBLIC}/auth/slack?next=${encodeURIComponent(next)}`);
    return { browser, response, url, visited };
  };

  const sessionRows = () => database.db.select().from(webSessions);

  it('signs in a person of our workspace, who then reaches a protected page as themselves', async () => {
    const browser = new Browser(hosts);
    const first = await browser.request(`${PUBLIC}/protected?tab=timeline`);
    assert.equal(first.status, 302);
    assert.equal(first.headers.get('location'), '/signin?next=%2Fprotected%3Ftab%3Dtimeline');

    const signInPage = await browser.request(`${PUBLIC}/signin?next=%2Fprotected%3Ftab%3Dtimeline`);
    assert.equal(signInPage.status, 200);
    const html = await signInPage.text();
    assert.match(html, /<html lang="en">/);
    assert.match(
      html,
      /<a class="button" href="\/auth\/slack\?next=%2Fprotected%3Ftab%3Dtimeline">Sign in with Slack<\/a>/,
    );

    const start = await browser.request(`${PUBLIC}/auth/slack?next=%2Fprotected%3Ftab%3Dtimeline`);
    assert.equal(start.status, 302);
    const authorize = new URL(start.headers.get('location') ?? '');
    assert.equal(authorize.origin, provider.issuer);
    const query = Object.fromEntries(authorize.searchParams);
    assert.equal(query.client_id, '1234.5678');
    assert.equal(query.redirect_uri, `${PUBLIC}/auth/slack/callback`);
    assert.equal(query.response_type, 'code');
    assert.equal(query.scope, 'openid email profile');
    assert.equal(query.team, TEAM, 'team= is on the authorize URL as a hint');
    assert.equal(query.code_challenge_method, 'S256');
    assert.ok(query.state && query.nonce && query.code_challenge);
    const transaction = parseSetCookie(browser.setCookies.at(-1) ?? '');
    assert.equal(transaction.name, 'ib_signin');
    assert.equal(transaction.attributes.get('path'), '/auth/slack');
    assert.ok(transaction.attributes.has('httponly') && transaction.attributes.has('secure'));
    assert.equal(transaction.attributes.get('samesite'), 'Lax');
    assert.ok(!transaction.value.includes(query.nonce ?? '-'), 'the nonce is not readable in the cookie as text');

    provider.signInAs(ALICE);
    const { response, url } = await browser.follow(authorize.href);
    assert.equal(url, `${PUBLIC}/protected?tab=timeline`, 'back where they were going');
    assert.equal(response.status, 200);
    const body = (await response.json()) as PageLocals;
    assert.deepEqual(body.user, { slackId: 'U0ALICE001', name: 'Alice Example', email: 'alice@example.test' });
    assert.match(body.csrfToken, /^[A-Za-z0-9_-]{43}$/);

    const sessionCookie = browser.setCookies.map(parseSetCookie).find((c) => c.name === 'ib_session');
    assert.ok(sessionCookie, 'a session cookie was set');
    assert.equal(sessionCookie.attributes.get('path'), '/');
    assert.equal(sessionCookie.attributes.get('samesite'), 'Lax');
    assert.ok(sessionCookie.attributes.has('httponly'), 'HttpOnly');
    assert.ok(sessionCookie.attributes.has('secure'), 'Secure, as PUBLIC_URL is https');
    assert.equal(sessionCookie.attributes.get('max-age'), String(12 * 60 * 60));
    assert.match(sessionCookie.value, /^[A-Za-z0-9_-]{43}$/, '256 random bits');
    const rows = (await sessionRows()).filter((row) => row.userId === 'U0ALICE001');
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0]?.id, sessionCookie.value, 'the database keeps a hash, not the cookie');
    assert.equal(rows[0]?.expiresAt.getTime(), clock.now().getTime() + 12 * HOUR);
    assert.equal(browser.cookie('incidents.test', 'ib_signin'), undefined, 'the sign-in cookie is used up');
  });

  it('refuses a person from another workspace with a clear message, and starts no session', async () => {
    const before = (await sessionRows()).length;
    const { browser, response, url } = await signIn(MALLORY);
    assert.match(url, /\/auth\/slack\/callback\?/);
    assert.equal(response.status, 403);
    const html = await response.text();
    assert.match(html, /That is another Slack workspace/);
    assert.match(html, /Only people in this Incident Bot’s own workspace can sign in/);
    assert.match(html, /href="\/signin"/);
    assert.equal(browser.cookie('incidents.test', 'ib_session'), undefined);
    assert.equal((await sessionRows()).length, before);
    assert.equal((await browser.request(`${PUBLIC}/protected`)).status, 302, 'still sent to sign in');
  });

  it('refuses a callback whose state was changed', async () => {
    const browser = new Browser(hosts);
    provider.signInAs(ALICE);
    const callback = new URL(
      await browser.followUntil(`${PUBLIC}/auth/slack`, (url) => url.pathname === '/auth/slack/callback'),
    );
    callback.searchParams.set('state', 'forged-state');
    const response = await browser.request(callback.href);
    assert.equal(response.status, 400);
    assert.match(await response.text(), /Sign-in could not be completed.*did not match this sign-in/s);
    assert.equal(browser.cookie('incidents.test', 'ib_session'), undefined);
  });

  it('refuses a sign-in cookie that was tampered with, or one sealed right but with another nonce', async () => {
    for (const tamper of ['bytes', 'nonce'] as const) {
      const browser = new Browser(hosts);
      provider.signInAs(ALICE);
      const callback = await browser.followUntil(
        `${PUBLIC}/auth/slack`,
        (url) => url.pathname === '/auth/slack/callback',
      );
      const sealed = browser.cookie('incidents.test', 'ib_signin') ?? '';
      const changed =
        tamper === 'bytes'
          ? `${sealed.slice(0, 10)}${sealed[10] === 'A' ? 'B' : 'A'}${sealed.slice(11)}`
          : // Only someone holding SESSION_SECRET could do this: the state matches, the nonce does not.
            seal(sealingKey(SESSION_SECRET), {
              ...(unseal(sealingKey(SESSION_SECRET), sealed) as object),
              nonce: 'someone-elses-nonce',
            });
      browser.setCookie('incidents.test', 'ib_signin', changed, '/auth/slack');
      const response = await browser.request(callback);
      assert.equal(response.status, 400, tamper);
      assert.match(await response.text(), /Sign-in could not be completed/);
      assert.equal(browser.cookie('incidents.test', 'ib_session'), undefined, tamper);
    }
  });

  it('refuses a callback with no sign-in cookie (started in another browser)', async () => {
    const starter = new Browser(hosts);
    provider.signInAs(ALICE);
    const callback = await starter.followUntil(
      `${PUBLIC}/auth/slack`,
      (url) => url.pathname === '/auth/slack/callback',
    );
    const response = await new Browser(hosts).request(callback);
    assert.equal(response.status, 400);
  });

  it('signs out with the CSRF token: the session row and cookie are gone and the old cookie is worthless', async () => {
    const { browser, response } = await signIn(ALICE);
    const { csrfToken } = (await response.json()) as PageLocals;
    const oldCookie = browser.cookie('incidents.test', 'ib_session') ?? '';
    const rowsBefore = (await sessionRows()).length;

    const forged = await browser.request(`${PUBLIC}/auth/signout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '_csrf=wrong',
    });
    assert.equal(forged.status, 403);
    assert.match(await forged.text(), /does not match your session/);
    assert.equal((await browser.request(`${PUBLIC}/protected`)).status, 200, 'still signed in');

    const out = await browser.request(`${PUBLIC}/auth/signout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfToken }).toString(),
    });
    assert.equal(out.status, 303);
    assert.equal(out.headers.get('location'), '/signin?signed-out');
    const cleared = parseSetCookie(out.headers.getSetCookie().find((c) => c.startsWith('ib_session=')) ?? '');
    assert.equal(cleared.value, '');
    assert.equal((await sessionRows()).length, rowsBefore - 1);
    assert.match(await (await browser.request(`${PUBLIC}/signin?signed-out`)).text(), /You have signed out/);
    assert.equal((await browser.request(`${PUBLIC}/protected`)).status, 302);

    const replay = new Browser(hosts);
    replay.setCookie('incidents.test', 'ib_session', oldCookie);
    assert.equal((await replay.request(`${PUBLIC}/protected`)).status, 302, 'the old cookie no longer works');
  });

  it('sends someone whose session is over 12 hours old back to sign in, and deletes the session', async () => {
    clock.advance(60_000); // so this test's session is the only one started at this moment
    const { browser } = await signIn(ALICE);
    assert.equal((await browser.request(`${PUBLIC}/protected`)).status, 200);
    const mine = async () => {
      const rows = await sessionRows();
      return rows.filter((row) => row.createdAt.getTime() === clock.now().getTime());
    };
    assert.equal((await mine()).length, 1);
    const started = clock.now();
    clock.advance(12 * HOUR - 1000);
    assert.equal((await browser.request(`${PUBLIC}/protected`)).status, 200, 'still valid just before 12 h');
    clock.advance(1000);
    const expired = await browser.request(`${PUBLIC}/protected?x=1`);
    assert.equal(expired.status, 302);
    assert.equal(expired.headers.get('location'), '/signin?next=%2Fprotected%3Fx%3D1');
    const left = await database.db.select().from(webSessions).where(eq(webSessions.createdAt, started));
    assert.equal(left.length, 0, 'the expired session was deleted when presented');
  });

  it('answers a non-page request without a session with 401, not a redirect', async () => {
    const browser = new Browser(hosts);
    const json = await browser.request(`${PUBLIC}/protected`, { headers: { accept: 'application/json' } });
    assert.equal(json.status, 401);
    assert.equal(json.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    const post = await browser.request(`${PUBLIC}/protected`, { method: 'POST' });
    assert.equal(post.status, 401);
  });

  it('never redirects off the site after sign-in, whatever next says', async () => {
    const signInPage = await new Browser(hosts).request(`${PUBLIC}/signin?next=https%3A%2F%2Fevil.test%2F`);
    assert.match(await signInPage.text(), /href="\/auth\/slack">Sign in with Slack/);
    for (const next of ['//evil.test/x', 'https://evil.test/', '/\\evil.test', '/signin']) {
      const { url } = await signIn(ALICE, next);
      assert.equal(url, `${PUBLIC}/`, next);
    }
  });

  it('lets the legacy JSON endpoints in with a session or a bearer token, and nobody else', async () => {
    const anonymous = new Browser(hosts);
    const refused = await anonymous.request(`${PUBLIC}/core/thing`);
    assert.equal(refused.status, 401);
    assert.match(((await refused.json()) as { detail: string }).detail, /Authorization: Bearer/);
    const token = await anonymous.request(`${PUBLIC}/core/thing`, { headers: { authorization: 'Bearer good-token' } });
    assert.deepEqual(await token.json(), { actor: { kind: 'token', tokenName: 'ci' } });
    const badToken = await anonymous.request(`${PUBLIC}/core/thing`, { headers: { authorization: 'Bearer nope' } });
    assert.equal(badToken.status, 401);
    const { browser } = await signIn(ALICE);
    const session = await browser.request(`${PUBLIC}/core/thing`);
    assert.deepEqual(await session.json(), { actor: { kind: 'user', userId: 'U0ALICE001' } });
    const basic = await browser.request(`${PUBLIC}/core/thing`, { headers: { authorization: 'Basic cHJveHk6cHc=' } });
    assert.equal(basic.status, 200, 'another scheme’s Authorization (a proxy’s) is not taken for a bad token');
  });
});
