// Issue 7, end to end in Chromium: the real `incident-bot serve` with no Slack configured (so the sandbox Slack
// runs inside it), driven through the sandbox's browser UI the way a person tries the bot out: report an
// incident from the composer (with one inline error first), see its channel appear, set the severity with a
// mention, pin a message, post an update, close it from the headline, then read it on the incident's web page.
// A screenshot of every step goes to test/e2e/artifacts/sandbox-journey-NN-<step>.png.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { childEnv, killAll, type ReadyServeProcess, startServe } from '../support/processes.ts';
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

let serve: ReadyServeProcess;
let browser: Browser;
let data: ReturnType<typeof tempDataDir>;

before(
  async () => {
    if (skip) return;
    data = tempDataDir('sandbox-journey');
    // No SLACK_* variables: sandbox mode. childEnv passes only PATH and HOME, so not DATABASE_URL either.
    [serve, browser] = await Promise.all([startServe(childEnv({ DATA_DIR: data.dir }), 30_000), launchChromium()]);
  },
  { timeout: 45_000 },
);

after(async () => {
  await browser?.close();
  await serve?.stop();
  await killAll();
  data?.remove();
});

/** The message in the open conversation that says `words`. */
const message = (page: Page, words: string): Locator =>
  page.locator('#messages > li.message').filter({ hasText: words });

/** The modal once it shows a form titled `title`. */
const modal = async (page: Page, title: string): Promise<Locator> => {
  const dialog = page.locator('dialog#modal[open]');
  await dialog.locator('#modal-title', { hasText: title }).waitFor({ timeout: WAIT });
  return dialog;
};

/** Types into the composer and sends with Enter, as a person does. */
const send = async (page: Page, typed: string): Promise<void> => {
  const composer = page.locator('#composer-text');
  await composer.fill(typed);
  await composer.press('Enter');
  await until('the composer to be emptied', async () => (await composer.inputValue()) === '');
};

test('sandbox: report, run and close an incident in the browser, then read it on the web', {
  skip,
  timeout: 90_000,
}, async () => {
  const { shot } = screenshots('sandbox-journey');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(WAIT);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // Failed requests are reported by URL below; any other console error is a problem.
  page.on('console', (entry) => {
    if (entry.type() === 'error' && !entry.text().startsWith('Failed to load resource')) {
      problems.push(`console error: ${entry.text()}`);
    }
  });
  page.on('response', (response) => {
    // The one refusal expected: the report form submitted with its required title empty.
    const expected = response.status() === 422 && response.url().endsWith('/sandbox/ui/submit');
    if (response.status() >= 400 && !expected) problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  // axe-core where the sandbox shows something new: the report form's errors, a channel, a dialog, the pages.
  const accessibility: AxeProblem[] = [];
  const axe = async (name: string) => accessibility.push(...(await axeProblems(page, name)));
  const incidentsTitle = page.getByRole('heading', { level: 1, name: '#incidents' });

  await reportFailure(
    page,
    'sandbox-journey',
    problems,
    () => serviceLog(serve),
    async () => {
      // The sandbox opens on #incidents as its first person; act as Bob instead.
      await page.goto(`${serve.baseUrl}/sandbox/`);
      await incidentsTitle.waitFor();
      await page.locator('#connection[data-state="live"]').waitFor();
      const [bob] = await page.getByLabel('Acting as').selectOption({ label: 'Bob Brown (@bob)' });
      // The page acts as Bob once the sandbox has agreed to the switch and the page has kept it.
      // (Polled from here: the page's CSP refuses the string eval waitForFunction would do in the page.)
      const actingAs = () => page.evaluate("localStorage.getItem('sandbox-slack:user')");
      await until('the page to act as Bob', async () => (await actingAs()) === bob);
      await shot(page, 'acting-as-bob');

      // /incident opens the report form with the title from the command.
      await send(page, '/incident Payments are failing');
      let form = await modal(page, 'Report an incident');
      const title = form.getByLabel('Title');
      assert.equal(await title.inputValue(), 'Payments are failing');
      await shot(page, 'report-form');

      // Submitted with the title emptied, the form stays open with the error inline and in the summary.
      await title.fill('');
      await form.getByRole('button', { name: 'Report' }).click();
      const titleBlock = form.locator('.field.has-error[data-block-id="title"]');
      await titleBlock.locator('.field-error').waitFor();
      assert.match(await text(titleBlock.locator('.field-error')), /complete this required field/);
      await form
        .locator('#modal-summary')
        .getByRole('link', { name: /complete this required field/ })
        .waitFor();
      assert.match(await text(form.locator('#modal-alert')), /Title is required/);
      assert.equal(await title.getAttribute('aria-invalid'), 'true');
      await axe('sandbox: report form with an error');
      await shot(page, 'report-form-inline-error');

      // Fixed, with a severity chosen, it is reported.
      await title.fill('Payments are failing');
      await form.getByLabel('Severity').selectOption({ label: 'Major' });
      await form.getByRole('button', { name: 'Report' }).click();
      await page.locator('dialog#modal').waitFor({ state: 'hidden' });

      // The bot creates #inc-1-…; it appears in the channel list without a reload, with the opening message.
      const channelLink = page.locator('#channel-list a', { hasText: /# inc-1-payments/ });
      await channelLink.waitFor();
      const channelName = (await text(channelLink.locator('span').first())).replace(/^#\s*/, '');
      assert.match(channelName, /^inc-1-payments-are-failing/);
      await shot(page, 'incident-channel-listed');
      await channelLink.click();
      await page.getByRole('heading', { level: 1, name: `#${channelName}` }).waitFor();
      const opening = message(page, 'Pin a message');
      await opening.waitFor();
      assert.match(await text(opening), /Payments are failing/);
      assert.equal(await text(opening.locator('.author')), 'Incident Bot');
      assert.match(
        (await opening.getByRole('link', { name: 'Incident page' }).getAttribute('href')) ?? '',
        /\/incidents\/1$/,
      );
      await axe('sandbox: incident channel');
      await shot(page, 'opening-message');

      // A mention sets the severity and gets ✅.
      await send(page, '@Incident severity critical');
      const mention = message(page, 'severity critical');
      await mention.locator('.mention', { hasText: '@incident' }).waitFor();
      await mention.locator('.reaction', { hasText: '✅' }).waitFor();
      await shot(page, 'severity-by-mention');

      // A message pinned from its message menu.
      await send(page, 'Rolled back deploy 4521; error rate falling');
      const finding = message(page, 'Rolled back deploy 4521');
      await finding.waitFor();
      const menuButton = finding.getByRole('button', { name: /More actions for the message from Bob Brown/ });
      await menuButton.click();
      const menu = page.getByRole('menu', { name: 'Message actions' });
      await menu.waitFor();
      await shot(page, 'message-menu');
      await menu.getByRole('menuitem', { name: 'Pin to channel' }).click();
      await finding.locator('.message-note', { hasText: '📌 Pinned by bob' }).waitFor();
      await shot(page, 'message-pinned');

      // /incident update: its form, then the update in the channel.
      await send(page, '/incident update');
      form = await modal(page, 'Update on #1');
      assert.equal(
        await form.getByLabel('Severity').inputValue(),
        'critical',
        'the form shows the severity set by mention',
      );
      await form.getByLabel('Status').selectOption({ label: 'Monitoring' });
      await form.getByLabel('What is happening now?').fill('Card payments succeed again; watching for 30 minutes.');
      await shot(page, 'update-form');
      await form.getByRole('button', { name: 'Post update' }).click();
      await page.locator('dialog#modal').waitFor({ state: 'hidden' });
      const update = message(page, 'Card payments succeed again');
      await update.waitFor();
      assert.match(await text(update), /Status: Monitoring/);
      await shot(page, 'update-posted');

      // In #incidents, the headline's Close asks first, then resolves the incident.
      // (Matched on the name alone: the link also says "new messages" when there are some.)
      await page.locator('#channel-list a', { has: page.getByText('# incidents', { exact: true }) }).click();
      await incidentsTitle.waitFor();
      const headline = message(page, 'Incident #1: Payments are failing');
      await headline.waitFor();
      await headline.getByText('Critical').first().waitFor();
      await headline.getByRole('button', { name: '✅ Close' }).click();
      const confirm = page.locator('dialog#confirm[open]');
      await confirm.getByRole('heading', { name: 'Close this incident?' }).waitFor();
      assert.match(await text(confirm.locator('#confirm-text')), /#1 will be marked resolved/);
      await axe('sandbox: confirmation dialog');
      await shot(page, 'close-confirmation');
      await confirm.getByRole('button', { name: 'Close incident' }).click();
      await confirm.waitFor({ state: 'hidden' });
      await headline.getByRole('button', { name: '✅ Close' }).waitFor({ state: 'detached' });
      await headline.getByText('Resolved').first().waitFor();
      await shot(page, 'closed-from-headline');

      // The web pages: sign in as a sandbox person, then the incident's page shows the timeline and status.
      await page.goto(`${serve.baseUrl}/signin?next=${encodeURIComponent('/incidents/1')}`);
      await page.getByRole('heading', { level: 1, name: 'Sign in to the sandbox' }).waitFor();
      await axe('sign-in as a sandbox person');
      await shot(page, 'sign-in');
      await page.getByRole('button', { name: 'Sign in as Bob Brown' }).click();
      await page.waitForURL(`${serve.baseUrl}/incidents/1`);
      await page.getByRole('heading', { level: 1, name: 'Payments are failing' }).waitFor();
      const details = page.locator('dl.govuk-summary-list');
      const row = (key: string) =>
        details.locator('.govuk-summary-list__row', { has: page.locator('dt', { hasText: key }) });
      assert.equal(await text(row('Status').locator('dd').first()), 'Resolved');
      assert.equal(await text(row('Severity').locator('dd').first()), 'Critical');
      assert.match(await text(row('Reporter')), /\bbob\b/, 'named by the display name the sandbox gives Bob');
      assert.match(await text(row('Slack channel')), new RegExp(`#${channelName}`));
      const timeline = page.locator('ol.app-timeline');
      await timeline.locator('li', { hasText: 'Rolled back deploy 4521; error rate falling' }).waitFor();
      await timeline.locator('li', { hasText: 'Card payments succeed again; watching for 30 minutes.' }).waitFor();
      const entries = await timeline.locator('> li').allInnerTexts();
      const at = (words: string) => entries.findIndex((entry) => entry.includes(words));
      assert.ok(
        at('Rolled back deploy') < at('Card payments succeed again'),
        `timeline oldest first:\n${entries.join('\n')}`,
      );
      await axe('incident page');
      await shot(page, 'incident-page');

      assert.deepEqual(problems, [], 'no script errors in the sandbox or the pages');
      assert.equal(
        accessibility.length,
        0,
        `axe-core found serious or critical problems:\n${describeAxeProblems(accessibility)}`,
      );
    },
  );
  await context.close();
});
