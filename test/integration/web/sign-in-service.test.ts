// Sign-in as wired into the whole service (wiring.ts → createAuth): with Sign in with Slack configured
// against a local provider, and with AUTH_MODE=slack but no Slack app (what the other tests run with).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { webSessions } from '../../../src/storage/schema.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';
import { Browser, parseSetCookie } from './sign-in-browser.ts';
import { startTestProvider, type TestProvider } from './sign-in-provider.ts';

const PUBLIC = 'http://incidents.test';

describe('sign-in in the assembled service', () => {
  let provider: TestProvider;
  let svc: TestService;
  let browser: Browser;

  before(async () => {
    provider = await startTestProvider({
      clientId: '42.42',
      clientSecret: 'service-client-secret',
      redirectUris: [`${PUBLIC}/auth/slack/callback`],
    });
    svc = await startTestService({
      AUTH_MODE: 'slack',
      SLACK_CLIENT_ID: '42.42',
      SLACK_CLIENT_SECRET: 'service-client-secret',
      SLACK_OIDC_ISSUER: provider.issuer,
      SLACK_TEAM_ID: 'T0SERVICE01',
      SESSION_SECRET: 'service-session-secret-32-characters-long',
    });
    browser = new Browser({ [PUBLIC]: svc.baseUrl });
  });
  after(async () => {
    await svc.stop();
    await provider.stop();
  });

  it('offers Sign in with Slack and signs a person of SLACK_TEAM_ID in, with cookies not Secure on http', async () => {
    const page = await browser.request(`${PUBLIC}/signin`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /href="\/auth\/slack">Sign in with Slack/);

    provider.signInAs({ sub: 'U0SERVICE01', teamId: 'T0SERVICE01', name: 'Sam', email: 'sam@example.test' });
    const start = await browser.request(`${PUBLIC}/auth/slack`);
    assert.equal(new URL(start.headers.get('location') ?? '').searchParams.get('team'), 'T0SERVICE01');
    const { url } = await browser.follow(start.headers.get('location') ?? '');
    assert.equal(url, `${PUBLIC}/`);
    for (const header of browser.setCookies.filter((c) => /^ib_/.test(c))) {
      const cookie = parseSetCookie(header);
      assert.ok(cookie.attributes.has('httponly'), `${cookie.name} HttpOnly`);
      assert.equal(cookie.attributes.get('samesite'), 'Lax', `${cookie.name} SameSite=Lax`);
      assert.ok(!cookie.attributes.has('secure'), `${cookie.name} not Secure: PUBLIC_URL is http`);
    }
    const rows = await svc.db.db.select().from(webSessions);
    assert.deepEqual(
      rows.map((row) => [row.userId, row.name, row.email]),
      [['U0SERVICE01', 'Sam', 'sam@example.test']],
    );
  });

  it('signs out only with the session’s CSRF token', async () => {
    const [row] = await svc.db.db.select().from(webSessions);
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const refused = await browser.request(`${PUBLIC}/auth/signout`, { method: 'POST', headers: form, body: '' });
    assert.equal(refused.status, 403);
    const out = await browser.request(`${PUBLIC}/auth/signout`, {
      method: 'POST',
      headers: form,
      body: new URLSearchParams({ _csrf: row?.csrfToken ?? '' }).toString(),
    });
    assert.equal(out.status, 303);
    assert.deepEqual(await svc.db.db.select().from(webSessions), []);
  });

  it('keeps probes readable without a session', async () => {
    assert.equal((await new Browser({ [PUBLIC]: svc.baseUrl }).request(`${PUBLIC}/healthz`)).status, 200);
  });
});

describe('AUTH_MODE=slack without a Slack app (the default test configuration)', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService();
  });
  after(() => svc.stop());

  it('explains on /signin that sign-in is not set up, and cannot start a sign-in', async () => {
    const page = await fetch(`${svc.baseUrl}/signin`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /Sign-in is not set up/);
    assert.match(html, /SLACK_CLIENT_ID/);
    assert.doesNotMatch(html, /Sign in with Slack<\/a>/);
    const start = await fetch(`${svc.baseUrl}/auth/slack`, { redirect: 'manual' });
    assert.equal(start.status, 503);
    const stylesheet = await fetch(`${svc.baseUrl}/auth/assets/sign-in.css`);
    assert.equal(stylesheet.headers.get('content-type'), 'text/css; charset=utf-8');
  });
});
