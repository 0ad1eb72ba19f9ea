// POST <base>/ui/<action>: what a person does in the browser UI, each through the same operations tests use
// (SandboxSlack's slashCommand, clickButton, submitView, …). JSON in; `{ok:true, …}` or `{ok:false, error}` out,
// where `error` is a sentence to show the person.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../http-util.ts';
import { changed, type Workspace } from '../state.ts';
import type { EventDelivery, SandboxReply, SandboxSlack } from '../types.ts';
import {
  type Body,
  conversation,
  optStr,
  person,
  readable,
  str,
  typedText,
  UiError,
  writable,
} from './action-checks.ts';
import type { DemoRunner } from './demo-runner.ts';
import { formProblems } from './form-check.ts';

type Result = Record<string, unknown>;

interface Ctx {
  ws: Workspace;
  slack: SandboxSlack;
  demo?: DemoRunner | undefined;
}

/** A sentence for a bot reply Slack would show as a failure, if it was one. */
function replyNotice(what: string, reply: SandboxReply | undefined): string | undefined {
  if (!reply) return undefined;
  if (reply.status === 0) return `${what}: the app did not answer in time.`;
  if (reply.status !== 200) return `${what}: the app answered HTTP ${reply.status}.`;
  if (reply.problems?.length) return `Slack could not use the app's answer: ${reply.problems.join('; ')}.`;
  return undefined;
}

const replyResult = (what: string, reply: SandboxReply | undefined): Result => {
  const notice = replyNotice(what, reply);
  return {
    ...(reply ? { reply: { status: reply.status, ...(reply.problems ? { problems: reply.problems } : {}) } } : {}),
    ...(notice ? { notice } : {}),
  };
};

const deliveryResult = (what: string, d: EventDelivery): Result => {
  const failed = d.statuses.filter((s) => s !== 200);
  return failed.length === 0
    ? { delivered: d.statuses.length > 0 }
    : {
        delivered: false,
        notice: `${what}: the app ${failed[0] === 0 ? 'did not answer in time' : `answered HTTP ${failed[0]}`}.`,
      };
};

/** Every action, by the name in the URL. */
const ACTIONS: Record<string, (ctx: Ctx, body: Body) => Promise<Result>> = {
  'switch-user': async ({ ws }, body) => {
    const user = person(ws, body);
    return { me: { id: user.id, name: user.name, realName: user.realName } };
  },

  message: async ({ ws, slack }, body) => {
    const user = person(ws, body);
    const channel = str(body, 'channel', 'channel');
    const text = typeof body.text === 'string' ? body.text.trim() : '';
    if (text === '') throw new UiError('Write a message first.');
    writable(ws, channel, user.id);
    const threadTs = optStr(body, 'threadTs');
    const posted = await slack.postMessage({
      user: user.id,
      channel,
      text: typedText(ws, text),
      ...(threadTs ? { threadTs } : {}),
    });
    return { channel: posted.channel, ts: posted.ts };
  },

  command: async ({ ws, slack }, body) => {
    const user = person(ws, body);
    writable(ws, str(body, 'channel', 'channel'), user.id);
    const channel = conversation(ws, body, user.id);
    let command = optStr(body, 'command');
    let text = typeof body.text === 'string' ? body.text : '';
    if (command === undefined) {
      const typed = /^(\/[\w-]+)(?:\s+([\s\S]*))?$/.exec(text.trim());
      if (!typed) throw new UiError('Write a command like /incident Payments are failing.');
      command = typed[1] as string;
      text = typed[2] ?? '';
    }
    if (!/^\/[\w-]+$/.test(command)) throw new UiError(`${command} is not a slash command.`);
    const reply = await slack.slashCommand({ user: user.id, channel, command, text: text.trim() });
    const problem =
      reply.status === 200
        ? undefined
        : `${command} failed with the error "${reply.status === 0 ? 'operation_timeout' : 'dispatch_failed'}"`;
    return { ...replyResult(command, reply), ...(problem ? { notice: `${problem}.` } : {}) };
  },

  click: async ({ ws, slack }, body) => {
    const user = person(ws, body);
    const value = optStr(body, 'value');
    const reply = await slack.clickButton({
      user: user.id,
      channel: conversation(ws, body, user.id),
      ts: str(body, 'ts', 'message ts'),
      actionId: str(body, 'actionId', 'action_id'),
      ...(value !== undefined ? { value } : {}),
    });
    return replyResult('The button did not work', reply);
  },

  submit: async ({ ws, slack }, body) => {
    const user = person(ws, body);
    const viewId = str(body, 'viewId', 'view id');
    const values = typeof body.values === 'object' && body.values !== null ? (body.values as Body) : {};
    const record = ws.views.get(viewId);
    if (!record || record.closed) throw new UiError('That form is no longer open.', 409);
    const problems = formProblems(record.view, values);
    if (problems.length > 0) {
      throw new UiError(`Slack would not submit: ${problems.map((p) => p.summary).join('; ')}`, 422, {
        fieldErrors: Object.fromEntries(problems.map((p) => [p.blockId, p.inline])),
      });
    }
    let reply: SandboxReply;
    try {
      reply = await slack.submitView({ user: user.id, viewId, values });
    } catch (error) {
      throw new UiError(`Slack would not submit: ${readable(error)}`, 422);
    }
    return replyResult('Slack could not submit the form', reply);
  },

  close: async ({ ws, slack }, body) => {
    const user = person(ws, body);
    const reply = await slack.closeView({ user: user.id, viewId: str(body, 'viewId', 'view id') });
    return replyResult('Closing the form', reply);
  },

  pin: async ({ ws, slack }, body) => {
    const user = person(ws, body);
    const target = { user: user.id, channel: conversation(ws, body, user.id), ts: str(body, 'ts', 'message ts') };
    return deliveryResult('Pinned, but the pin_added event failed', await slack.pin(target));
  },

  unpin: async ({ ws, slack }, body) => {
    const user = person(ws, body);
    const target = { user: user.id, channel: conversation(ws, body, user.id), ts: str(body, 'ts', 'message ts') };
    return deliveryResult('Un-pinned, but the pin_removed event failed', await slack.unpin(target));
  },

  react: async ({ ws, slack }, body) => {
    const user = person(ws, body);
    const name = optStr(body, 'name') ?? 'pushpin';
    const target = { user: user.id, channel: conversation(ws, body, user.id), ts: str(body, 'ts', 'message ts'), name };
    return deliveryResult('Reacted, but the reaction_added event failed', await slack.react(target));
  },

  unreact: async ({ ws, slack }, body) => {
    const user = person(ws, body);
    const name = optStr(body, 'name') ?? 'pushpin';
    const target = { user: user.id, channel: conversation(ws, body, user.id), ts: str(body, 'ts', 'message ts'), name };
    return deliveryResult('Removed, but the reaction_removed event failed', await slack.unreact(target));
  },

  shortcut: async ({ ws, slack }, body) => {
    const user = person(ws, body);
    const reply = await slack.messageShortcut({
      user: user.id,
      channel: conversation(ws, body, user.id),
      ts: str(body, 'ts', 'message ts'),
      callbackId: optStr(body, 'callbackId') ?? 'add-to-timeline',
    });
    return replyResult('The shortcut did not work', reply);
  },

  join: async ({ ws, slack }, body) => {
    const user = person(ws, body);
    await slack.joinChannel({ user: user.id, channel: str(body, 'channel', 'channel') });
    return {};
  },

  demo: async ({ demo }) => {
    if (!demo) throw new UiError('This sandbox has no demo.', 404);
    if (!demo.start()) throw new UiError('The demo is already playing.', 409);
    return { started: true };
  },

  dismiss: async ({ ws }, body) => {
    const user = person(ws, body);
    const ts = str(body, 'ts', 'message ts');
    const before = ws.ephemerals.length;
    ws.ephemerals = ws.ephemerals.filter((e) => !(e.ts === ts && e.user === user.id));
    if (ws.ephemerals.length === before) throw new UiError('That message is already gone.', 404);
    changed(ws);
    return {};
  },
};

/** The names of the actions, for the README and tests. */
export const ACTION_NAMES = Object.keys(ACTIONS);

/** Serves POST <base>/ui/<name>. Only JSON bodies: a form on another site cannot post here. */
export async function serveAction(ctx: Ctx, name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const action = Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
  if (!action) return sendJson(res, 404, { ok: false, error: `There is no action ${name}.` });
  if (type !== 'application/json') {
    return sendJson(res, 415, { ok: false, error: 'Send the action as JSON (content-type: application/json).' });
  }
  let body: unknown;
  try {
    const text = await readBody(req);
    body = text === '' ? {} : JSON.parse(text);
  } catch {
    return sendJson(res, 400, { ok: false, error: 'The action was not valid JSON.' });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return sendJson(res, 400, { ok: false, error: 'The action must be a JSON object.' });
  }
  try {
    sendJson(res, 200, { ok: true, ...(await action(ctx, body as Body)) });
  } catch (error) {
    if (error instanceof UiError) sendJson(res, error.status, { ok: false, error: error.message, ...error.extra });
    else sendJson(res, 400, { ok: false, error: readable(error) });
  }
}
