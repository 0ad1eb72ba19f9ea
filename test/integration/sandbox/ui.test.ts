// The sandbox mounted inside another node:http server under /sandbox, as the app mounts it in sandbox mode:
// the Web API and response_urls under the base path, the browser UI's page and assets, its state JSON, its
// action API (driving a fake bot with signed requests) and its server-sent events.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { WebClient } from '@slack/web-api';
import { createSandboxSlack, type SandboxSlack } from '../../../src/sandbox/index.ts';
import { type FakeBot, startFakeBot } from './fake-bot.ts';
import { clientFor } from './world.ts';

interface Mounted {
  sandbox: SandboxSlack;
  bot: FakeBot;
  client: WebClient;
  host: Server;
  origin: string;
  alice: string;
  bob: string;
  incidents: string;
}

/** A plain node:http server whose own routes answer "host" and which hands everything else to the sandbox. */
async function mount(): Promise<Mounted> {
  const sandbox = createSandboxSlack({ basePath: '/sandbox/', replyTimeoutMs: 1000 });
  const host = createServer((req, res) => {
    if (req.url === '/healthz') return void res.writeHead(200).end('host ok');
    sandbox.handler(req, res, () => res.writeHead(404, { 'content-type': 'text/plain' }).end('host 404'));
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  sandbox.setPublicOrigin(origin);
  const bot = await startFakeBot(sandbox.signingSecret);
  sandbox.setRequestUrl(bot.url);
  const alice = sandbox.addUser({ name: 'alice', realName: 'Alice Example' }).id;
  const bob = sandbox.addUser({ name: 'bob', realName: 'Bob Builder' }).id;
  const incidents = sandbox.addChannel({ name: 'incidents', members: [alice, bob], botIsMember: true }).id;
  return { sandbox, bot, client: clientFor(sandbox), host, origin, alice, bob, incidents };
}

// biome-ignore lint/suspicious/noExplicitAny: test-side view of the UI's JSON
type Json = any;

const ui = (m: Mounted, action: string, body: Record<string, unknown>) =>
  fetch(`${m.origin}/sandbox/ui/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const state = async (m: Mounted, user: string, channel: string): Promise<Json> => {
  const response = await fetch(`${m.origin}/sandbox/ui/state?user=${user}&channel=${channel}`);
  assert.equal(response.status, 200);
  assert.match(String(response.headers.get('content-type')), /^application\/json/);
  return response.json();
};

const plain = (text: string) => ({ type: 'plain_text' as const, text });

describe('sandbox UI mounted under /sandbox in another server', () => {
  let m: Mounted;
  before(async () => {
    m = await mount();
  });
  after(async () => {
    await m.sandbox.stop();
    await m.bot.stop();
    m.host.closeAllConnections();
    await new Promise((resolve) => m.host.close(resolve));
  });
  beforeEach(() => {
    m.bot.answer = () => ({});
    m.bot.received.length = 0;
  });

  test('apiUrl, uiUrl, response_urls and permalinks carry the public origin and the base path', async () => {
    assert.equal(m.sandbox.basePath, '/sandbox');
    assert.equal(m.sandbox.apiUrl, `${m.origin}/sandbox/api/`);
    assert.equal(m.sandbox.uiUrl, `${m.origin}/sandbox/`);
    const auth = await m.client.auth.test();
    assert.equal(auth.url, `${m.origin}/sandbox/`);
    const posted = await m.client.chat.postMessage({ channel: m.incidents, text: 'Hello from the bot' });
    const link = await m.client.chat.getPermalink({ channel: m.incidents, message_ts: posted.ts as string });
    assert.match(String(link.permalink), new RegExp(`^${m.origin}/sandbox/archives/${m.incidents}/p\\d{16}$`));
    const opened = await fetch(String(link.permalink), { redirect: 'manual' });
    assert.equal(opened.status, 302);
    assert.equal(opened.headers.get('location'), `/sandbox/?channel=${m.incidents}&ts=${posted.ts}`);

    await m.sandbox.slashCommand({ user: m.alice, channel: m.incidents, text: 'help' });
    const responseUrl = new URLSearchParams(m.bot.received[0]?.raw).get('response_url') as string;
    assert.ok(responseUrl.startsWith(`${m.origin}/sandbox/response/`), responseUrl);
    const answered = await fetch(responseUrl, { method: 'POST', body: JSON.stringify({ text: 'Only for you' }) });
    assert.equal(answered.status, 200);
    assert.equal(m.sandbox.ephemerals({ user: m.alice }).at(-1)?.text, 'Only for you');
  });

  test('the page, its script modules and its stylesheet are served with their types; other paths go to the host', async () => {
    const bare = await fetch(`${m.origin}/sandbox?channel=C1`, { redirect: 'manual' });
    assert.equal(bare.status, 302);
    assert.equal(bare.headers.get('location'), '/sandbox/?channel=C1');

    const page = await fetch(`${m.origin}/sandbox/`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(String(page.headers.get('content-security-policy')), /default-src 'self'/);
    const html = await page.text();
    assert.match(html, /<script type="module" src="assets\/sandbox\/main\.js"><\/script>/);
    assert.match(html, /<link rel="stylesheet" href="assets\/sandbox\.css">/);
    // The host's CSP allows only 'self' scripts and styles: nothing inline.
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/);
    assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i);
    assert.match(html, /<main\b/);
    assert.match(html, /<nav\b[^>]*aria-label=/);

    // The script is ES modules: the entry and every module it reaches by relative import, each served as
    // JavaScript (a browser refuses a module of any other type), and none left unreachable in the folder.
    const modules = new Map<string, string>();
    const pending = ['main.js'];
    for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
      if (modules.has(file)) continue;
      const script = await fetch(`${m.origin}/sandbox/assets/sandbox/${file}`);
      assert.equal(script.status, 200, file);
      assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8', file);
      assert.equal(script.headers.get('x-content-type-options'), 'nosniff', file);
      const source = await script.text();
      modules.set(file, source);
      for (const [, imported] of source.matchAll(/\bfrom '\.\/([\w-]+\.js)'/g)) pending.push(imported as string);
    }
    const onDisk = readdirSync(new URL('../../../src/sandbox/ui/static/sandbox/', import.meta.url));
    assert.deepEqual([...modules.keys()].sort(), onDisk.filter((file) => file.endsWith('.js')).sort());
    const js = [...modules.values()].join('\n');
    assert.match(js, /new EventSource\('events\/stream'\)/);
    // Workspace text goes into the page as text, never as markup.
    assert.doesNotMatch(js, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/);

    const style = await fetch(`${m.origin}/sandbox/assets/sandbox.css`);
    assert.equal(style.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.ok((await style.text()).length > 0);

    const head = await fetch(`${m.origin}/sandbox/assets/sandbox.css`, { method: 'HEAD' });
    assert.equal(head.status, 200);

    for (const path of [
      '/elsewhere',
      '/sandboxed',
      '/sandbox/nothing-here',
      '/sandbox/assets/sandbox/nothing-here.js',
      '/api/chat.postMessage',
    ]) {
      const other = await fetch(`${m.origin}${path}`);
      assert.equal(other.status, 404, path);
      assert.equal(await other.text(), 'host 404', path);
    }
    assert.equal(await (await fetch(`${m.origin}/healthz`)).text(), 'host ok');
  });

  test('state shows channels, people and messages; an ephemeral only to its person', async () => {
    const channel = m.sandbox.addChannel({ name: 'state-check', members: [m.alice, m.bob], botIsMember: true }).id;
    await m.sandbox.postMessage({ user: m.alice, channel, text: 'Is it *down*?' });
    await m.client.chat.postMessage({
      channel,
      text: 'Incident opened',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*Incident opened*' } }],
    });
    await m.client.chat.postEphemeral({ channel, user: m.alice, text: 'Only Alice sees this' });

    const alice = await state(m, m.alice, channel);
    assert.equal(alice.me.id, m.alice);
    assert.deepEqual(
      alice.people.map((p: Json) => p.name),
      ['incident', 'alice', 'bob'],
    );
    assert.ok(alice.channels.some((c: Json) => c.name === 'state-check' && c.isMember));
    assert.equal(alice.channel.id, channel);
    assert.deepEqual(
      alice.messages.map((x: Json) => [x.kind, x.text, x.author.name]),
      [
        ['message', 'Is it *down*?', 'alice'],
        ['message', 'Incident opened', 'incident'],
        ['ephemeral', 'Only Alice sees this', 'incident'],
      ],
    );
    assert.equal(alice.messages[1].blocks[0].type, 'section');
    assert.equal(alice.dms.length, 1);

    const bob = await state(m, m.bob, channel);
    assert.deepEqual(
      bob.messages.map((x: Json) => x.kind),
      ['message', 'message'],
    );

    const nobody = await state(m, 'UNOBODY', channel);
    assert.equal(nobody.me, null);
    assert.equal(nobody.view, null);
    assert.ok(nobody.messages.every((x: Json) => x.kind === 'message'));
  });

  test('the bot DM: a person writes to it before it exists, and sees the bot’s DMs there', async () => {
    const before = await state(m, m.bob, m.sandbox.botUserId);
    assert.equal(before.channel.isIm, true);
    assert.deepEqual(before.messages, []);
    const sent = await ui(m, 'message', { user: m.bob, channel: m.sandbox.botUserId, text: 'hello bot' });
    assert.equal(sent.status, 200);
    await m.client.chat.postMessage({ channel: m.bob, text: 'You are the lead of #1' });
    const after = await state(m, m.bob, m.sandbox.botUserId);
    assert.match(after.channel.id, /^D/);
    assert.deepEqual(
      after.messages.map((x: Json) => x.text),
      ['hello bot', 'You are the lead of #1'],
    );
    assert.equal(after.dms[0].id, after.channel.id);
    const alice = await state(m, m.alice, after.channel.id);
    assert.equal(alice.channel, null, 'nobody else sees the DM');
  });

  test('a slash command from the composer reaches the bot signed, with its command and text', async () => {
    const response = await ui(m, 'command', {
      user: m.alice,
      channel: m.incidents,
      text: '/incident Payments are failing',
    });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { ok: true, reply: { status: 200 } });
    const received = m.bot.received.at(-1);
    assert.ok(received?.signatureValid, 'signed with the signing secret');
    const form = new Map(received?.form);
    assert.equal(form.get('command'), '/incident');
    assert.equal(form.get('text'), 'Payments are failing');
    assert.equal(form.get('user_id'), m.alice);
    assert.equal(form.get('channel_id'), m.incidents);
  });

  test('a slash command the bot does not answer in time is a readable notice, as Slack shows it', async () => {
    m.bot.answer = () => ({ delayMs: 1500 });
    const body: Json = await (
      await ui(m, 'command', { user: m.alice, channel: m.incidents, text: '/incident x' })
    ).json();
    assert.equal(body.ok, true);
    assert.equal(body.notice, '/incident failed with the error "operation_timeout".');
  });

  test('a message turns @Incident into the bot mention, escapes &<>, and the bot hears an app_mention', async () => {
    const response = await ui(m, 'message', {
      user: m.alice,
      channel: m.incidents,
      text: '@Incident severity major <b> & @bob, see #incidents',
    });
    assert.equal(response.status, 200);
    const stored = m.sandbox.messages(m.incidents).at(-1);
    assert.equal(
      stored?.text,
      `<@${m.sandbox.botUserId}> severity major &lt;b&gt; &amp; <@${m.bob}>, see <#${m.incidents}|incidents>`,
    );
    const types = m.bot.received.map((r) => r.json?.event?.type);
    assert.deepEqual(types, ['message', 'app_mention']);
    assert.ok(m.bot.received.every((r) => r.signatureValid));
  });

  test('buttons, pins, reactions and the message shortcut reach the bot as Slack sends them', async () => {
    const posted = await m.client.chat.postMessage({
      channel: m.incidents,
      text: 'Headline',
      blocks: [
        {
          type: 'actions',
          elements: [{ type: 'button', action_id: 'close', text: plain('Close'), value: '7', style: 'danger' }],
        },
      ],
    });
    const ts = posted.ts as string;
    const target = { user: m.bob, channel: m.incidents, ts };
    for (const [action, extra] of [
      ['click', { actionId: 'close' }],
      ['pin', {}],
      ['react', { name: 'pushpin' }],
      ['shortcut', { callbackId: 'add-to-timeline' }],
      ['unreact', { name: 'pushpin' }],
      ['unpin', {}],
    ] as const) {
      const response = await ui(m, action, { ...target, ...extra });
      assert.equal(response.status, 200, `${action}: ${JSON.stringify(await response.clone().json())}`);
    }
    const seen = m.bot.received.map((r) => (r.json?.type === 'event_callback' ? r.json.event.type : r.json?.type));
    assert.deepEqual(seen, [
      'block_actions',
      'pin_added',
      'reaction_added',
      'message_action',
      'reaction_removed',
      'pin_removed',
    ]);
    const click = m.bot.received[0]?.json;
    assert.equal(click.actions[0].action_id, 'close');
    assert.equal(click.actions[0].value, '7');
    assert.equal(click.user.id, m.bob);
    assert.equal(m.bot.received[3]?.json.callback_id, 'add-to-timeline');
  });

  test('a pin shows in the state with who pinned it, and reactions with whether they are mine', async () => {
    await m.sandbox.postMessage({ user: m.alice, channel: m.incidents, text: 'Root cause found' });
    const ts = m.sandbox.messages(m.incidents).at(-1)?.ts as string;
    await ui(m, 'pin', { user: m.bob, channel: m.incidents, ts });
    await ui(m, 'react', { user: m.bob, channel: m.incidents, ts, name: 'pushpin' });
    const message = (await state(m, m.bob, m.incidents)).messages.find((x: Json) => x.ts === ts);
    assert.equal(message.pinnedBy, 'bob');
    assert.deepEqual(message.reactions, [{ name: 'pushpin', count: 1, users: ['bob'], mine: true }]);
    const forAlice = (await state(m, m.alice, m.incidents)).messages.find((x: Json) => x.ts === ts);
    assert.equal(forAlice.reactions[0].mine, false);
  });

  test('modals: Slack’s own required check, the bot’s inline errors, then a submission that closes it', async () => {
    m.bot.answer = async (r) => {
      const form = new Map(r.form);
      if (form.get('command') === '/incident') {
        await m.client.views.open({
          trigger_id: form.get('trigger_id') as string,
          view: {
            type: 'modal',
            callback_id: 'declare',
            title: plain('Declare an incident'),
            submit: plain('Declare'),
            close: plain('Cancel'),
            blocks: [
              {
                type: 'input',
                block_id: 'title',
                label: plain('Title'),
                element: { type: 'plain_text_input', action_id: 't' },
              },
              {
                type: 'input',
                block_id: 'severity',
                optional: true,
                label: plain('Severity'),
                element: {
                  type: 'static_select',
                  action_id: 's',
                  options: [{ text: plain('Major'), value: 'major' }],
                },
              },
              {
                type: 'input',
                block_id: 'lead',
                optional: true,
                label: plain('Lead'),
                element: { type: 'users_select', action_id: 'l' },
              },
            ],
          },
        });
        return {};
      }
      if (r.json?.type === 'view_submission') {
        const title = r.json.view.state.values.title.t.value as string;
        if (title.length < 10) return { body: { response_action: 'errors', errors: { title: 'Say a little more' } } };
        return {};
      }
      return {};
    };
    await ui(m, 'command', { user: m.alice, channel: m.incidents, text: '/incident' });
    const opened = (await state(m, m.alice, m.incidents)).view;
    assert.equal(opened.view.title.text, 'Declare an incident');
    assert.equal((await state(m, m.bob, m.incidents)).view, null, 'only its person sees a modal');

    const empty = await ui(m, 'submit', { user: m.alice, viewId: opened.id, values: { title: '' } });
    assert.equal(empty.status, 422);
    assert.deepEqual(await empty.json(), {
      ok: false,
      error: 'Slack would not submit: Title is required',
      fieldErrors: { title: 'Please complete this required field.' },
    });
    assert.equal(m.bot.received.filter((r) => r.json?.type === 'view_submission').length, 0);

    const short = await ui(m, 'submit', { user: m.alice, viewId: opened.id, values: { title: 'Down' } });
    assert.equal(short.status, 200);
    assert.deepEqual((await state(m, m.alice, m.incidents)).view.errors, { title: 'Say a little more' });

    const unknown = await ui(m, 'submit', {
      user: m.alice,
      viewId: opened.id,
      values: { title: 'Payments', severity: 'x' },
    });
    assert.equal(unknown.status, 422);
    assert.match(((await unknown.json()) as Json).error, /^Slack would not submit: Block severity has no option/);

    const good = await ui(m, 'submit', {
      user: m.alice,
      viewId: opened.id,
      values: { title: 'Payments are failing', severity: 'major', lead: m.bob },
    });
    assert.equal(good.status, 200);
    const submitted = m.bot.received.filter((r) => r.json?.type === 'view_submission').at(-1)?.json;
    assert.deepEqual(submitted.view.state.values.severity.s.selected_option.value, 'major');
    assert.equal(submitted.view.state.values.lead.l.selected_user, m.bob);
    assert.equal((await state(m, m.alice, m.incidents)).view, null);
  });

  test('Cancel closes the modal; the bot hears view_closed when the view asked for it', async () => {
    m.bot.answer = async (r) => {
      const form = new Map(r.form);
      if (form.get('command')) {
        await m.client.views.open({
          trigger_id: form.get('trigger_id') as string,
          view: { type: 'modal', title: plain('Notes'), close: plain('Done'), notify_on_close: true, blocks: [] },
        });
      }
      return {};
    };
    await ui(m, 'command', { user: m.bob, channel: m.incidents, text: '/incident notes' });
    const view = (await state(m, m.bob, m.incidents)).view;
    const closed = await ui(m, 'close', { user: m.bob, viewId: view.id });
    assert.equal(closed.status, 200);
    assert.equal((await state(m, m.bob, m.incidents)).view, null);
    const payload = m.bot.received.at(-1)?.json;
    assert.equal(payload.type, 'view_closed');
    assert.equal(payload.view.id, view.id);
    assert.equal(payload.is_cleared, false);
  });

  test('ephemerals can be dismissed by their person only', async () => {
    await m.client.chat.postEphemeral({ channel: m.incidents, user: m.bob, text: 'Dismiss me' });
    const ts = m.sandbox.ephemerals({ user: m.bob }).at(-1)?.ts as string;
    assert.equal((await ui(m, 'dismiss', { user: m.alice, channel: m.incidents, ts })).status, 404);
    assert.equal((await ui(m, 'dismiss', { user: m.bob, channel: m.incidents, ts })).status, 200);
    assert.equal(
      m.sandbox.ephemerals({ user: m.bob }).some((e) => e.ts === ts),
      false,
    );
  });

  test('people join channels; people not in a channel cannot write there', async () => {
    const channel = m.sandbox.addChannel({ name: 'join-me', members: [m.alice], botIsMember: true }).id;
    const refused = await ui(m, 'message', { user: m.bob, channel, text: 'hi' });
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as Json).error, 'Join #join-me to write in it.');
    assert.equal((await ui(m, 'join', { user: m.bob, channel })).status, 200);
    assert.equal((await ui(m, 'message', { user: m.bob, channel, text: 'hi' })).status, 200);
    assert.equal(m.bot.received.at(-2)?.json?.event?.type, 'member_joined_channel');
  });

  test('actions answer errors as JSON sentences people can read', async () => {
    const cases: [string, RequestInit, number, RegExp][] = [
      ['message', { body: JSON.stringify({ channel: m.incidents, text: 'x' }) }, 400, /^Choose who you are acting as/],
      [
        'message',
        { body: JSON.stringify({ user: 'UNOBODY', channel: m.incidents, text: 'x' }) },
        400,
        /no person UNOBODY/,
      ],
      [
        'message',
        { body: JSON.stringify({ user: m.alice, channel: m.incidents, text: '  ' }) },
        400,
        /Write a message/,
      ],
      [
        'pin',
        { body: JSON.stringify({ user: m.alice, channel: m.incidents, ts: '1.000001' }) },
        400,
        /^No message 1\.000001/,
      ],
      ['nonsense', { body: '{}' }, 404, /no action nonsense/],
      ['message', { body: '{not json' }, 400, /not valid JSON/],
    ];
    for (const [action, init, status, error] of cases) {
      const response = await fetch(`${m.origin}/sandbox/ui/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        ...init,
      });
      assert.equal(response.status, status, `${action} ${init.body}`);
      const body: Json = await response.json();
      assert.equal(body.ok, false);
      assert.match(body.error, error);
    }
    // A form post from another site cannot act as anyone: only JSON is accepted.
    const form = await fetch(`${m.origin}/sandbox/ui/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `user=${m.alice}&channel=${m.incidents}&text=forged`,
    });
    assert.equal(form.status, 415);
    assert.ok(!m.sandbox.messages(m.incidents).some((x) => x.text === 'forged'));
  });

  test('switch-user accepts people, not the bot', async () => {
    const ok: Json = await (await ui(m, 'switch-user', { user: m.bob })).json();
    assert.deepEqual(ok, { ok: true, me: { id: m.bob, name: 'bob', realName: 'Bob Builder' } });
    const bot = await ui(m, 'switch-user', { user: m.sandbox.botUserId });
    assert.equal(bot.status, 400);
  });

  test('the event stream says hello, then "changed" when the bot posts and when a person acts', async () => {
    const stream = await openStream(`${m.origin}/sandbox/events/stream`);
    try {
      assert.equal(stream.response.headers['content-type'], 'text/event-stream; charset=utf-8');
      const hello = await stream.next('hello');
      const first = JSON.parse(hello).version as number;
      await m.client.chat.postMessage({ channel: m.incidents, text: 'Update: still down' });
      const changed = JSON.parse(await stream.next('changed')).version as number;
      assert.ok(changed > first);
      await ui(m, 'message', { user: m.alice, channel: m.incidents, text: 'Thanks' });
      assert.ok(JSON.parse(await stream.next('changed')).version > changed);
      // The action changed things twice (the message, then the bot's answer): let both notices arrive.
      await new Promise((resolve) => setTimeout(resolve, 100));
      stream.drain();
      const reads = m.sandbox.calls().length;
      await m.client.conversations.history({ channel: m.incidents });
      await m.client.users.info({ user: m.alice });
      assert.equal(m.sandbox.calls().length, reads + 2);
      await assert.rejects(stream.next('changed', 200), /no changed event/, 'reading does not change anything');
    } finally {
      stream.close();
    }
  });
});

describe('sandbox UI on its own server (start())', () => {
  test('start() serves the same routes under the base path, and stop() ends open event streams', async () => {
    const sandbox = createSandboxSlack({ basePath: '/slack' });
    await sandbox.start();
    try {
      assert.match(sandbox.apiUrl, /^http:\/\/127\.0\.0\.1:\d+\/slack\/api\/$/);
      const page = await fetch(sandbox.uiUrl);
      assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal((await fetch(new URL('/api/auth.test', sandbox.uiUrl))).status, 404);
      const auth: Json = await (
        await fetch(`${sandbox.apiUrl}auth.test`, { headers: { authorization: `Bearer ${sandbox.botToken}` } })
      ).json();
      assert.equal(auth.ok, true);
      const stream = await openStream(`${sandbox.uiUrl}events/stream`);
      await stream.next('hello');
      const ended = new Promise((resolve) => stream.response.once('end', resolve));
      await sandbox.stop();
      await ended;
    } finally {
      await sandbox.stop();
    }
  });

  test('a demo given in the options is offered in the state and played in the background, once at a time', async () => {
    let finish: (() => void) | undefined;
    let runs = 0;
    const sandbox = createSandboxSlack({
      demo: () => {
        runs += 1;
        return runs === 1 ? new Promise<void>((resolve) => (finish = resolve)) : Promise.reject(new Error('no bot'));
      },
    });
    await sandbox.start();
    try {
      const user = sandbox.addUser({ name: 'alice' }).id;
      const post = () =>
        fetch(`${sandbox.uiUrl}ui/demo`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ user }),
        });
      const demo = async (): Promise<Json> => ((await (await fetch(`${sandbox.uiUrl}ui/state`)).json()) as Json).demo;
      assert.deepEqual(await demo(), { running: false, error: null });
      assert.deepEqual(await (await post()).json(), { ok: true, started: true });
      assert.deepEqual(await demo(), { running: true, error: null });
      assert.equal((await post()).status, 409);
      finish?.();
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(await demo(), { running: false, error: null });
      await post();
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(await demo(), { running: false, error: 'The demo stopped: No bot' });
    } finally {
      await sandbox.stop();
    }
    const none = createSandboxSlack();
    await none.start();
    try {
      assert.equal(((await (await fetch(`${none.uiUrl}ui/state`)).json()) as Json).demo, null);
    } finally {
      await none.stop();
    }
  });

  test('without start() or publicOrigin there is no apiUrl yet; bad base paths and origins are refused', () => {
    const sandbox = createSandboxSlack();
    assert.throws(() => sandbox.apiUrl, /known only after start\(\) or with publicOrigin/);
    assert.equal(createSandboxSlack({ publicOrigin: 'http://localhost:3000/' }).apiUrl, 'http://localhost:3000/api/');
    assert.throws(() => createSandboxSlack({ basePath: 'sandbox?x=1' }), /basePath must look like/);
    assert.throws(() => createSandboxSlack({ publicOrigin: 'http://localhost:3000/app' }), /publicOrigin is an origin/);
  });
});

/** An open server-sent event stream read with node:http; next(name) waits for the next event of that name. */
async function openStream(url: string) {
  const response = await new Promise<IncomingMessage>((resolve, reject) => get(url, resolve).on('error', reject));
  let buffer = '';
  const events: { name: string; data: string }[] = [];
  let wake: (() => void) | undefined;
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const name = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (name !== undefined && data !== undefined) events.push({ name, data });
    }
    wake?.();
  });
  return {
    response,
    async next(name: string, ms = 2000): Promise<string> {
      const deadline = Date.now() + ms;
      for (;;) {
        const index = events.findIndex((e) => e.name === name);
        if (index !== -1) return (events.splice(0, index + 1).at(-1) as { data: string }).data;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no ${name} event within ${ms} ms`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, left);
        });
      }
    },
    /** Forgets the events received so far. */
    drain: () => {
      events.length = 0;
    },
    close: () => response.destroy(),
  };
}
