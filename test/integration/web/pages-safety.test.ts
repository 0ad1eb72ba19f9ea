// Safety and accessibility of every page: signed-in only, no inline script or style (the CSP forbids
// them), GOV.UK Frontend served from our origin with long caching, labelled inputs, ordered
// headings, captioned tables, and HTML error pages (404, 500) for people.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import pino from 'pino';
import type { IncidentQueries } from '../../../src/usecases/ports.ts';
import { pageRoutes } from '../../../src/web/routes/pages/index.ts';
import { stubAuth } from '../../support/page-auth.ts';
import { pageClient, pageText } from '../../support/page-client.ts';
import { type PageService, startPageService } from '../../support/page-service.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';

/** Problems a person (or axe) would meet on a page, as sentences. */
const pageProblems = (html: string): string[] => {
  const problems: string[] = [];
  if (/<script(?![^>]*\ssrc=)[^>]*>/.test(html)) problems.push('an inline script');
  if (/\sstyle=/.test(html) || /<style[\s>]/.test(html)) problems.push('an inline style');
  // Attribute names only: an escaped title inside value="…" is text, not a handler.
  const tags = [...html.matchAll(/<[a-z][^>]*>/gi)].map((m) => m[0].replace(/"[^"]*"/g, '""'));
  if (tags.some((tag) => /\son[a-z]+=/i.test(tag))) problems.push('an inline event handler');
  if (!/<a href="#main-content" class="govuk-skip-link"/.test(html) || !/id="main-content"/.test(html)) {
    problems.push('no skip link to the main content');
  }
  if ((html.match(/<h1[\s>]/g) ?? []).length !== 1) problems.push('not exactly one h1');
  const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
  levels.forEach((level, i) => {
    if (i > 0 && level > (levels[i - 1] ?? 1) + 1) problems.push(`heading h${level} after h${levels[i - 1]}`);
  });
  for (const input of html.matchAll(/<(input|textarea|select)\b[^>]*>/g)) {
    const tag = input[0];
    if (/type="(hidden|submit)"/.test(tag)) continue;
    const id = /\sid="([^"]+)"/.exec(tag)?.[1];
    if (!id || !html.includes(`for="${id}"`)) problems.push(`no label for ${tag.slice(0, 60)}`);
  }
  for (const table of html.matchAll(/<table[\s\S]*?<\/table>/g)) {
    if (!/<caption/.test(table[0])) problems.push('a table without a caption');
    if (!/<th scope="col"/.test(table[0])) problems.push('a table without column headers');
  }
  return problems;
};

describe('pages: safety and accessibility', () => {
  let p: PageService;
  let id: number;

  before(async () => {
    p = await startPageService();
    await p.people({ U0BOB: 'Bob Brown' });
    id = await p.declare({ title: '<script>alert(1)</script><img src=x onerror=alert(2)>', summary: 'x <@U0BOB>' });
    await p.browser.submit(`/incidents/${id}/timeline`, { text: 'Rolled back', date: '', time: '' });
    await p.browser.submit(`/incidents/${id}/actions`, { text: 'Alert', owner: 'U0BOB', ownerOther: '', due: '' });
  });
  after(() => p.stop());

  it('every page: no inline script or style, a skip link, one h1, ordered headings, labels, captions', async () => {
    const paths = [
      '/',
      '/?status=burning',
      `/incidents/${id}`,
      `/incidents/${id}?hidden=include`,
      `/incidents/${id}/details`,
      `/incidents/${id}/lead`,
      `/incidents/${id}/severity`,
      `/incidents/${id}/status`,
      `/incidents/${id}/timeline/new`,
      `/incidents/${id}/timeline/1`,
      `/incidents/${id}/actions/new`,
      `/incidents/${id}/actions/1`,
      `/incidents/${id}/report`,
      '/insights',
      '/incidents/999',
      '/no-such-page',
    ];
    for (const path of paths) {
      const page = await p.browser.get(path);
      assert.ok([200, 404].includes(page.status), `${path} answers (${page.status})`);
      assert.deepEqual(pageProblems(page.html), [], `problems on ${path}`);
      assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'(;|$)/, path);
      assert.equal(page.headers.get('cache-control'), 'no-store', `${path} is not cached`);
    }
  });

  it('serves GOV.UK Frontend and our assets from our origin, cached for a year, linked by version', async () => {
    const { html } = await p.browser.get('/');
    const version = /\/assets\/app\.js\?v=(\w+)/.exec(html)?.[1];
    assert.ok(version);
    for (const path of [
      `/assets/govuk-frontend.min.css?v=${version}`,
      `/assets/govuk-frontend.min.js?v=${version}`,
      `/assets/app.js?v=${version}`,
      `/assets/app.css?v=${version}`,
      '/assets/fonts/bold-b542beb274-v2.woff2',
      '/assets/images/govuk-crest.svg',
    ]) {
      const response = await fetch(`${p.service.baseUrl}${path}`);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable', path);
    }
    const js = await (await fetch(`${p.service.baseUrl}/assets/app.js`)).text();
    assert.match(js, /import\(`\.\/govuk-frontend\.min\.js\$\{version\}`\)/, 'GOV.UK Frontend loads from our origin');
    assert.equal((await fetch(`${p.service.baseUrl}/assets/index.scss`)).status, 404, 'only named files are served');
  });

  it('answers a browser at an unknown address with the HTML 404 page, and a program with problem+json', async () => {
    const page = await p.browser.get('/no-such-page');
    assert.equal(page.status, 404);
    assert.match(pageText(page.html), /Page not found/);
    const api = await fetch(`${p.service.baseUrl}/no-such-page`, { headers: { accept: 'application/json' } });
    assert.equal(api.status, 404);
    assert.match(api.headers.get('content-type') ?? '', /application\/problem\+json/);
  });
});

describe('pages: signed out', () => {
  let service: TestService;

  before(async () => {
    service = await startTestService({ AUTH_MODE: 'slack' });
  });
  after(() => service.stop());

  it('sends a browser to sign in for every page and keeps the place it asked for', async () => {
    const browser = pageClient(service.baseUrl);
    for (const path of ['/', '/incidents/1', '/incidents/1/report', '/incidents/1/report.md', '/insights']) {
      const page = await browser.get(path);
      assert.equal(page.status, 302, path);
      // The way back is kept (the front page is where sign-in lands anyway).
      assert.equal(page.location, path === '/' ? '/signin' : `/signin?next=${encodeURIComponent(path)}`);
    }
  });

  it('refuses a form post without a session', async () => {
    const response = await fetch(`${service.baseUrl}/incidents/1/timeline`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: 'text=forged',
      redirect: 'manual',
    });
    assert.ok([401, 403].includes(response.status), `refused (${response.status})`);
  });

  it('still serves the stylesheet and scripts (they hold nothing private)', async () => {
    assert.equal((await fetch(`${service.baseUrl}/assets/govuk-frontend.min.css`)).status, 200);
  });
});

describe('pages: a failure', () => {
  let server: Server;
  let baseUrl: string;
  const logged: unknown[] = [];

  before(async () => {
    const broken = new Proxy({} as IncidentQueries, {
      get: () => () => Promise.reject(new Error('connection to the database lost: secret-host:5432')),
    });
    const app = express();
    const logger = pino({ level: 'error' }, { write: (line: string) => logged.push(JSON.parse(line)) });
    app.use((req, _res, next) => {
      req.log = logger;
      next();
    });
    app.use(
      pageRoutes(
        {
          read: { queries: broken },
          write: { store: { transaction: () => Promise.reject(new Error('down')) }, clock: { now: () => new Date() } },
          incidentChanged: async () => {},
          publicUrl: 'http://incidents.test',
          timezone: 'Europe/London',
          insights: new Proxy({} as never, { get: () => () => Promise.reject(new Error('down')) }),
          people: { names: async () => [], known: async () => [] },
        },
        stubAuth(),
      ),
    );
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('shows the 500 page, says nothing of the cause, and logs it', async () => {
    const page = await pageClient(baseUrl).get('/incidents/1');
    assert.equal(page.status, 500);
    assert.match(pageText(page.html), /Sorry, there is a problem with the service/);
    assert.doesNotMatch(page.html, /secret-host|connection to the database/);
    assert.ok(JSON.stringify(logged).includes('secret-host'), 'the cause is in the log');
  });
});
