// What the e2e tests share: whether Chromium is here (else each file skips with this reason), launching it,
// numbered screenshots under test/e2e/artifacts/, axe-core on a page, and a fresh temporary DATA_DIR.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** `false` when Chromium is installed, else the reason every browser test gives for skipping. */
export const skipWithoutChromium: false | string = existsSync(CHROMIUM)
  ? false
  : `Chromium is not installed at ${CHROMIUM}: install it (apt-get install -y chromium) to run the browser tests`;

/** Headless Chromium, as CI runs it (as root in a container, hence --no-sandbox). */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

/**
 * Screenshots `page` as `artifacts/<prefix>-NN-<step>.png`, numbered in the order taken; a previous run's
 * screenshots of the same prefix are removed first, so the folder shows one run.
 */
export const screenshots = (prefix: string) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const file of readdirSync(ARTIFACTS)) {
    if (file.startsWith(`${prefix}-`) && file.endsWith('.png')) rmSync(join(ARTIFACTS, file));
  }
  let n = 0;
  const taken: string[] = [];
  return {
    taken,
    async shot(page: Page, step: string): Promise<void> {
      n += 1;
      const file = `${prefix}-${String(n).padStart(2, '0')}-${step}.png`;
      await page.screenshot({ path: join(ARTIFACTS, file), fullPage: true });
      taken.push(file);
    },
  };
};

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One axe-core violation of impact serious or critical, on one page. */
export interface AxeProblem {
  readonly page: string;
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly helpUrl: string;
  readonly targets: string[];
}

interface AxeResults {
  violations: {
    id: string;
    impact?: string | null;
    help: string;
    helpUrl: string;
    nodes: { target: unknown[]; html: string; failureSummary?: string }[];
  }[];
}

/**
 * Runs axe-core on the page as it is now and returns its serious and critical violations. axe is evaluated
 * through the DevTools protocol: the page's Content-Security-Policy (no inline script) rightly refuses an
 * injected <script>, and page.evaluate is not subject to it.
 */
export const axeProblems = async (page: Page, name: string): Promise<AxeProblem[]> => {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(async () => {
    const { axe } = globalThis as unknown as { axe: { run(options: unknown): Promise<unknown> } };
    return axe.run({ resultTypes: ['violations'] });
  });
  return (results as AxeResults).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      page: name,
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      helpUrl: v.helpUrl,
      targets: v.nodes.map((node) => `${node.target.join(' ')}  ${node.html.slice(0, 160)}`),
    }));
};

/** Violations as a report a person can act on: page, rule, impact, what to fix, where. */
export const describeAxeProblems = (problems: readonly AxeProblem[]): string =>
  problems
    .map(
      (p) =>
        `[${p.impact}] ${p.page}: ${p.id}: ${p.help} (${p.helpUrl})\n${p.targets.map((t) => `    at ${t}`).join('\n')}`,
    )
    .join('\n');

/** A fresh directory for the embedded database, and how to remove it. */
export const tempDataDir = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `incident-bot-${name}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
};

/** Polls `check` (every 50 ms) until it gives something truthy, and returns that; fails after `ms`. */
export const until = async <T>(
  what: string,
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  ms = 15_000,
): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** A locator's text (its DOM textContent), trimmed; '' when it has none. */
export const text = async (locator: Locator): Promise<string> => (await locator.textContent())?.trim() ?? '';

/**
 * Runs a journey's steps; when one fails, saves `artifacts/<prefix>-failed.png` and adds to the error where
 * the page was, its heading, what went wrong in it so far, and `context()` (e.g. the service's log).
 */
export const reportFailure = async (
  page: Page,
  prefix: string,
  problems: readonly string[],
  context: () => string,
  steps: () => Promise<void>,
): Promise<void> => {
  try {
    await steps();
  } catch (error) {
    const file = `${prefix}-failed.png`;
    await page.screenshot({ path: join(ARTIFACTS, file), fullPage: true }).catch(() => {});
    const heading = await page
      .locator('h1')
      .first()
      .textContent({ timeout: 1_000 })
      .catch(() => null);
    const where = [
      `page: ${page.url()} (h1: ${JSON.stringify(heading?.trim() ?? null)}), screenshot: test/e2e/artifacts/${file}`,
      ...(problems.length > 0 ? [`problems so far:\n  ${problems.join('\n  ')}`] : []),
      context(),
    ].join('\n');
    if (error instanceof Error) {
      error.message = `${error.message}\n${where}`;
      throw error;
    }
    throw new Error(`${String(error)}\n${where}`);
  }
};

/** The end of what a `serve` child has logged (LOG_LEVEL=warn: its warnings and errors), for failure reports. */
export const serviceLog = (serve: { output: { stdout: string; stderr: string } }, chars = 3_000): string => {
  const log = `${serve.output.stdout}${serve.output.stderr}`.trim();
  return log === ''
    ? 'the service logged nothing'
    : `the service logged (last ${chars} characters):\n${log.slice(-chars)}`;
};
