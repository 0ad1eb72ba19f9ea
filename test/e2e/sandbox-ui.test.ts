// Smoke test of the sandbox's browser UI in Chromium: mounted under /sandbox in a plain node:http server with a
// fake bot, a person posts a message and it appears without a reload; so does the bot's answer, pushed by
// server-sent events. Skipped when Chromium is not installed at /usr/bin/chromium.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createSandboxSlack } from '../../src/sandbox/index.ts';
import { startFakeBot } from '../integration/sandbox/fake-bot.ts';
import { clientFor } from '../integration/sandbox/world.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const skip = existsSync(CHROMIUM)
  ? false
  : `Chromium is not installed at ${CHROMIUM}; install it to run the browser tests`;

test('sandbox UI: a message appears without a reload, and so does the bot’s answer', {
  skip,
  timeout: 60_000,
}, async () => {
  const sandbox = createSandboxSlack({ basePath: '/sandbox' });
  const host = createServer((req, res) => sandbox.handler(req, res, () => res.writeHead(404).end()));
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  sandbox.setPublicOrigin(`http://127.0.0.1:${(host.address() as AddressInfo).port}`);
  const bot = await startFakeBot(sandbox.signingSecret);
  sandbox.setRequestUrl(bot.url);
  const client = clientFor(sandbox);
  const alice = sandbox.addUser({ name: 'alice', realName: 'Alice Example' }).id;
  const incidents = sandbox.addChannel({ name: 'incidents', members: [alice], botIsMember: true }).id;
  // The bot answers a mention a moment after acknowledging it, as the real one does.
  bot.answer = (r) => {
    if (r.json?.event?.type === 'app_mention') {
      setTimeout(() => void client.chat.postMessage({ channel: incidents, text: ':eyes: On it, *Alice*.' }), 50);
    }
    return {};
  };

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  const problems: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    // A module the page could not load, a script the CSP refused, or any other error in the console.
    page.on('console', (entry) => {
      if (entry.type() === 'error') problems.push(`console error: ${entry.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
    });
    await page.goto(sandbox.uiUrl);
    await page.getByRole('heading', { name: '#incidents' }).waitFor();
    await page.evaluate(() => {
      (globalThis as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    assert.equal(await page.getByLabel('Acting as').inputValue(), alice);

    const messages = page.locator('#messages');
    await page.getByLabel('Message #incidents').fill('@Incident payments are failing');
    await page.keyboard.press('Enter');
    await messages.getByText('payments are failing').waitFor();
    assert.equal(await messages.locator('.mention').first().textContent(), '@incident');
    await messages.getByText('On it, Alice.').waitFor();
    assert.equal(await messages.locator('strong', { hasText: 'Alice' }).count(), 1, 'mrkdwn *bold* is bold');
    assert.equal(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded), true);
    assert.equal(await page.getByLabel('Message #incidents').inputValue(), '', 'the composer is emptied');

    // axe-core, evaluated through the DevTools protocol (the page's CSP rightly refuses injected scripts).
    await page.evaluate(readFileSync(AXE, 'utf8'));
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string }[] }> } }).axe;
      return (await axe.run()).violations.map((v) => v.id);
    });
    assert.deepEqual(violations, [], 'axe-core finds no accessibility problems');

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}sandbox-ui-smoke.png`, fullPage: true });
    assert.deepEqual(
      sandbox.messages(incidents).map((m) => m.text),
      [`<@${sandbox.botUserId}> payments are failing`, ':eyes: On it, *Alice*.'],
    );
    assert.deepEqual(problems, [], 'no page errors, console errors or failed requests');
  } finally {
    await browser.close();
    await sandbox.stop();
    await bot.stop();
    host.closeAllConnections();
    await new Promise((resolve) => host.close(resolve));
  }
});
