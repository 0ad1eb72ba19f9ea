// Curating an incident from its pages over real HTTP: each form goes through the same use case as
// Slack (an event row per change), lands back on the incident with a banner (POST-redirect-GET),
// shows mistakes inline keeping what was typed, and refuses a post without the session's CSRF token.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { asc, eq } from 'drizzle-orm';
import { incidentEvents } from '../../../src/storage/schema.ts';
import { getActions } from '../../../src/usecases/get-actions.ts';
import { getIncident } from '../../../src/usecases/get-incident.ts';
import { getTimeline } from '../../../src/usecases/get-timeline.ts';
import { banner, errorSummary, pageText, section } from '../../support/page-client.ts';
import { type PageService, startPageService } from '../../support/page-service.ts';

describe('curating an incident from the web', () => {
  let p: PageService;
  let id: number;

  before(async () => {
    p = await startPageService();
    await p.people({ U0ALICE: 'Alice Adams', U0BOB: 'Bob Brown', U0CAROL: 'Carol Chen' });
    id = await p.declare({ title: 'Payments API returning 500s' });
    await p.browser.get(`/incidents/${id}`);
  });
  after(() => p.stop());

  const events = async () =>
    (
      await p.service.db.db
        .select()
        .from(incidentEvents)
        .where(eq(incidentEvents.incidentId, id))
        .orderBy(asc(incidentEvents.id))
    ).map((e) => ({ type: e.type, actor: e.actorId, after: e.after as Record<string, unknown> | null }));
  const lastEvent = async () => (await events()).at(-1);
  const incident = () => getIncident(p.service.read, id);
  const timeline = (includeHidden = false) => getTimeline(p.service.read, { incidentId: id, includeHidden });

  describe('the timeline', () => {
    it('adds a note, now or at a time of day in the time zone, and shows it with a banner', async () => {
      const page = await p.browser.submit(`/incidents/${id}/timeline`, {
        text: 'Rolled back *v42*',
        date: '',
        time: '',
      });
      assert.equal(banner(page.html), 'Success Added to the timeline.');
      assert.match(page.redirectedTo, new RegExp(`^/incidents/${id}\\?changed=timeline-added#entry-\\d+$`));
      assert.match(page.html, /Rolled back <strong>v42<\/strong>/);
      assert.deepEqual(await lastEvent(), {
        type: 'timeline.added',
        actor: 'local',
        after: { entryId: (await timeline()).at(-1)?.id, source: 'manual', text: 'Rolled back *v42*' },
      });

      await p.browser.submit(`/incidents/${id}/timeline`, {
        text: 'First alert fired',
        date: '2026-03-02',
        time: '09:55',
      });
      const entries = await timeline();
      assert.equal(entries[0]?.text, 'First alert fired', 'an earlier time goes first');
      assert.equal(entries[0]?.occurredAt.toISOString(), '2026-03-02T09:55:00.000Z');
    });

    it('shows what is wrong inline, keeps what was typed, and writes nothing', async () => {
      const before = (await events()).length;
      const empty = await p.browser.post(`/incidents/${id}/timeline`, {
        text: '   ',
        date: '2026-03-02',
        time: '25:00',
      });
      assert.equal(empty.status, 400);
      assert.deepEqual(errorSummary(empty.html), ['time: Enter a time on the 24-hour clock, for example 14:05']);
      assert.match(empty.html, /id="time" name="time" type="time" value="25:00"/);

      const blank = await p.browser.post(`/incidents/${id}/timeline`, { text: ' ', date: '', time: '' });
      assert.equal(blank.status, 400);
      assert.deepEqual(errorSummary(blank.html), ['text: Write what happened.']);
      assert.match(blank.html, /<p id="text-error" class="govuk-error-message">/);
      assert.equal((await events()).length, before);
    });

    it('edits a note, and refuses to rewrite a change record, saying why', async () => {
      const note = (await timeline()).find((e) => e.text === 'Rolled back *v42*');
      assert.ok(note);
      const form = await p.browser.get(`/incidents/${id}/timeline/${note.id}`);
      assert.match(
        form.html,
        /<textarea class="govuk-textarea" id="text" name="text" rows="4" aria-describedby="text-hint">Rolled back \*v42\*<\/textarea>/,
      );
      const page = await p.browser.submit(`/incidents/${id}/timeline/${note.id}`, {
        text: 'Rolled back v42 and v43',
        date: '2026-03-02',
        time: '10:00',
      });
      assert.equal(banner(page.html), 'Success Timeline entry saved.');
      assert.equal((await lastEvent())?.type, 'timeline.updated');
      assert.equal((await timeline()).find((e) => e.id === note.id)?.text, 'Rolled back v42 and v43');

      await p.browser.submit(`/incidents/${id}/severity`, { severity: 'critical' });
      const change = (await timeline()).find((e) => e.source === 'change');
      assert.ok(change);
      const refused = await p.browser.post(`/incidents/${id}/timeline/${change.id}`, {
        text: 'Nothing happened',
        date: '',
        time: '',
      });
      assert.equal(refused.status, 400);
      assert.match(
        errorSummary(refused.html).join(),
        /This change entry cannot be edited: it is the record of what happened/,
      );
    });

    it('hides an entry (kept, marked when shown) and shows it again', async () => {
      const note = (await timeline()).find((e) => e.text === 'First alert fired');
      assert.ok(note);
      const hidden = await p.browser.submit(`/incidents/${id}/timeline/${note.id}/visibility`, { hidden: 'true' });
      assert.match(banner(hidden.html) ?? '', /Timeline entry hidden/);
      assert.match(pageText(section(hidden.html, `id="entry-${note.id}"`, '</li>')), /Hidden/);
      assert.equal((await lastEvent())?.type, 'timeline.hidden');
      assert.doesNotMatch((await p.browser.get(`/incidents/${id}`)).html, /First alert fired/);

      const shown = await p.browser.submit(`/incidents/${id}/timeline/${note.id}/visibility`, { hidden: 'false' });
      assert.equal(banner(shown.html), 'Success Timeline entry shown again.');
      assert.equal((await lastEvent())?.type, 'timeline.shown');
      assert.match((await p.browser.get(`/incidents/${id}`)).html, /First alert fired/);
    });
  });

  describe('the incident', () => {
    it('changes title, summary and impact; a title too long is refused inline, keeping the text', async () => {
      const long = 'x'.repeat(201);
      const refused = await p.browser.post(`/incidents/${id}/details`, { title: long, summary: 'Keep me', impact: '' });
      assert.equal(refused.status, 400);
      assert.deepEqual(errorSummary(refused.html), ['title: Keep the title to 200 characters (it has 201).']);
      assert.ok(refused.html.includes(`value="${long}"`));
      assert.match(refused.html, />Keep me<\/textarea>/);

      const page = await p.browser.submit(`/incidents/${id}/details`, {
        title: 'Card payments failing',
        summary: 'Visa *only*',
        impact: 'A third of checkouts',
      });
      assert.equal(banner(page.html), 'Success Title, summary and impact saved.');
      assert.match(page.html, /<h1 class="govuk-heading-l">Card payments failing<\/h1>/);
      const now = await incident();
      assert.deepEqual(
        [now.title, now.summary, now.impact],
        ['Card payments failing', 'Visa *only*', 'A third of checkouts'],
      );
      const event = await lastEvent();
      assert.equal(event?.type, 'incident.updated');
      assert.deepEqual(Object.keys(event?.after ?? {}).sort(), ['impact', 'summary', 'title']);
    });

    it('sets the lead from the list of known people or by Slack member ID', async () => {
      const form = await p.browser.get(`/incidents/${id}/lead`);
      assert.match(form.html, /<option value="U0BOB">Bob Brown<\/option>/);
      await p.browser.submit(`/incidents/${id}/lead`, { leadId: 'U0BOB', leadOther: '' });
      assert.equal((await incident()).lead?.name, 'Bob Brown');

      const refused = await p.browser.post(`/incidents/${id}/lead`, { leadId: '', leadOther: 'bob' });
      assert.equal(refused.status, 400);
      assert.match(errorSummary(refused.html).join(), /^leadOther: Enter a Slack member ID/);
      assert.match(refused.html, /id="leadOther" name="leadOther" type="text" spellcheck="false" value="bob"/);

      const page = await p.browser.submit(`/incidents/${id}/lead`, { leadId: 'U0BOB', leadOther: 'U0NEWBIE' });
      assert.equal(banner(page.html), 'Success Lead changed.');
      assert.equal((await incident()).leadId, 'U0NEWBIE');
      assert.deepEqual((await lastEvent())?.after, { leadId: 'U0NEWBIE' });
    });

    it('sets the severity, and asks for one when none is chosen', async () => {
      const refused = await p.browser.post(`/incidents/${id}/severity`, {});
      assert.equal(refused.status, 400);
      assert.deepEqual(errorSummary(refused.html), ['severity: Choose how severe the incident is']);
      const page = await p.browser.submit(`/incidents/${id}/severity`, { severity: 'minor' });
      assert.equal(banner(page.html), 'Success Severity changed.');
      assert.equal((await incident()).severity, 'minor');
      assert.match(pageText(page.html), /Severity Minor Change severity/);
    });

    it('moves the status, resolves through resolve and reopens through reopen', async () => {
      await p.browser.submit(`/incidents/${id}/status`, { status: 'monitoring' });
      assert.equal((await incident()).status, 'monitoring');
      const resolved = await p.browser.submit(`/incidents/${id}/status`, { status: 'resolved' });
      assert.equal(banner(resolved.html), 'Success Incident resolved.');
      assert.equal((await lastEvent())?.type, 'incident.resolved');
      assert.ok((await incident()).resolvedAt);

      const form = await p.browser.get(`/incidents/${id}/status`);
      assert.match(form.html, /Reopen the incident/);
      assert.doesNotMatch(form.html, /value="resolved"/);
      const reopened = await p.browser.submit(`/incidents/${id}/status`, { status: 'identified' });
      assert.equal(banner(reopened.html), 'Success Incident reopened.');
      assert.equal((await lastEvent())?.type, 'incident.reopened');
      assert.equal((await incident()).status, 'identified');
    });
  });

  describe('follow-up actions', () => {
    let actionId: number;

    beforeEach(async () => {
      actionId = (await getActions(p.service.read, id)).at(-1)?.id ?? 0;
    });

    it('adds an action with an owner and a due date; a bad owner ID is refused inline', async () => {
      const refused = await p.browser.post(`/incidents/${id}/actions`, {
        text: 'Alert on failures',
        owner: '',
        ownerOther: 'carol',
        due: '',
      });
      assert.equal(refused.status, 400);
      assert.match(errorSummary(refused.html).join(), /^ownerOther: Enter a Slack member ID/);
      assert.match(refused.html, />Alert on failures<\/textarea>/);

      const page = await p.browser.submit(`/incidents/${id}/actions`, {
        text: 'Alert on *card* failures',
        owner: 'U0CAROL',
        ownerOther: '',
        due: '2026-03-20',
      });
      assert.equal(banner(page.html), 'Success Follow-up action added.');
      const [action] = await getActions(p.service.read, id);
      assert.equal(action?.ownerId, 'U0CAROL');
      assert.equal(action?.dueAt?.toISOString(), '2026-03-20T00:00:00.000Z');
      assert.equal((await lastEvent())?.type, 'action.added');
      assert.match(pageText(page.html), /Alert on card failures Carol Chen 20 Mar 2026 To do/);
    });

    it('marks an action done and to do again', async () => {
      const done = await p.browser.submit(`/incidents/${id}/actions/${actionId}/done`, { done: 'true' });
      assert.equal(banner(done.html), 'Success Follow-up action marked as done.');
      assert.match(pageText(done.html), /Carol Chen 20 Mar 2026 Done Mark as to do/);
      assert.deepEqual((await lastEvent())?.type, 'action.updated');
      await p.browser.submit(`/incidents/${id}/actions/${actionId}/done`, { done: 'false' });
      assert.equal((await getActions(p.service.read, id))[0]?.done, false);
    });

    it('reassigns an action to someone typed by Slack member ID', async () => {
      const form = await p.browser.get(`/incidents/${id}/actions/${actionId}`);
      assert.match(form.html, /<option value="U0CAROL" selected>Carol Chen<\/option>/);
      const page = await p.browser.submit(`/incidents/${id}/actions/${actionId}`, {
        text: 'Alert on *card* failures',
        owner: 'U0CAROL',
        ownerOther: 'U0BOB',
        due: '2026-03-20',
      });
      assert.equal(banner(page.html), 'Success Follow-up action saved.');
      assert.equal((await getActions(p.service.read, id))[0]?.owner?.name, 'Bob Brown');
      const event = await lastEvent();
      assert.equal(event?.type, 'action.updated');
      assert.equal(event?.after?.ownerId, 'U0BOB');
    });
  });

  it('refuses a post without the session’s CSRF token, or with another one, and changes nothing', async () => {
    const before = await events();
    const title = (await incident()).title;
    const missing = await p.browser.post(
      `/incidents/${id}/details`,
      { title: 'Forged', summary: '', impact: '' },
      { csrf: false },
    );
    assert.equal(missing.status, 403);
    const wrong = await p.browser.post(`/incidents/${id}/severity`, { severity: 'trivial' }, { csrf: 'not-the-token' });
    assert.equal(wrong.status, 403);
    assert.deepEqual(await events(), before);
    assert.equal((await incident()).title, title);
  });

  it('puts the session’s CSRF token in every form on the incident page', async () => {
    const { html } = await p.browser.get(`/incidents/${id}`);
    const forms = [...html.matchAll(/<form[^>]*method="post"[\s\S]*?<\/form>/g)].map((m) => m[0]);
    assert.ok(forms.length >= 3, 'sign out, action buttons, the timeline form');
    for (const form of forms) assert.match(form, new RegExp(`name="_csrf" value="${p.browser.csrfToken}"`));
  });
});
