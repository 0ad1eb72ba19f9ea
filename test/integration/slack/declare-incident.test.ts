// /incident end to end over signed HTTP: the modal, inline errors, and on submit exactly one
// incident, one channel with the reporter and lead in it, one opening message, one headline and
// one ephemeral thanks, even when Slack delivers the submission twice.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { REPORT_MODAL } from '../../../src/slack/ids.ts';
import { interactionBody, postSigned } from '../../support/slack-requests.ts';
import { eventually, type SlackWorld, startSlackWorld } from '../../support/slack-world.ts';

type IncidentJson = {
  id: number;
  title: string;
  severity: string | null;
  kind: string;
  channel: { id: string; name: string } | null;
};

const textOf = (blocks: unknown): string => JSON.stringify(blocks ?? []);

describe('/incident declares an incident', () => {
  let world: SlackWorld;
  before(async () => {
    world = await startSlackWorld();
  });
  after(() => world.stop());

  /** A report modal submission as Slack posts it (§3.4), for deliveries the sandbox would not make. */
  const submission = (viewId: string, title: string, extra: Record<string, unknown> = {}) => {
    const { slack, people, channels } = world;
    return interactionBody({
      type: 'view_submission',
      team: { id: slack.teamId, domain: 'sandbox' },
      user: { id: people.carol, username: 'carol', team_id: slack.teamId },
      api_app_id: slack.appId,
      view: {
        id: viewId,
        team_id: slack.teamId,
        type: 'modal',
        callback_id: REPORT_MODAL.callbackId,
        private_metadata: JSON.stringify({ channelId: channels.general, responseUrl: null }),
        hash: '1712330001.dup',
        state: {
          values: {
            [REPORT_MODAL.title]: { [REPORT_MODAL.title]: { type: 'plain_text_input', value: title } },
            [REPORT_MODAL.lead]: { [REPORT_MODAL.lead]: { type: 'users_select', selected_user: people.bob } },
            ...extra,
          },
        },
      },
    });
  };

  const incidents = async (): Promise<IncidentJson[]> =>
    ((await (await world.bot.get('/api/v1/incidents')).json()) as { items: IncidentJson[] }).items;

  const openReportModal = async (text: string) => {
    const { slack, people, channels } = world;
    const reply = await slack.slashCommand({ user: people.alice, channel: channels.general, text });
    assert.equal(reply.status, 200);
    const view = slack.openViews(people.alice).at(-1);
    assert.ok(view, 'the report modal is open');
    return view;
  };

  it('opens "Report an incident" with the title prefilled from the command', async () => {
    const view = await openReportModal('Payments are failing');
    const modal = view.view as { callback_id: string; title: { text: string }; blocks: unknown[] };
    assert.equal(modal.callback_id, REPORT_MODAL.callbackId);
    assert.equal(modal.title.text, 'Report an incident');
    assert.match(textOf(modal.blocks), /"initial_value":"Payments are failing"/);
    for (const label of ['Title', 'Is this a live incident?', 'Summary', 'Impact', 'Lead', 'Severity']) {
      assert.match(textOf(modal.blocks), new RegExp(`"text":"${label.replace('?', '\\?')}"`), label);
    }
  });

  it('shows inline errors for an empty or over-long title and stores nothing', async () => {
    const { slack, people } = world;
    const view = await openReportModal('');
    const empty = await slack.submitView({ user: people.alice, viewId: view.id, values: { title: '   ' } });
    assert.deepEqual(Object.keys((empty.body as { errors: object }).errors), ['title']);
    assert.equal((empty.body as { response_action: string }).response_action, 'errors');
    assert.equal(slack.view(view.id)?.closed, false, 'the modal stays open to be fixed');
    // Slack's max_length stops people typing more (the sandbox refuses too), but the bot checks all the same.
    const long = await postSigned(`${world.bot.baseUrl}/slack/events`, submission('V0LONGTITLE1', 'x'.repeat(201)), {
      secret: slack.signingSecret,
    });
    const answer = (await long.json()) as { response_action: string; errors: { title: string } };
    assert.equal(answer.response_action, 'errors');
    assert.match(answer.errors.title, /200 characters/);
    assert.equal((await incidents()).length, 0);
  });

  it('refuses a severity the form never offered (a forged submission), inline, storing nothing', async () => {
    const { slack } = world;
    const before = (await incidents()).length;
    const forged = {
      [REPORT_MODAL.severity]: {
        [REPORT_MODAL.severity]: { type: 'static_select', selected_option: { value: 'catastrophic' } },
      },
    };
    const reply = await postSigned(
      `${world.bot.baseUrl}/slack/events`,
      submission('V0FORGEDSEV1', 'Disk full', forged),
      {
        secret: slack.signingSecret,
      },
    );
    const answer = (await reply.json()) as { response_action: string; errors: Record<string, string> };
    assert.equal(answer.response_action, 'errors');
    assert.match(answer.errors.severity ?? '', /Critical, Major, Minor or Trivial/);
    assert.equal((await incidents()).length, before);
  });

  it('tells the person to try again when Slack will not open the form (an expired trigger)', async () => {
    const { slack, people, channels } = world;
    slack.failNext('views.open', { error: 'expired_trigger_id' });
    const reply = await slack.slashCommand({ user: people.carol, channel: channels.general, text: 'Too slow' });
    assert.equal(reply.status, 200);
    const notice = await eventually(
      () => slack.ephemerals({ user: people.carol }).find((e) => e.text.includes('/incident')),
      5_000,
      'ephemeral',
    );
    assert.match(notice.text, /took too long.*again/);
  });

  it('on submit: one incident, a channel with reporter and lead, an opening message, a headline and thanks', async () => {
    const { slack, people, channels, bot } = world;
    const view = await openReportModal('Payments are failing');
    const reply = await slack.submitView({
      user: people.alice,
      viewId: view.id,
      values: {
        title: 'Payments are failing',
        kind: 'live',
        summary: 'Card payments return 500 <for everyone>',
        impact: 'No one can pay',
        lead: people.bob,
        severity: 'major',
      },
    });
    assert.equal(reply.status, 200);
    assert.equal(reply.body, null, 'an empty reply closes the modal');

    const [incident] = await incidents();
    assert.ok(incident);
    assert.equal(incident.title, 'Payments are failing');
    assert.equal(incident.severity, 'major');

    const name = `inc-${incident.id}-payments-are-failing`;
    // Invited people arrive after the channel exists; wait for both, then look at the rest.
    const channel = await eventually(
      () => {
        const found = slack.channelByName(name);
        return found?.members.includes(people.alice) && found.members.includes(people.bob) && found;
      },
      5_000,
      'channel with reporter and lead',
    );
    assert.ok(channel.topic.includes('Payments are failing'));
    assert.ok(channel.topic.includes(`http://incidents.test/incidents/${incident.id}`));

    const headline = await eventually(
      () => slack.messages(channels.incidents).find((m) => m.text.includes(`#${incident.id}`)),
      5_000,
      'headline',
    );
    const shown = textOf(headline.blocks);
    for (const part of [`<@${people.alice}>`, `<@${people.bob}>`, 'Investigating', 'Major', `<#${channel.id}>`]) {
      assert.ok(shown.includes(part), `headline shows ${part}`);
    }
    assert.ok(shown.includes(`http://incidents.test/incidents/${incident.id}`));
    for (const action of ['headline-join', 'headline-edit', 'headline-close'])
      assert.ok(shown.includes(action), action);

    const opening = await eventually(() => slack.messages(channel.id).find((m) => m.botId), 5_000, 'opening');
    assert.ok(textOf(opening.blocks).includes('Card payments return 500 &lt;for everyone&gt;'), 'user text escaped');

    const thanks = await eventually(
      () =>
        slack.ephemerals({ user: people.alice, channel: channels.general }).find((e) => e.text.includes(channel.id)),
      5_000,
      'ephemeral thanks',
    );
    assert.match(thanks.text, /Thanks/);

    const api = (await (await bot.get(`/api/v1/incidents/${incident.id}`)).json()) as IncidentJson;
    assert.deepEqual(api.channel, { id: channel.id, name: channel.name });
  });

  it('files a report of a past incident with no channel, under "Reported" in the report channel', async () => {
    const { slack, people, channels } = world;
    const view = await openReportModal('Backups skipped last night');
    const channelsBefore = slack.channels().length;
    await slack.submitView({
      user: people.alice,
      viewId: view.id,
      values: { title: 'Backups skipped last night', kind: 'report' },
    });
    const incident = (await incidents()).find((i) => i.title === 'Backups skipped last night');
    assert.equal(incident?.kind, 'report');
    const headline = await eventually(
      () => slack.messages(channels.reports).find((m) => m.text.includes(`#${incident?.id}:`)),
      5_000,
      'headline in the report channel',
    );
    assert.match(headline.text, /^Reported #/);
    assert.ok(!textOf(headline.blocks).includes('headline-join'), 'no channel to join');
    assert.ok(!slack.messages(channels.incidents).some((m) => m.text.includes(`#${incident?.id}:`)));
    await eventually(
      () => slack.ephemerals({ user: people.alice }).some((e) => e.text.includes('your report is recorded')),
      5_000,
      'thanks',
    );
    assert.equal(slack.channels().length, channelsBefore, 'no channel created');
  });

  it('stores one incident when Slack delivers the same submission twice at once', async () => {
    const { slack, channels } = world;
    const before = (await incidents()).length;
    const body = submission('V0DUPLICATE1', 'Search is slow');
    const url = `${world.bot.baseUrl}/slack/events`;
    const replies = await Promise.all([1, 2].map(() => postSigned(url, body, { secret: slack.signingSecret })));
    assert.deepEqual(
      replies.map((r) => r.status),
      [200, 200],
    );
    const after = await incidents();
    assert.equal(after.length, before + 1);
    const id = after[0]?.id;
    await eventually(
      () => slack.messages(channels.incidents).some((m) => m.text.includes(`#${id}:`)),
      5_000,
      'headline',
    );
    // Give a stray second job time to do damage, then count.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const created = slack
      .calls('conversations.create')
      .filter((c) => c.ok && String(c.args.name).startsWith(`inc-${id}-`));
    assert.equal(created.length, 1, 'one channel');
    const headlines = slack.messages(channels.incidents).filter((m) => m.text.includes(`#${id}:`));
    assert.equal(headlines.length, 1, 'one headline');
  });
});
