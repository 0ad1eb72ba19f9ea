// Issue 5, end to end in Chromium: the real `incident-bot serve` with Sign in with Slack against a local
// OpenID provider, and a sandbox Slack (in this process) as its Slack. Incidents are reported through the
// sandbox; then, in the browser: sign in, find one by search, open it, add a timeline entry and hide it,
// change the severity (and see the Slack headline follow), download the report, page through a long
// timeline, and open an incident whose title is an XSS attempt: it reads as text and runs nothing. axe-core
// checks every page visited and the test fails on any serious or critical violation. Screenshots:
// test/e2e/artifacts/web-journey-NN-<step>.png.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createSandboxSlack, type SandboxSlack } from '../../src/sandbox/index.ts';
import { startTestProvider, type TestProvider } from '../integration/web/sign-in-provider.ts';
import { childEnv, freePort, killAll, type ReadyServeProcess, startServe } from '../support/processes.ts';
import {
  type AxeProblem,
  axeProblems,
  describeAxeProblems,
  launchChromium,
  reportFailure,
  screenshots,
  serviceLog,
  skipWithoutChromium,
  tempDataDir,
  text,
  until,
} from './browser.ts';

const skip = skipWithoutChromium;
const WAIT = 15_000;
const XSS_TITLE = '<script>alert(1)</script><img src=x onerror=alert(2)>';
const CLIENT = { clientId: '1234.5678', clientSecret: 'e2e-client-secret' };

let sandbox: SandboxSlack;
let provider: TestProvider;
let serve: ReadyServeProcess;
let browser: Browser;
let data: ReturnType<typeof tempDataDir>;
let people: { alice: string; bob: string };
let incidentsChannel: string;

/** Reports an incident the way a person does in Slack: /incident, then the form. Resolves with its id. */
const report = async (user: string, values: { title: string; summary?: string; severity?: string }) => {
  const known = new Set(sandbox.channels().map((c) => c.id));
  const reply = await sandbox.slashCommand({ user, channel: incidentsChannel, text: values.title });
  assert.equal(reply.status, 200);
  const form = await until('the report form', () => sandbox.openViews(user).at(-1));
  const submitted = await sandbox.submitView({ user, viewId: form.id, values });
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  const channel = await until('the incident channel', () =>
    sandbox.channels().find((c) => !known.has(c.id) && c.name.startsWith('inc-')),
  );
  const id = Number(/^inc-(\d+)-/.exec(channel.name)?.[1]);
  await until(`the headline of #${id}`, () => headline(id));
  return id;
};

/** The headline of incident `id` in the incidents channel, as the sandbox holds it now. */
const headline = (id: number) => sandbox.messages(incidentsChannel).find((m) => m.text.startsWith(`Incident #${id}:`));

before(
  async () => {
    if (skip) return;
    data = tempDataDir('web-journey');
    sandbox = createSandboxSlack();
    await sandbox.start();
    const alice = sandbox.addUser({ name: 'alice', realName: 'Alice Adams', email: 'alice@example.com' }).id;
    const bob = sandbox.addUser({ name: 'bob', realName: 'Bob Brown', email: 'bob@example.com' }).id;
    people = { alice, bob };
    incidentsChannel = sandbox.addChannel({ name: 'incidents', members: [alice, bob], botIsMember: true }).id;
    sandbox.addChannel({ name: 'general', members: [alice, bob] });

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    provider = await startTestProvider({ ...CLIENT, redirectUris: [`${base}/auth/slack/callback`] });
    sandbox.setRequestUrl(`${base}/slack/events`);
    const env = childEnv({
      PORT: String(port),
      PUBLIC_URL: base,
      DATA_DIR: data.dir,
      AUTH_MODE: 'slack',
      SLACK_OIDC_ISSUER: provider.issuer,
      SLACK_CLIENT_ID: CLIENT.clientId,
      SLACK_CLIENT_SECRET: CLIENT.clientSecret,
      SESSION_SECRET: 'e2e-session-secret-at-least-32-characters',
      SLACK_TEAM_ID: sandbox.teamId,
      SLACK_BOT_TOKEN: sandbox.botToken,
      SLACK_SIGNING_SECRET: sandbox.signingSecret,
      SLACK_API_URL: sandbox.apiUrl,
      SLACK_INCIDENT_CHANNEL: incidentsChannel,
    });
    [serve, browser] = await Promise.all([startServe(env, 30_000), launchChromium()]);

    // Reported one after another, so their ids are 1, 2, 3.
    assert.equal(
      await report(alice, { title: 'Checkout latency spike', summary: 'p99 over 4 s on checkout', severity: 'minor' }),
      1,
    );
    assert.equal(
      await report(bob, {
        title: 'Database failover in eu-west',
        summary: 'The primary stopped answering; traffic moved to the *replica*.',
        severity: 'major',
      }),
      2,
    );
    assert.equal(await report(alice, { title: XSS_TITLE, severity: 'minor' }), 3);
  },
  { timeout: 60_000 },
);

after(async () => {
  await browser?.close();
  await serve?.stop();
  await killAll();
  await provider?.stop();
  await sandbox?.stop();
  data?.remove();
});

test('web: sign in with Slack, find, curate and report an incident; hostile titles stay text', {
  skip,
  timeout: 150_000,
}, async () => {
  const base = serve.baseUrl;
  const { shot } = screenshots('web-journey');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  context.setDefaultTimeout(WAIT);
  const page = await context.newPage();
  const dialogs: string[] = [];
  const problems: string[] = [];
  const accessibility: AxeProblem[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // A CSP report of a refused inline script would mean escaping failed and only the CSP stopped it.
  // (Failed requests are reported by URL below.)
  page.on('console', (entry) => {
    if (entry.type() === 'error' && !entry.text().startsWith('Failed to load resource')) {
      problems.push(`console error: ${entry.text()}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });

  /** axe-core on the page as it is now, then a screenshot. */
  const check = async (name: string, step: string) => {
    accessibility.push(...(await axeProblems(page, name)));
    await shot(page, step);
  };
  const h1 = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  const banner = (text: string) => page.locator('.govuk-notification-banner', { hasText: text });

  await reportFailure(
    page,
    'web-journey',
    problems,
    () => serviceLog(serve),
    async () => {
      // Signing in: the pages send a stranger to /signin; Sign in with Slack goes to the provider and back.
      provider.signInAs({ sub: people.alice, teamId: sandbox.teamId, name: 'Alice Adams', email: 'alice@example.com' });
      await page.goto(`${base}/`);
      await page.waitForURL(/\/signin/);
      await h1('Sign in').waitFor();
      await check('sign-in', 'sign-in');
      await page.getByRole('link', { name: 'Sign in with Slack' }).click();
      await page.waitForURL(`${base}/`);
      await h1('Incidents').waitFor();
      await page.locator('.app-sign-out', { hasText: 'Alice Adams' }).waitFor();
      const listed = page.locator('table.govuk-table tbody th a');
      assert.equal(await listed.count(), 3);
      await check('incident list', 'incident-list');

      // Search finds the one incident.
      await page.getByLabel('Search').fill('failover');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(/[?&]q=failover/);
      assert.deepEqual(await listed.allInnerTexts(), ['Database failover in eu-west']);
      await check('incident list, searched', 'search-results');

      // Open it.
      await listed.getByText('Database failover in eu-west').click();
      await page.waitForURL(`${base}/incidents/2`);
      await h1('Database failover in eu-west').waitFor();
      assert.equal(await text(page.locator('#summary-text strong')), 'replica', 'mrkdwn *bold* is bold');
      await check('incident', 'incident');

      // Add a timeline entry from the incident page, then hide it.
      const note = 'Replica promoted by hand at 10:05; writes resumed';
      await page.getByLabel('What happened').fill(note);
      await page.getByRole('button', { name: 'Add to the timeline' }).click();
      await banner('Added to the timeline.').waitFor();
      const entry = page.locator('ol.app-timeline > li', { hasText: note });
      await entry.waitFor();
      // People are named as Slack shows them: the sandbox's display names are the handles.
      assert.match(await text(entry.locator('.app-timeline__meta')), /\balice\b/);
      await shot(page, 'timeline-entry-added');
      await entry.getByRole('link', { name: /^Edit or hide/ }).click();
      await h1('Timeline entry').waitFor();
      await check('timeline entry (edit or hide)', 'timeline-entry');
      await page.getByRole('button', { name: 'Hide the entry' }).click();
      await banner('Timeline entry hidden.').waitFor();
      await entry.locator('.govuk-tag', { hasText: 'Hidden' }).waitFor();
      await shot(page, 'timeline-entry-hidden');
      await page.getByRole('link', { name: 'Leave hidden entries out' }).click();
      await page.getByText('1 hidden entry is left out.').waitFor();
      assert.equal(await entry.count(), 0, 'the hidden entry is left out of the timeline');

      // The severity, changed on the web, reaches the headline in Slack.
      assert.match(JSON.stringify(headline(2)?.blocks), /Major/);
      await page.getByRole('link', { name: 'Change severity' }).click();
      await h1('Change the severity').waitFor();
      await check('edit severity', 'edit-severity');
      await page.getByLabel('Critical').check();
      await page.getByRole('button', { name: 'Save' }).click();
      await banner('Severity changed.').waitFor();
      await until('the headline to show Critical', () => JSON.stringify(headline(2)?.blocks).includes('Critical'));
      assert.match(headline(2)?.text ?? '', /severity :red_circle: Critical\)$/);
      await shot(page, 'severity-changed');

      // The other edit forms, for axe.
      for (const [path, heading, name] of [
        ['details', 'Change the title, summary and impact', 'edit details'],
        ['lead', 'Change the lead', 'edit lead'],
        ['status', 'Change the status', 'edit status'],
        ['timeline/new', 'Add to the timeline', 'add to the timeline'],
        ['actions/new', /follow-up action/i, 'add a follow-up action'],
      ] as const) {
        await page.goto(`${base}/incidents/2/${path}`);
        await h1(heading).waitFor();
        await check(name, `edit-${path.replace('/', '-')}`);
      }

      // The report: the print-friendly page and the Markdown download (without the hidden entry).
      await page.goto(`${base}/incidents/2`);
      const downloading = page.waitForEvent('download');
      await page.getByRole('link', { name: /download as Markdown/ }).click();
      const download = await downloading;
      assert.equal(download.suggestedFilename(), 'incident-2-report.md');
      const markdown = await readFile(await download.path(), 'utf8');
      assert.match(markdown, /^# Incident 2: Database failover in eu-west$/m);
      assert.match(markdown, /^- \*\*Severity:\*\* Critical$/m);
      assert.match(markdown, /^- \*\*Reporter:\*\* bob$/m);
      assert.match(markdown, /traffic moved to the \*\*replica\*\*/);
      assert.match(markdown, /Severity changed from Major to Critical/);
      assert.doesNotMatch(markdown, /Replica promoted by hand/, 'hidden entries stay out of the report');
      await page.getByRole('link', { name: 'Post-incident report' }).click();
      await h1('Incident 2: Database failover in eu-west').waitFor();
      await check('report', 'report');

      await page.getByRole('link', { name: 'Insights' }).click();
      await h1('Insights').waitFor();
      await check('insights', 'insights');

      // A long timeline: notes posted with this session until incident 1 has more than a page holds.
      // Its page shows the latest 200 and says so; Earlier entries leads back, Later entries forward.
      await page.goto(`${base}/incidents/1`);
      const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
      for (let i = 1; i <= 205; i++) {
        const posted = await page.request.post(`${base}/incidents/1/timeline`, {
          form: { _csrf: csrf, text: `Checked the queue, reading ${i}`, date: '', time: '' },
          maxRedirects: 0,
        });
        assert.equal(posted.status(), 303, `note ${i}`);
      }
      await page.goto(`${base}/incidents/1`);
      await page.getByText(/The timeline has \d+ entries, shown 200 at a time\. These are the latest 200/).waitFor();
      assert.equal(await page.locator('ol.app-timeline > li').count(), 200);
      await check('incident with a long timeline', 'long-timeline');
      await page.getByRole('link', { name: 'Earlier entries' }).click();
      await page.waitForURL(/\/incidents\/1\?until=\d+#entry-\d+$/);
      await page.getByRole('link', { name: 'Later entries' }).waitFor();
      await page.getByText('Checked the queue, reading 1', { exact: true }).waitFor();
      await check('incident, earlier timeline entries', 'long-timeline-earlier');

      // The hostile title: text in the list, the page, its edit form and its report; nothing runs.
      await page.goto(`${base}/`);
      await listed.getByText(XSS_TITLE, { exact: true }).click();
      await page.waitForURL(`${base}/incidents/3`);
      await h1(XSS_TITLE).waitFor();
      assert.equal(await text(page.locator('h1')), XSS_TITLE);
      await check('incident with a hostile title', 'hostile-title');
      await page.goto(`${base}/incidents/3/details`);
      assert.equal(await page.getByLabel('Title').inputValue(), XSS_TITLE);
      await page.goto(`${base}/incidents/3/report`);
      await h1(`Incident 3: ${XSS_TITLE}`).waitFor();
      await shot(page, 'hostile-title-report');
      for (const path of ['/', '/incidents/3', '/incidents/3/details', '/incidents/3/report']) {
        await page.goto(`${base}${path}`);
        await page.locator('main').waitFor();
        const injected = {
          inlineScripts: await page.locator('script:not([src])').count(),
          images: await page.locator('img[src="x"], img[onerror]').count(),
          handlers: await page.locator('[onerror], [onload], [onclick]').count(),
          rawTitle: (await page.content()).includes('<script>alert(1)'),
        };
        assert.deepEqual(
          injected,
          { inlineScripts: 0, images: 0, handlers: 0, rawTitle: false },
          `nothing from the title became markup on ${path}`,
        );
      }
      // The headline in the sandbox's own browser UI shows it as text too.
      await page.goto(sandbox.uiUrl);
      await page.locator('#messages').getByText(`Incident #3: ${XSS_TITLE}`).first().waitFor();
      assert.equal(await page.locator('#messages img').count(), 0);
      await shot(page, 'hostile-title-in-sandbox');

      assert.deepEqual(dialogs, [], 'no dialog ever opened');
      assert.deepEqual(problems, [], 'no script errors or failed requests');
      assert.equal(
        accessibility.length,
        0,
        `axe-core found serious or critical problems:\n${describeAxeProblems(accessibility)}`,
      );
    },
  );
  await context.close();
});
