// Validates the sandbox's success bodies against Slack's own Web API spec (OpenAPI 2.0 / JSON Schema draft-04,
// README §12), for every implemented method the spec knows. Where the 2020 spec is wrong about today's Slack,
// a named fix below corrects it with the reason, and a test per fix proves the fix is still needed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import AjvDraft04, { type ErrorObject } from 'ajv-draft-04';
import { METHODS } from '../../../src/sandbox/api/web-api.ts';
import { startWorld, type World } from './world.ts';

// ajv-draft-04 is CommonJS: under NodeNext the default import is the module, whose `default` is the class.
const Ajv = AjvDraft04.default;

const SPEC_PATH = new URL('../../fixtures/slack/slack_web_openapi_v2.json', import.meta.url);
const SPEC_ID = 'https://slack.com/openapi/v2/slack_web.json';

type Json = Record<string, unknown>;
type Spec = {
  definitions: Json;
  paths: Record<string, Record<string, { responses?: Record<string, { schema?: unknown }> }>>;
};

/**
 * The spec with only what validation needs: definitions and each operation's 200 schema, at their usual
 * JSON pointers. Draft-04 takes any `id` key for a schema id, and the spec's examples are full of `"id": "C…"`.
 */
const schemasOnly = (spec: Spec): Json => ({
  definitions: spec.definitions,
  paths: Object.fromEntries(
    Object.entries(spec.paths).map(([path, operations]) => [
      path,
      Object.fromEntries(
        Object.entries(operations).map(([verb, op]) => [
          verb,
          { responses: { 200: { schema: op.responses?.['200']?.schema } } },
        ]),
      ),
    ]),
  ),
});

/**
 * Slack's generator writes alternatives as `items: [A, B]`. Draft-04 reads that as a tuple (or ignores it on
 * non-arrays), which makes objs_conversation, objs_user and others accept anything, and makes pins.list demand
 * a file pin first. Read as what it means — "one of these" — so the schemas check something.
 */
function alternativesAsAnyOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(alternativesAsAnyOf);
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, alternativesAsAnyOf(v)]));
  if (Array.isArray(out.items)) {
    if (out.type === 'array') out.items = { anyOf: out.items };
    else {
      out.anyOf = out.items;
      delete out.items;
    }
  }
  return out;
}

/** A correction to the 2020 spec where it is wrong about today's Slack, with the reason. */
interface SpecFix {
  what: string;
  /** The sample that fails without this fix. */
  sample: string;
  apply(spec: Spec): void;
}

const responseSchema = (spec: Spec, method: string): Json => {
  const operations = spec.paths[`/${method}`] ?? {};
  const op = operations.post ?? operations.get;
  return op?.responses?.['200']?.schema as Json;
};
const addProperty = (schema: Json, name: string, definition: unknown): void => {
  schema.properties = { ...(schema.properties as Json), [name]: definition };
};

/** Each fix is needed: the test below removes them one at a time and expects some sample to fail. */
const SPEC_FIXES: SpecFix[] = [
  {
    // auth.test returns app_id for bot tokens (@slack/web-api's AuthTestResponse has it; README §4 lists it).
    what: 'auth.test carries app_id',
    sample: 'auth.test',
    apply: (spec) => addProperty(responseSchema(spec, 'auth.test'), 'app_id', { $ref: '#/definitions/defs_app_id' }),
  },
  {
    // Messages posted by an app carry app_id (fixtures/block_actions.json shows one); objs_message lacks it.
    what: 'messages carry app_id',
    sample: 'chat.postMessage',
    apply: (spec) =>
      addProperty(spec.definitions.objs_message as Json, 'app_id', { $ref: '#/definitions/defs_app_id' }),
  },
  {
    // Edited messages carry edited {user, ts} (README §3.9, fixtures/event_message_changed.json);
    // objs_message lacks it.
    what: 'messages carry edited',
    sample: 'pins.list',
    apply: (spec) =>
      addProperty(spec.definitions.objs_message as Json, 'edited', {
        type: 'object',
        required: ['user', 'ts'],
        properties: { user: { $ref: '#/definitions/defs_user_id' }, ts: { $ref: '#/definitions/defs_ts' } },
      }),
  },
  {
    // chat.update's schema types message.blocks as an object; blocks are an array everywhere in Slack.
    what: 'chat.update message.blocks is an array',
    sample: 'chat.update',
    apply: (spec) => {
      const message = (responseSchema(spec, 'chat.update').properties as Json).message as Json;
      addProperty(message, 'blocks', { $ref: '#/definitions/blocks' });
    },
  },
  {
    // conversations.history pages with response_metadata.next_cursor (the spec's own example has it, README §4).
    what: 'conversations.history has response_metadata',
    sample: 'conversations.history#page',
    apply: (spec) =>
      addProperty(responseSchema(spec, 'conversations.history'), 'response_metadata', {
        type: 'object',
        required: ['next_cursor'],
        properties: { next_cursor: { type: 'string' } },
      }),
  },
  {
    // An empty channel's history is `messages: []`; the spec demands at least one message.
    what: 'conversations.history may be empty',
    sample: 'conversations.history#empty',
    apply: (spec) => {
      delete ((responseSchema(spec, 'conversations.history').properties as Json).messages as Json).minItems;
    },
  },
];

const describeError = (e: ErrorObject): string => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`;

const newAjv = () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\/\/\S+$/i);
  ajv.addFormat('email', /^[^@\s]+@[^@\s]+$/);
  return ajv;
};

/** Problems per sample against the spec with `fixes` applied (read with alternatives as anyOf). */
function validateSamples(spec: Spec, fixes: SpecFix[], samples: Map<string, Json>): Record<string, string[]> {
  const fixed = structuredClone(spec);
  for (const fix of fixes) fix.apply(fixed);
  const ajv = newAjv();
  ajv.addSchema({ ...(alternativesAsAnyOf(schemasOnly(fixed)) as Json), id: SPEC_ID });
  const problems: Record<string, string[]> = {};
  for (const [label, body] of samples) {
    const method = label.split('#')[0] as string;
    const operations = spec.paths[`/${method}`];
    if (!operations) continue;
    // The spec lists some methods as GET (views.*, conversations.info …); Slack accepts both verbs.
    const verb = operations.post ? 'post' : 'get';
    const ref = `${SPEC_ID}#/paths/~1${method}/${verb}/responses/200/schema`;
    if (!ajv.validate({ $ref: ref }, body)) problems[label] = (ajv.errors ?? []).map(describeError);
  }
  return problems;
}

describe("sandbox responses against Slack's OpenAPI spec", () => {
  let w: World;
  const samples = new Map<string, Json>();
  const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Spec;

  const call = async (method: string, args: Json, label = method): Promise<Json> => {
    const response = await fetch(`${w.sandbox.apiUrl}${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${w.sandbox.botToken}` },
      body: JSON.stringify(args),
    });
    const body = (await response.json()) as Json;
    assert.equal(body.ok, true, `${method}: ${JSON.stringify(body)}`);
    if (!samples.has(label)) samples.set(label, body);
    return body;
  };

  before(async () => {
    w = await startWorld();
    const alice = w.sandbox.addUser({ name: 'alice', realName: 'Alice Example', email: 'alice@example.com' }).id;
    const bob = w.sandbox.addUser({ name: 'bob' }).id;
    const open = w.sandbox.addChannel({ name: 'open-room', members: [alice] }).id;
    const blocks = [{ type: 'section', block_id: 's', text: { type: 'mrkdwn', text: '*Payments*' } }];
    const modal = { type: 'modal', title: { type: 'plain_text', text: 'Report' }, blocks };

    await call('auth.test', {});
    const created = await call('conversations.create', { name: 'spec-incident' });
    const channel = String((created.channel as Json).id);
    await call('conversations.invite', { channel, users: `${alice},${bob}` });
    await call('conversations.setTopic', { channel, topic: 'Payments down' });
    await call('conversations.setPurpose', { channel, purpose: 'Coordinate the payments incident' });
    await call('conversations.join', { channel: open });
    await call('conversations.history', { channel: open }, 'conversations.history#empty');
    const posted = await call('chat.postMessage', { channel, text: 'Payments down', blocks });
    const ts = String(posted.ts);
    await call('chat.update', { channel, ts, text: 'Payments down (updated)', blocks });
    await call('chat.postEphemeral', { channel, user: alice, text: 'Only you' });
    await call('chat.getPermalink', { channel, message_ts: ts });
    await w.sandbox.postMessage({ user: alice, channel, text: 'I am on it' });
    await call('reactions.add', { channel, timestamp: ts, name: 'eyes' });
    await call('pins.add', { channel, timestamp: ts });
    await call('pins.list', { channel });
    await call('conversations.history', { channel });
    await call('conversations.history', { channel, limit: 1 }, 'conversations.history#page');
    const dm = await call(
      'chat.postMessage',
      { channel: alice, text: 'You reported an incident' },
      'chat.postMessage#dm',
    );
    await call('conversations.info', { channel: dm.channel }, 'conversations.info#im');
    await call('pins.remove', { channel, timestamp: ts });
    await call('reactions.remove', { channel, timestamp: ts, name: 'eyes' });
    await call('conversations.info', { channel });
    await call('conversations.list', { types: 'public_channel,private_channel', limit: 1 });
    await call('conversations.members', { channel });
    await call('conversations.rename', { channel, name: 'spec-incident-renamed' });
    await call('users.info', { user: alice });
    await call('users.list', {});
    await call('users.lookupByEmail', { email: 'alice@example.com' });
    const first = await w.sandbox.slashCommand({ user: alice, channel });
    const opened = await call('views.open', { trigger_id: first.triggerId, view: modal });
    await call('views.update', { view_id: (opened.view as Json).id, view: modal });
    const second = await w.sandbox.slashCommand({ user: alice, channel });
    await call('views.push', { trigger_id: second.triggerId, view: modal });
    await call('bookmarks.add', {
      channel_id: channel,
      title: 'Runbook',
      type: 'link',
      link: 'https://example.com/runbook',
    });
    await call('conversations.archive', { channel });
  });
  after(() => w.stop());

  it('reads the spec’s alternatives so that its object schemas bite', () => {
    const literal = newAjv();
    literal.addSchema({ ...schemasOnly(spec), id: 'https://slack.com/openapi/v2/literal.json' });
    const conversation = { $ref: 'https://slack.com/openapi/v2/literal.json#/definitions/objs_conversation' };
    assert.equal(literal.validate(conversation, { nonsense: true }), true, 'as published, anything is a conversation');
    const read = newAjv();
    read.addSchema({ ...(alternativesAsAnyOf(schemasOnly(spec)) as Json), id: SPEC_ID });
    assert.equal(read.validate({ $ref: `${SPEC_ID}#/definitions/objs_conversation` }, { nonsense: true }), false);
  });

  it('has a sample for every implemented method the spec describes, and knows which it does not', () => {
    const implemented = Object.keys(METHODS).sort();
    const inSpec = implemented.filter((m) => spec.paths[`/${m}`]);
    assert.deepEqual(
      inSpec.filter((m) => !samples.has(m)),
      [],
      'every spec method was exercised',
    );
    // bookmarks.add is newer than the 2020 spec (README §12).
    assert.deepEqual(
      implemented.filter((m) => !spec.paths[`/${m}`]),
      ['bookmarks.add'],
    );
  });

  it('answers every method with a body its 200 schema accepts, once the spec’s known errors are fixed', () => {
    assert.deepEqual(validateSamples(spec, SPEC_FIXES, samples), {});
  });

  for (const fix of SPEC_FIXES) {
    it(`still needs the spec fix “${fix.what}”`, () => {
      const without = validateSamples(
        spec,
        SPEC_FIXES.filter((f) => f !== fix),
        samples,
      );
      assert.ok(fix.sample in without, `${fix.sample} passes without it, so the exception is stale: remove it`);
    });
  }
});
