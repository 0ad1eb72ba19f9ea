// AUTH_MODE=proxy: X-Forwarded-User / X-Forwarded-Email are believed only from TRUSTED_PROXY_CIDRS,
// judged by the socket's address (the tests connect over 127.0.0.1, ::1, and IPv4 to a dual-stack
// listener, which reports ::ffff:127.0.0.1). Real HTTP, real database.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import pino from 'pino';
import { createWebSessions } from '../../../src/storage/web-sessions.ts';
import { createAuth, type PageLocals } from '../../../src/web/auth/index.ts';
import { openTestDatabase, type TestDatabase } from '../../support/database.ts';
import { Browser } from './sign-in-browser.ts';

const PUBLIC = 'https://incidents.test';
const ALICE = { 'x-forwarded-user': 'U0ALICE001', 'x-forwarded-email': 'alice@example.test' };

describe('proxy sign-in (AUTH_MODE=proxy)', () => {
  let database: TestDatabase;
  const servers: Server[] = [];

  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await database.dispose();
  });

  /** The auth routes and a protected page, trusting `cidrs`, listening on `host`; a browser for it. */
  const serve = async (cidrs: string[], host = '127.0.0.1', connectTo = host) => {
    const auth = createAuth({
      settings: {
        mode: 'proxy',
        slackClientId: null,
        slackClientSecret: null,
        slackOidcIssuer: 'https://slack.com',
        trustedProxyCidrs: cidrs,
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
    app.get('/', auth.requireUser, (_req, res) => {
      const { user, csrfToken } = res.locals as PageLocals;
      res.json({ user, csrfToken });
    });
    app.post('/', auth.requireUser, auth.verifyCsrf, (_req, res) => {
      res.status(204).end();
    });
    const server = createServer(app);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    const port = (server.address() as AddressInfo).port;
    const origin = connectTo.includes(':') ? `http://[${connectTo}]:${port}` : `http://${connectTo}:${port}`;
    return new Browser({ [PUBLIC]: origin });
  };

  it('believes the headers from a trusted proxy (127.0.0.1/32) and keeps a session for the CSRF token', async () => {
    const browser = await serve(['127.0.0.1/32']);
    const response = await browser.request(`${PUBLIC}/`, { headers: ALICE });
    assert.equal(response.status, 200);
    const { user, csrfToken } = (await response.json()) as PageLocals;
    assert.deepEqual(user, { slackId: 'U0ALICE001', name: 'alice@example.test', email: 'alice@example.test' });
    const again = (await (await browser.request(`${PUBLIC}/`, { headers: ALICE })).json()) as PageLocals;
    assert.equal(again.csrfToken, csrfToken);
    const post = await browser.request(`${PUBLIC}/`, {
      method: 'POST',
      headers: { ...ALICE, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfToken }).toString(),
    });
    assert.equal(post.status, 204);
  });

  it('refuses with 401 when the trusted proxy does not name anyone', async () => {
    const browser = await serve(['127.0.0.1/32']);
    const page = await browser.request(`${PUBLIC}/`, { headers: { 'x-forwarded-email': 'alice@example.test' } });
    assert.equal(page.status, 401);
    assert.match(await page.text(), /did not say who you are \(no X-Forwarded-User header\)/);
    const json = await browser.request(`${PUBLIC}/`, {
      headers: { accept: 'application/json', 'x-forwarded-user': ' ' },
    });
    assert.equal(json.status, 401);
    assert.equal(((await json.json()) as { type: string }).type, 'urn:incident-bot:problem:proxy_user_missing');
  });

  it('ignores the headers from an address outside the CIDRs, X-Forwarded-For or not', async () => {
    const browser = await serve(['10.0.0.0/8', '::1/128']);
    const response = await browser.request(`${PUBLIC}/`, { headers: { ...ALICE, 'x-forwarded-for': '10.0.0.1' } });
    assert.equal(response.status, 401);
    assert.match(await response.text(), /did not come through it.*TRUSTED_PROXY_CIDRS/s);
    assert.equal(browser.setCookies.length, 0, 'no session for a refused request');
  });

  it('trusts an IPv6 proxy (::1) and not 127.0.0.1 when only ::1 is listed', async () => {
    assert.equal((await (await serve(['::1'], '::1')).request(`${PUBLIC}/`, { headers: ALICE })).status, 200);
    assert.equal((await (await serve(['::1'], '127.0.0.1')).request(`${PUBLIC}/`, { headers: ALICE })).status, 401);
    assert.equal((await (await serve(['127.0.0.1/32'], '::1')).request(`${PUBLIC}/`, { headers: ALICE })).status, 401);
  });

  it('matches an IPv4 peer of a dual-stack listener (::ffff:127.0.0.1) against 127.0.0.1/32', async () => {
    const browser = await serve(['127.0.0.1/32'], '::', '127.0.0.1');
    assert.equal((await browser.request(`${PUBLIC}/`, { headers: ALICE })).status, 200);
  });

  it('takes a non-Slack id (an email) as-is, and starts a new session when the proxy names someone else', async () => {
    const browser = await serve(['127.0.0.1/32']);
    const alice = (await (await browser.request(`${PUBLIC}/`, { headers: ALICE })).json()) as PageLocals;
    const bob = (await (
      await browser.request(`${PUBLIC}/`, { headers: { 'x-forwarded-user': 'bob@example.test' } })
    ).json()) as PageLocals;
    assert.deepEqual(bob.user, { slackId: 'bob@example.test', name: 'bob@example.test', email: null });
    assert.notEqual(bob.csrfToken, alice.csrfToken, 'Alice’s token is not Bob’s');
  });

  it('explains on /signin that the proxy signs people in', async () => {
    const browser = await serve(['127.0.0.1/32']);
    const anonymous = await (await browser.request(`${PUBLIC}/signin`)).text();
    assert.match(anonymous, /signed in to through your organisation’s sign-in proxy/);
    assert.match(anonymous, /no X-Forwarded-User header/);
    const named = await (await browser.request(`${PUBLIC}/signin?next=%2Fincidents%2F3`, { headers: ALICE })).text();
    assert.match(named, /you are <strong>alice@example.test<\/strong>/);
    assert.match(named, /href="\/incidents\/3">Continue/);
  });
});
