import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { signSlackBody, verifySlackSignature } from '../../../src/slack/verify-signature.ts';

// Slack's published test vector (docs.slack.dev, "Verifying requests from Slack"), copied verbatim.
interface SignatureVector {
  signing_secret: string;
  timestamp: string;
  body: string;
  expected_signature: string;
  clock_for_test_unix_seconds: number;
}
const vector: SignatureVector = JSON.parse(
  readFileSync(new URL('../../fixtures/slack/signature_vector.json', import.meta.url), 'utf8'),
);
const SECRET = vector.signing_secret;
const SENT_AT = Number(vector.timestamp);
const NOW_MS = vector.clock_for_test_unix_seconds * 1000;

/** The vector as Slack sent it; override any part. */
const request = (
  overrides: { timestamp?: string | undefined; signature?: string | undefined; rawBody?: Buffer | string } = {},
) => ({
  timestamp: vector.timestamp,
  signature: vector.expected_signature,
  rawBody: vector.body,
  ...overrides,
});

describe('signSlackBody', () => {
  it('reproduces the signature in Slack’s published test vector', () => {
    assert.equal(signSlackBody(SECRET, vector.timestamp, vector.body), vector.expected_signature);
  });

  it('signs a Buffer body exactly as the same bytes given as a string', () => {
    assert.equal(signSlackBody(SECRET, vector.timestamp, Buffer.from(vector.body)), vector.expected_signature);
  });
});

describe('verifySlackSignature', () => {
  it('accepts Slack’s test vector at the time it was signed', () => {
    assert.equal(verifySlackSignature(SECRET, request(), NOW_MS), 'ok');
  });

  it('refuses the same genuine vector as stale at the real time (it is from 2018)', () => {
    assert.equal(verifySlackSignature(SECRET, request(), Date.now()), 'stale');
  });

  for (const [label, offsetSeconds, verdict] of [
    ['received 300 s after it was signed', 300, 'ok'],
    ['received 301 s after it was signed', 301, 'stale'],
    ['received 300 s before it was signed (our clock behind)', -300, 'ok'],
    ['received 301 s before it was signed (our clock behind)', -301, 'stale'],
    ['received an hour later (a replay)', 3600, 'stale'],
  ] as const) {
    it(`is ${verdict} when ${label}`, () => {
      assert.equal(verifySlackSignature(SECRET, request(), (SENT_AT + offsetSeconds) * 1000), verdict);
    });
  }

  it('checks the age before the signature: an old request with a bad signature is stale, not forged', () => {
    const old = request({ signature: `v0=${'0'.repeat(64)}` });
    assert.equal(verifySlackSignature(SECRET, old, (SENT_AT + 301) * 1000), 'stale');
  });

  it('calls a body with one byte changed forged', () => {
    const tampered = vector.body.replace('user_name=roadrunner', 'user_name=roadrunnes');
    assert.notEqual(tampered, vector.body);
    assert.equal(tampered.length, vector.body.length);
    assert.equal(verifySlackSignature(SECRET, request({ rawBody: tampered }), NOW_MS), 'forged');
  });

  it('calls a body with a trailing newline forged (the raw bytes are signed, not the parsed form)', () => {
    assert.equal(verifySlackSignature(SECRET, request({ rawBody: `${vector.body}\n` }), NOW_MS), 'forged');
  });

  it('calls a request signed with another secret forged', () => {
    const otherSecret = `${SECRET.slice(0, -1)}6`;
    const signature = signSlackBody(otherSecret, vector.timestamp, vector.body);
    assert.equal(verifySlackSignature(SECRET, request({ signature }), NOW_MS), 'forged');
  });

  it('calls a signature made for another timestamp forged', () => {
    const moved = String(SENT_AT + 1);
    assert.equal(verifySlackSignature(SECRET, request({ timestamp: moved }), NOW_MS), 'forged');
  });

  for (const signature of [
    'v0=abc',
    'v0=',
    `${vector.expected_signature}0`,
    vector.expected_signature.slice(0, -1),
    vector.expected_signature.replace('v0=', 'v1='),
    vector.expected_signature.toUpperCase(),
    'é'.repeat(vector.expected_signature.length),
  ]) {
    it(`calls signature ${JSON.stringify(signature.slice(0, 20))}… (length ${signature.length}) forged without throwing`, () => {
      assert.equal(verifySlackSignature(SECRET, request({ signature }), NOW_MS), 'forged');
    });
  }

  for (const [label, parts] of [
    ['no timestamp header', { timestamp: undefined }],
    ['an empty timestamp header', { timestamp: '' }],
    ['no signature header', { signature: undefined }],
    ['an empty signature header', { signature: '' }],
    ['neither header', { timestamp: undefined, signature: undefined }],
  ] as const) {
    it(`says missing for ${label}`, () => {
      assert.equal(verifySlackSignature(SECRET, request(parts), NOW_MS), 'missing');
    });
  }

  for (const timestamp of ['abc', '1531420618.5', '-1531420618', ' 1531420618', '1531420618 ', '0x5b47a2ca', '1e9']) {
    it(`calls non-numeric timestamp ${JSON.stringify(timestamp)} forged`, () => {
      assert.equal(verifySlackSignature(SECRET, request({ timestamp }), NOW_MS), 'forged');
    });
  }

  it('gives the same verdicts for a Buffer body as for the same string', () => {
    const cases = [
      { rawBody: vector.body, now: NOW_MS },
      { rawBody: `${vector.body}x`, now: NOW_MS },
      { rawBody: vector.body, now: Date.now() },
    ];
    for (const { rawBody, now } of cases) {
      const fromString = verifySlackSignature(SECRET, request({ rawBody }), now);
      const fromBuffer = verifySlackSignature(SECRET, request({ rawBody: Buffer.from(rawBody, 'utf8') }), now);
      assert.equal(fromBuffer, fromString, `body ${rawBody.slice(-12)} at ${now}`);
    }
    assert.equal(verifySlackSignature(SECRET, request({ rawBody: Buffer.from(vector.body) }), NOW_MS), 'ok');
  });

  it('verifies non-ASCII bodies by their UTF-8 bytes, whichever form they arrive in', () => {
    const body = JSON.stringify({ type: 'event_callback', event: { text: 'Zahlungen schlagen fehl – ünïcödé 🔥' } });
    const signature = signSlackBody(SECRET, vector.timestamp, Buffer.from(body, 'utf8'));
    assert.equal(verifySlackSignature(SECRET, request({ signature, rawBody: body }), NOW_MS), 'ok');
    assert.equal(verifySlackSignature(SECRET, request({ signature, rawBody: Buffer.from(body) }), NOW_MS), 'ok');
  });
});
