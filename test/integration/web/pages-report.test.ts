// The post-incident report over real HTTP: the Markdown download and the print-friendly page the
// bot links leads to on resolution (`${PUBLIC_URL}/incidents/{id}/report`).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addAction } from '../../../src/usecases/add-action.ts';
import { addTimelineEntry } from '../../../src/usecases/add-timeline-entry.ts';
import { hideTimelineEntry } from '../../../src/usecases/hide-timeline-entry.ts';
import { resolveIncident } from '../../../src/usecases/resolve-incident.ts';
import { updateAction } from '../../../src/usecases/update-action.ts';
import { pageText } from '../../support/page-client.ts';
import { ALICE, type PageService, startPageService } from '../../support/page-service.ts';

describe('post-incident report', () => {
  let p: PageService;
  let id: number;

  before(async () => {
    p = await startPageService();
    const { service } = p;
    await p.people({ U0ALICE: 'Alice Adams', U0BOB: 'Bob Brown' });
    id = await p.declare({
      title: 'Payments *down* <b>',
      summary: '*Card* payments failing for <@U0BOB>',
      impact: 'See <https://status.example.com|status> and ```select 1;```',
      leadId: 'U0BOB',
    });
    service.clock.advance(5 * 60_000);
    await addTimelineEntry(service.write, {
      incidentId: id,
      source: 'pin',
      text: 'Rolled back _v42_\nand watched the graphs',
      actor: ALICE,
      slack: { channelId: 'C0PAY', ts: '1.2', permalink: 'https://example.slack.com/archives/C0PAY/p12' },
    });
    const { value } = await addTimelineEntry(service.write, {
      incidentId: id,
      source: 'manual',
      text: 'Secret guess',
      actor: ALICE,
    });
    await hideTimelineEntry(service.write, {
      incidentId: id,
      target: { entryId: value.entry.id },
      hidden: true,
      actor: ALICE,
    });
    const done = await addAction(service.write, {
      incidentId: id,
      text: 'Alert on failures',
      ownerId: 'U0BOB',
      actor: ALICE,
    });
    await updateAction(service.write, { incidentId: id, actionId: done.value.id, patch: { done: true }, actor: ALICE });
    await addAction(service.write, {
      incidentId: id,
      text: 'Write a runbook',
      dueAt: new Date('2026-03-20T00:00:00Z'),
      actor: ALICE,
    });
    service.clock.advance(55 * 60_000);
    await resolveIncident(service.write, { incidentId: id, actor: ALICE });
  });
  after(() => p.stop());

  it('downloads as a Markdown file named after the incident', async () => {
    const response = await p.browser.get(`/incidents/${id}/report.md`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/markdown; charset=utf-8');
    assert.equal(response.headers.get('content-disposition'), `attachment; filename="incident-${id}-report.md"`);
  });

  it('holds the facts, summary, impact, timeline and actions, times in the time zone', async () => {
    const md = (await p.browser.get(`/incidents/${id}/report.md`)).html;
    const lines = md.split('\n');
    assert.equal(lines[0], `# Incident ${id}: Payments \\*down\\* \\<b\\>`);
    assert.ok(md.includes(`Source: <http://incidents.test/incidents/${id}>`));
    for (const line of [
      '- **Status:** Resolved',
      '- **Severity:** Major',
      '- **Lead:** Bob Brown',
      '- **Reporter:** Alice Adams',
      '- **Reported:** 2 Mar 2026, 10:00 GMT',
      '- **Resolved:** 2 Mar 2026, 11:00 GMT',
      '- **Duration:** 1 hr',
      '**Card** payments failing for @Bob Brown',
      '- **2 Mar 2026, 10:05 GMT**, Alice Adams (Pinned): Rolled back _v42_  ',
      '  and watched the graphs ([in Slack](<https://example.slack.com/archives/C0PAY/p12>))',
      '- [x] Alert on failures (owner: Bob Brown)',
      '- [ ] Write a runbook (owner: nobody yet, due 20 Mar 2026)',
    ]) {
      assert.ok(lines.includes(line), `the report has the line ${JSON.stringify(line)}`);
    }
    assert.match(md, /See \[status\]\(<https:\/\/status.example.com\/>\) and/);
    assert.match(md, /```\nselect 1;\n```/);
    assert.ok(md.indexOf('## Summary') < md.indexOf('## Impact'));
    assert.ok(md.indexOf('## Timeline') < md.indexOf('## Follow-up actions'));
    assert.doesNotMatch(md, /Secret guess/, 'hidden entries stay out of the report');
  });

  it('prints from its own page: print styles from our origin, no hidden entries', async () => {
    const page = await p.browser.get(`/incidents/${id}/report`);
    assert.equal(page.status, 200);
    assert.match(page.html, /<link rel="stylesheet" href="\/assets\/print.css\?v=\w+" media="print">/);
    assert.match(page.html, /<button type="button" [^>]*data-app-print hidden>Print this page<\/button>/);
    const text = pageText(page.html);
    assert.match(text, /Post-incident report Incident \d+: Payments \*down\* <b>/);
    assert.match(text, /Summary Card payments failing for @Bob Brown Impact See status and select 1;/);
    assert.match(text, /Rolled back v42 and watched the graphs/);
    assert.doesNotMatch(text, /Secret guess/);
    assert.match(text, /Alert on failures Bob Brown No date Done/);
    const css = await p.browser.get('/assets/print.css');
    assert.equal(css.status, 200);
    assert.match(css.html, /\.govuk-service-navigation/);
  });
});
