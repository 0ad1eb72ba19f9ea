// The templates escape everything: autoescape is on, and no view turns it off or marks text as safe.
// Only the mrkdwn renderer and the chart builders produce HTML, as SafeHtml.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createTemplates, safeHtml, VIEWS_DIR } from '../../../src/web/render/templates.ts';

const views = readdirSync(VIEWS_DIR, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.njk'))
  .map((entry) => join(entry.parentPath ?? entry.path, entry.name));

describe('views', () => {
  it('escape every value unless it is SafeHtml', () => {
    const env = createTemplates();
    assert.equal(
      env.renderString('{{ a }}|{{ b }}', { a: '<script>alert(1)</script>', b: safeHtml('<strong>ok</strong>') }),
      '&lt;script&gt;alert(1)&lt;/script&gt;|<strong>ok</strong>',
    );
  });

  it('never mark text safe or turn escaping off themselves', () => {
    assert.ok(views.length >= 10, `found the views (${views.length})`);
    for (const file of views) {
      const source = readFileSync(file, 'utf8');
      assert.doesNotMatch(source, /\|\s*safe\b/, `${file} uses the safe filter`);
      assert.doesNotMatch(source, /autoescape\s+false/, `${file} turns escaping off`);
      assert.doesNotMatch(source, /<script(?![^>]*\bsrc=)/, `${file} has an inline script`);
      assert.doesNotMatch(source, /\sstyle=/, `${file} has an inline style`);
    }
  });
});
