// Nothing unsigned, forged, replayed or from another workspace gets past the Slack endpoints, and
// the endpoints answer at Response's paths too, so an app configured for Response keeps working.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { REPORT_MODAL } from '../../../src/slack/ids.ts';
import { interactionBody, postSigned } from '../../support/slack-requests.ts';
import { type SlackWorld, startSlackWorld } from '../../support/slack-world.ts';
import type { TestService } from '../../support/test-service.ts';

let SECRET = '';
let TEAM = '';

const submission = (viewId: string, team = TEAM) =>
  interactionBody({
    type: 'view_submission',
    team: { id: team, domain: 'acme' },
    user: { id: 'U0123456789', username: 'alice', team_id: team },
    api_app_id: 'A0123456789',
    view: {
      id: viewId,
      team_id: team,
      type: 'modal',
      callback_id: REPORT_MODAL.callbackId,
      private_metadata: '{"channelId":null,"responseUrl":null}',
      hash: '1712330001.aB3dE5fG',
      state: {
        values: {
          [REPORT_MODAL.title]: { [REPORT_MODAL.title]: { type: 'plain_text_input', value: 'Forged incident' } },
        },
      },
    },
  });

describe('Slack request verification', () => {
  let world: SlackWorld;
  let service: TestService;
  let events: string;

  const incidentCount = async () => {
    const body = (await (await service.get('/api/v1/incidents')).json()) as { items: unknown[] };
    return body.items.length;
  };

  before(async () => {
    world = await startSlackWorld();
    service = world.bot;
    SECRET = world.slack.signingSecret;
    TEAM = world.slack.teamId;
    events = `${service.baseUrl}/slack/events`;
  });
  after(() => world.stop());

  it("answers url_verification with its challenge, at ours and at Response's events path", async () => {
    const body = await readFile(new URL('../../fixtures/slack/url_verification.json', import.meta.url), 'utf8');
    for (const path of ['/slack/events', '/slack/event']) {
      const response = await postSigned(`${service.baseUrl}${path}`, body, {
        secret: SECRET,
        contentType: 'application/json',
      });
      assert.equal(response.status, 200, path);
      assert.match(await response.text(), /3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P/);
    }
  });

  it('stores a genuine submission, at every path Slack may use', async () => {
    const paths = ['/slack/events', '/slack/slash_command', '/slack/action', '/slack/event'];
    for (const [i, path] of paths.entries()) {
      const response = await postSigned(`${service.baseUrl}${path}`, submission(`V00000000G${i}`), { secret: SECRET });
      assert.equal(response.status, 200, path);
    }
    assert.equal(await incidentCount(), paths.length);
  });

  it('refuses a missing, forged or stale signature with 401 and stores nothing', async () => {
    const before = await incidentCount();
    const now = Math.floor(Date.now() / 1000);
    const refused = [
      await postSigned(events, submission('V0000000F01'), { secret: SECRET, signature: null }),
      await postSigned(events, submission('V0000000F02'), { secret: 'not-the-secret' }),
      await postSigned(events, submission('V0000000F03'), { secret: SECRET, signature: `v0=${'0'.repeat(64)}` }),
      await postSigned(events, submission('V0000000F04'), { secret: SECRET, signature: 'v0=short' }),
      // Five minutes and a second old: a replay, even though the signature itself is genuine.
      await postSigned(events, submission('V0000000F05'), { secret: SECRET, timestamp: now - 301 }),
      await postSigned(events, submission('V0000000F06'), { secret: SECRET, timestamp: now + 301 }),
    ];
    assert.deepEqual(
      refused.map((r) => r.status),
      [401, 401, 401, 401, 401, 401],
    );
    assert.equal(await incidentCount(), before);
  });

  it('refuses a body changed after signing', async () => {
    const before = await incidentCount();
    const timestamp = Math.floor(Date.now() / 1000);
    const genuine = await postSigned(events, submission('V0000000T01'), { secret: SECRET, timestamp, signature: null });
    assert.equal(genuine.status, 401);
    const { signSlackBody } = await import('../../../src/slack/verify-signature.ts');
    const signature = signSlackBody(SECRET, String(timestamp), submission('V0000000T02'));
    const tampered = await postSigned(events, submission('V0000000T03'), { secret: SECRET, timestamp, signature });
    assert.equal(tampered.status, 401);
    assert.equal(await incidentCount(), before);
  });

  it('refuses a signed request from another workspace and asks Slack not to retry it', async () => {
    const before = await incidentCount();
    const response = await postSigned(events, submission('V0000000W01', 'T0OTHERTEAM'), { secret: SECRET });
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('x-slack-no-retry'), '1');
    assert.equal(await incidentCount(), before);
  });
});
