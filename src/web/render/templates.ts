// Nunjucks over our views and GOV.UK Frontend's macros, autoescaping everything. Paths are resolved
// from this file, so the same code finds its templates when run from src/ (tsx) or dist/ (built):
// the build copies src/web/views and src/web/assets next to the compiled files.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

const require = createRequire(import.meta.url);

/** GOV.UK Frontend's `dist/` folder: templates load as `govuk/components/…/macro.njk`. */
export const GOVUK_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');
/** Our templates. */
export const VIEWS_DIR = fileURLToPath(new URL('../views', import.meta.url));
/** Our own stylesheet, script and icon. */
export const ASSETS_DIR = fileURLToPath(new URL('../assets', import.meta.url));

/** GOV.UK Frontend's files the pages use, served from our origin under /assets/. */
export const GOVUK_FILES = [
  'govuk-frontend.min.css',
  'govuk-frontend.min.css.map',
  'govuk-frontend.min.js',
  'govuk-frontend.min.js.map',
] as const;

/** Our asset files, served under /assets/. */
export const OWN_FILES = ['app.css', 'print.css', 'app.js', 'favicon.svg'] as const;

/**
 * A short hash of every asset the pages link to. Links carry it (`?v=…`), so assets can be cached
 * for a year and a new release is fetched at once.
 */
export const assetVersion = (): string => {
  const hash = createHash('sha256');
  for (const file of GOVUK_FILES) hash.update(readFileSync(join(GOVUK_DIST, 'govuk', file)));
  for (const file of OWN_FILES) hash.update(readFileSync(join(ASSETS_DIR, file)));
  return hash.digest('hex').slice(0, 12);
};

/** HTML we built ourselves from escaped parts (mrkdwn, charts): output as is. */
export type SafeHtml = nunjucks.runtime.SafeString;

/** Marks HTML as safe for templates. Only for output of the mrkdwn renderer and the chart builders. */
export const safeHtml = (html: string): SafeHtml => new nunjucks.runtime.SafeString(html);

/** The template environment: autoescape on, so every `{{ value }}` is escaped unless it is SafeHtml. */
export const createTemplates = (): nunjucks.Environment =>
  new nunjucks.Environment(new nunjucks.FileSystemLoader([VIEWS_DIR, GOVUK_DIST]), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
