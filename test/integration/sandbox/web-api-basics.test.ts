// The Web API's envelope: authentication, unknown methods, form vs JSON bodies, call recording and
// injected faults (error, 429 + Retry-After, HTTP 500) as @slack/web-api's WebClient sees them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErrorCode, type WebAPIHTTPError, type WebAPIRateLimitedError } from '@slack/web-api';
import { clientFor, slackError, startWorld, type World } from './world.ts';

describe('sandbox Web API basics', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });
  after(() => w.stop());

  it('answers auth.test with the bot identity', async () => {
    const r = await w.client.auth.test();
    assert.equal(r.user_id, w.sandbox.botUserId);
    assert.equal(r.bot_id, w.sandbox.botId);
    assert.equal(r.team_id, w.sandbox.teamId);
    assert.match(String(r.url), /^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('refuses a missing token with not_authed and a wrong one with invalid_auth, as HTTP 200', async () => {
    const missing = await fetch(`${w.sandbox.apiUrl}auth.test`, { method: 'POST' });
    assert.equal(missing.status, 200);
    assert.deepEqual(await missing.json(), { ok: false, error: 'not_authed' });
    assert.equal((await slackError(clientFor(w.sandbox, 'xoxb-wrong').auth.test())).error, 'invalid_auth');
    const last = w.sandbox.calls('auth.test').at(-1);
    assert.deepEqual(last, { method: 'auth.test', args: {}, ok: false, error: 'invalid_auth', status: 200 });
  });

  it('takes the token from a form field, but JSON bodies need the Authorization header', async () => {
    const form = await fetch(`${w.sandbox.apiUrl}auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: w.sandbox.botToken }).toString(),
    });
    assert.equal(((await form.json()) as { ok: boolean }).ok, true);
    const json = await fetch(`${w.sandbox.apiUrl}auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: w.sandbox.botToken }),
    });
    assert.equal(((await json.json()) as { error: string }).error, 'not_authed');
    const bearer = await fetch(`${w.sandbox.apiUrl}conversations.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${w.sandbox.botToken}` },
      body: JSON.stringify({ name: 'json-body', is_private: true }),
    });
    const created = (await bearer.json()) as { channel: { is_private: boolean } };
    assert.equal(created.channel.is_private, true, 'a JSON boolean is read as a boolean');
  });

  it('says unknown_method for methods it does not know, and invalid_json for bad JSON', async () => {
    assert.equal((await slackError(w.client.apiCall('chat.teleport', {}))).error, 'unknown_method');
    const bad = await fetch(`${w.sandbox.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${w.sandbox.botToken}` },
      body: '{"channel":',
    });
    assert.deepEqual(await bad.json(), { ok: false, error: 'invalid_json' });
  });

  it('records every call in order, without the token and with form-encoded JSON decoded', async () => {
    const channel = w.sandbox.addChannel({ name: 'recorded', botIsMember: true });
    const blocks = [{ type: 'section', block_id: 'b', text: { type: 'mrkdwn', text: '*hello*' } }];
    await w.client.chat.postMessage({ channel: channel.id, text: 'hello', blocks });
    const call = w.sandbox.calls('chat.postMessage').at(-1);
    assert.deepEqual(call, {
      method: 'chat.postMessage',
      args: { channel: channel.id, text: 'hello', blocks },
      ok: true,
      status: 200,
    });
    if (call) call.args.channel = 'mutated';
    assert.equal(w.sandbox.calls('chat.postMessage').at(-1)?.args.channel, channel.id, 'calls() returns copies');
  });

  it('fails the next calls with a Slack error, `times` times, then recovers', async () => {
    w.sandbox.failNext('conversations.info', { error: 'fatal_error', times: 2 });
    const channel = w.sandbox.addChannel({ name: 'faulty' });
    assert.equal((await slackError(w.client.conversations.info({ channel: channel.id }))).error, 'fatal_error');
    assert.equal((await slackError(w.client.conversations.info({ channel: channel.id }))).error, 'fatal_error');
    assert.equal((await w.client.conversations.info({ channel: channel.id })).channel?.id, channel.id);
    assert.deepEqual(
      w.sandbox.calls('conversations.info').map((c) => c.error ?? 'ok'),
      ['fatal_error', 'fatal_error', 'ok'],
    );
  });

  it('answers HTTP 429 with Retry-After, which a rejecting WebClient surfaces as a rate limit', async () => {
    w.sandbox.failNext('chat.postMessage', { retryAfter: 7 });
    const raw = await fetch(`${w.sandbox.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.sandbox.botToken}` },
    });
    assert.equal(raw.status, 429);
    assert.equal(raw.headers.get('retry-after'), '7');
    assert.deepEqual(await raw.json(), { ok: false, error: 'ratelimited' });

    w.sandbox.failNext('chat.postMessage', { retryAfter: 12 });
    const rejecting = clientFor(w.sandbox, w.sandbox.botToken, { rejectRateLimitedCalls: true });
    const error = await rejecting.chat.postMessage({ channel: 'C0NOWHERE00', text: 'x' }).then(
      () => assert.fail('expected a rate limit'),
      (e: WebAPIRateLimitedError) => e,
    );
    assert.equal(error.code, ErrorCode.RateLimitedError);
    assert.equal(error.retryAfter, 12);
    assert.deepEqual(w.sandbox.calls('chat.postMessage').at(-1), {
      method: 'chat.postMessage',
      args: { channel: 'C0NOWHERE00', text: 'x' },
      ok: false,
      error: 'ratelimited',
      status: 429,
    });
  });

  it('answers an injected HTTP 500, which the WebClient reports as an HTTP error', async () => {
    w.sandbox.failNext('users.list', { status: 500 });
    const error = await w.client.users.list({}).then(
      () => assert.fail('expected an HTTP error'),
      (e: WebAPIHTTPError) => e,
    );
    assert.equal(error.code, ErrorCode.HTTPError);
    assert.equal(error.statusCode, 500);
    assert.equal((await w.client.users.list({})).ok, true, 'one fault, one failure');
  });

  it('forgets queued faults on clearFaults', async () => {
    w.sandbox.failNext('auth.test', { error: 'account_inactive', times: 5 });
    w.sandbox.clearFaults();
    assert.equal((await w.client.auth.test()).ok, true);
  });
});
