// Running an incident from its channel: every command as `/incident …` and as `@Incident …`, its
// success and its refusal (what was wrong, how to do it right, nothing changed), and redelivery.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { rawRows } from '../../../src/storage/raw-rows.ts';
import { interactionBody, postSigned } from '../../support/slack-requests.ts';
import { eventually, type SlackWorld, startSlackWorld } from '../../support/slack-world.ts';

type IncidentJson = {
  severity: string | null;
  status: string;
  summary: string | null;
  lead: { slackId: string } | null;
  channel: { name: string } | null;
};

describe('incident commands', () => {
  let world: SlackWorld;
  let channel: string;
  const id = 1;

  before(async () => {
    world = await startSlackWorld();
    const { slack, people, channels } = world;
    await slack.slashCommand({ user: people.alice, channel: channels.general, text: 'Checkout errors' });
    const view = slack.openViews(people.alice).at(-1);
    assert.ok(view);
    await slack.submitView({ user: people.alice, viewId: view.id, values: { title: 'Checkout errors' } });
    channel = (await eventually(() => slack.channels().find((c) => c.name.startsWith('inc-1-')), 5_000, 'channel')).id;
    await slack.joinChannel({ user: people.carol, channel }).catch(() => {});
  });
  after(() => world.stop());

  const incident = async (): Promise<IncidentJson> =>
    (await (await world.bot.get(`/api/v1/incidents/${id}`)).json()) as IncidentJson;
  const slash = (text: string, user = world.people.alice) => world.slack.slashCommand({ user, channel, text });
  const replyText = (reply: { body: unknown }) => String((reply.body as { text?: string } | null)?.text ?? '');
  const channelSays = (pattern: RegExp) =>
    eventually(() => world.slack.messages(channel).find((m) => pattern.test(m.text)), 5_000, `channel says ${pattern}`);
  const headline = () => world.slack.messages(world.channels.incidents).find((m) => m.text.includes(`#${id}:`));

  it('sets the severity by name or number, case-insensitive, and the headline follows', async () => {
    const reply = await slash('sev 2');
    assert.equal(reply.status, 200);
    await channelSays(/Severity set to \*Major\*/);
    assert.equal((await incident()).severity, 'major');
    await slash('severity CRITICAL');
    assert.equal((await incident()).severity, 'critical');
    await eventually(() => JSON.stringify(headline()?.blocks).includes('Critical'), 5_000, 'headline shows Critical');
  });

  it('refuses a severity it would have to guess, saying how to do it right, and changes nothing', async () => {
    const reply = await slash('severity maj');
    assert.match(replyText(reply), /"maj" is not a severity/);
    assert.match(replyText(reply), /\/incident severity <critical\|major\|minor\|trivial, or 1-4>/);
    assert.equal((await incident()).severity, 'critical');
    assert.match(replyText(await slash('severity')), /Say which severity/);
  });

  it('makes the caller the lead, or the person named', async () => {
    await slash('lead', world.people.bob);
    assert.equal((await incident()).lead?.slackId, world.people.bob);
    await slash(`lead <@${world.people.carol}|carol>`);
    assert.equal((await incident()).lead?.slackId, world.people.carol);
    await channelSays(new RegExp(`<@${world.people.carol}> is now leading`));
    assert.match(replyText(await slash('lead nobody')), /"nobody" is not a person/);
  });

  it('moves the status and refuses one that does not exist', async () => {
    await slash('status identified');
    assert.equal((await incident()).status, 'identified');
    const reply = await slash('status fixed');
    assert.match(replyText(reply), /"fixed" is not a status/);
    assert.equal((await incident()).status, 'identified');
  });

  it('sets the summary, or shows it with a Change button that edits it in a modal', async () => {
    const { slack, people } = world;
    await slash('summary Card payments fail at the last step');
    assert.equal((await incident()).summary, 'Card payments fail at the last step');
    const shown = await slash('summary');
    assert.match(replyText(shown), /Card payments fail at the last step/);
    const note = slack.ephemerals({ user: people.alice, channel }).at(-1);
    assert.ok(note && JSON.stringify(note.blocks).includes('change-summary'), 'a Change button');
    await slack.clickButton({ user: people.alice, channel, ts: note.ts, actionId: 'change-summary' });
    const modal = slack.openViews(people.alice).at(-1);
    assert.ok(modal, 'the Change modal opens');
    assert.match(JSON.stringify(modal.view), /Card payments fail at the last step/, 'prefilled');
    await slack.submitView({ user: people.alice, viewId: modal.id, values: { text: 'Only Visa cards fail' } });
    assert.equal((await incident()).summary, 'Only Visa cards fail');
  });

  it('renames the channel, keeping the inc- prefix, and says when Slack refuses', async () => {
    await slash('rename Checkout Visa');
    assert.equal((await incident()).channel?.name, 'inc-checkout-visa');
    assert.equal(world.slack.channel(channel)?.name, 'inc-checkout-visa');
    world.slack.addChannel({ name: 'inc-taken', members: [world.people.bob] });
    assert.match(replyText(await slash('rename taken')), /That name is taken/);
    assert.equal((await incident()).channel?.name, 'inc-checkout-visa');
  });

  it('tells how long it has been running', async () => {
    await slash('duration');
    await channelSays(/has been running for \d+ secs?/);
  });

  it('logs follow-up actions with an owner and due date, and lists them on request', async () => {
    await slash(`action Add a Visa canary <@${world.people.bob}> by 2026-12-15`);
    const actions = (await (await world.bot.get(`/api/v1/incidents/${id}/actions`)).json()) as {
      items: { text: string; owner: { slackId: string } | null; dueAt: string | null }[];
    };
    assert.deepEqual(
      actions.items.map((a) => [a.text, a.owner?.slackId, a.dueAt?.slice(0, 10)]),
      [['Add a Visa canary', world.people.bob, '2026-12-15']],
    );
    await slash('action');
    await channelSays(/Follow-up actions[\s\S]*Add a Visa canary/);
    assert.match(replyText(await slash('action Fix it by 2026-02-30')), /not a real date/);
  });

  it('answers @Incident mentions with ✅, or ❓ and a private note, and ignores a redelivery', async () => {
    const { slack, people } = world;
    const bot = `<@${slack.botUserId}>`;
    const good = await slack.postMessage({ user: people.alice, channel, text: `${bot} severity minor` });
    await eventually(() => slack.reactions(channel, good.ts).some((r) => r.name === 'white_check_mark'), 5_000, '✅');
    assert.equal((await incident()).severity, 'minor');
    const bad = await slack.postMessage({ user: people.alice, channel, text: `${bot} frobnicate` });
    await eventually(() => slack.reactions(channel, bad.ts).some((r) => r.name === 'question'), 5_000, '❓');
    const note = await eventually(
      () => slack.ephemerals({ user: people.alice, channel }).find((e) => e.text.includes('frobnicate')),
      5_000,
      'a private note',
    );
    assert.match(note.text, /help/);
    const before = slack.calls('chat.postMessage').length;
    const again = await slack.sendEvent(
      { type: 'app_mention', user: people.alice, text: `${bot} duration`, ts: good.ts, channel, event_ts: good.ts },
      { times: 2 },
    );
    assert.deepEqual(again.statuses, [200, 200]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(slack.calls('chat.postMessage').length, before + 1, 'answered once');
  });

  it('explains where incident commands work when typed elsewhere', async () => {
    const reply = await world.slack.slashCommand({
      user: world.people.alice,
      channel: world.channels.general,
      text: 'lead',
    });
    assert.match(replyText(reply), /works inside an incident channel/);
  });

  it('posts a status update from the form: timeline entry, channel message, headline', async () => {
    const { slack, people } = world;
    await slash('update');
    const form = slack.openViews(people.alice).at(-1);
    assert.ok(form, 'the update form opens');
    await slack.submitView({
      user: people.alice,
      viewId: form.id,
      values: { status: 'monitoring', text: 'Fix deployed, watching error rates', 'next-update': '60' },
    });
    await channelSays(/Update on incident #1/);
    assert.equal((await incident()).status, 'monitoring');
    const timeline = (await (await world.bot.get(`/api/v1/incidents/${id}/timeline`)).json()) as {
      items: { source: string; text: string }[];
    };
    assert.ok(timeline.items.some((e) => e.source === 'update' && e.text === 'Fix deployed, watching error rates'));
    assert.ok(timeline.items.some((e) => e.source === 'change' && /Status changed/.test(e.text)));
    await eventually(
      () => JSON.stringify(headline()?.blocks).includes('Monitoring'),
      5_000,
      'headline shows Monitoring',
    );
    const [due] = await rawRows<{ at: Date }>(
      world.bot.db.db,
      sql`select update_due_at as at from reminder_state where incident_id = ${id}`,
    );
    assert.equal(
      new Date(due?.at ?? 0).getTime(),
      world.bot.clock.now().getTime() + 60 * 60_000,
      'the update reminder is due when the author promised',
    );
  });

  it('records one update when Slack delivers the same form submission twice', async () => {
    const { slack, people } = world;
    const payload = interactionBody({
      type: 'view_submission',
      team: { id: slack.teamId, domain: 'sandbox' },
      user: { id: people.bob, username: 'bob', team_id: slack.teamId },
      api_app_id: slack.appId,
      view: {
        id: 'V0UPDATETWICE',
        team_id: slack.teamId,
        type: 'modal',
        callback_id: 'status-update',
        private_metadata: JSON.stringify({ incidentId: id }),
        state: {
          values: {
            status: { status: { type: 'static_select', selected_option: { value: 'monitoring' } } },
            text: { text: { type: 'plain_text_input', value: 'Error rate back to normal' } },
            'next-update': { 'next-update': { type: 'static_select', selected_option: { value: '30' } } },
          },
        },
      },
    });
    const url = `${world.bot.baseUrl}/slack/events`;
    const replies = await Promise.all([1, 2].map(() => postSigned(url, payload, { secret: slack.signingSecret })));
    assert.deepEqual(
      replies.map((r) => r.status),
      [200, 200],
    );
    const timeline = (await (await world.bot.get(`/api/v1/incidents/${id}/timeline`)).json()) as {
      items: { text: string }[];
    };
    assert.equal(timeline.items.filter((e) => e.text === 'Error rate back to normal').length, 1);
  });

  it('edits from the headline, refusing to clear a severity inline', async () => {
    const { slack, people, channels } = world;
    const post = headline();
    assert.ok(post);
    await slack.clickButton({ user: people.bob, channel: channels.incidents, ts: post.ts, actionId: 'headline-edit' });
    const form = slack.openViews(people.bob).at(-1);
    assert.ok(form, 'the edit form opens');
    assert.match(JSON.stringify(form.view), /Checkout errors/, 'prefilled with the title');
    const refused = await slack.submitView({
      user: people.bob,
      viewId: form.id,
      values: { title: 'Checkout errors (Visa)', severity: null },
    });
    assert.match(JSON.stringify(refused.body), /Severity cannot be cleared/);
    assert.equal((await incident()).severity, 'minor');
    await slack.submitView({
      user: people.bob,
      viewId: form.id,
      values: { title: 'Checkout errors (Visa)', severity: 'major' },
    });
    await eventually(() => headline()?.text.includes('Checkout errors (Visa)'), 5_000, 'new title on the headline');
  });

  it('closes from the headline: resolved, announced in the channel, lead asked for the report; reopens', async () => {
    const { slack, people, channels } = world;
    const post = headline();
    assert.ok(post);
    await slack.clickButton({ user: people.bob, channel: channels.incidents, ts: post.ts, actionId: 'headline-close' });
    assert.equal((await incident()).status, 'resolved');
    await channelSays(/Incident #1 is resolved/);
    const dm = await eventually(
      () => slack.dms(people.carol).find((m) => /post-incident report/.test(m.text)),
      5_000,
      'DM',
    );
    assert.match(dm.text, /incidents\.test\/incidents\/1\/report/);
    await eventually(() => !JSON.stringify(headline()?.blocks).includes('headline-close'), 5_000, 'no Close button');
    assert.match(replyText(await slash('close')), /already closed/);
    await slash('reopen');
    assert.equal((await incident()).status, 'investigating');
  });
});
