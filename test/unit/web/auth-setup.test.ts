import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pino from 'pino';
import { seal, unseal } from '../../../src/web/auth/cookies.ts';
import { type AuthSettings, createAuth, type SessionStore } from '../../../src/web/auth/index.ts';

/** A logger whose lines land in `lines`. */
const capturingLogger = () => {
  const lines: { level: number; msg: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
};

const noStore: SessionStore = {
  create: async () => {},
  find: async () => null,
  delete: async () => {},
  deleteExpired: async () => {},
};

const SETTINGS: AuthSettings = {
  mode: 'slack',
  slackClientId: null,
  slackClientSecret: null,
  slackOidcIssuer: 'https://slack.com',
  trustedProxyCidrs: [],
  sessionSecret: null,
};

const start = (settings: Partial<AuthSettings>, teamId: string | null = 'T0123456789') => {
  const { logger, lines } = capturingLogger();
  createAuth({
    settings: { ...SETTINGS, ...settings },
    publicUrl: 'https://incidents.test',
    teamId,
    sessions: noStore,
    logger,
    verifyToken: async () => null,
  });
  return lines.filter((line) => line.level === 40).map((line) => line.msg);
};

describe('createAuth: what the operator is told at start', () => {
  it('AUTH_MODE=none warns, at every start, that everyone is signed in', () => {
    for (let run = 0; run < 2; run++) {
      const warnings = start({ mode: 'none' });
      assert.equal(warnings.length, 1);
      assert.match(warnings[0] ?? '', /AUTH_MODE=none: web sign-in is OFF.*"Local user".*only on your own machine/);
    }
  });

  it('AUTH_MODE=slack without a client id and secret says nobody can sign in yet', () => {
    const warnings = start({});
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /SLACK_CLIENT_ID\/SLACK_CLIENT_SECRET are not set: nobody can sign in/);
  });

  it('Sign in with Slack without SLACK_TEAM_ID warns that any workspace can sign in', () => {
    const configured = { slackClientId: '1.2', slackClientSecret: 's', sessionSecret: 'x'.repeat(32) };
    assert.deepEqual(start(configured), []);
    assert.match(start(configured, null).join('\n'), /SLACK_TEAM_ID is not set: people from ANY Slack workspace/);
    assert.match(
      start({ ...configured, slackOidcIssuer: 'http://127.0.0.1:9' }).join('\n'),
      /SLACK_OIDC_ISSUER is plain http/,
    );
  });

  it('proxy mode with trusted CIDRs starts quietly', () => {
    assert.deepEqual(start({ mode: 'proxy', trustedProxyCidrs: ['10.0.0.0/8'] }), []);
  });
});

describe('sealed cookie values (the sign-in transaction)', () => {
  const key = Buffer.alloc(32, 7);

  it('open with the key that sealed them', () => {
    assert.deepEqual(unseal(key, seal(key, { state: 's', nonce: 'n' })), { state: 's', nonce: 'n' });
  });

  it('refuse any change, another key, or garbage', () => {
    const sealed = seal(key, { state: 's', nonce: 'n' });
    const [payload, mac] = sealed.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ state: 's', nonce: 'attacker' })).toString('base64url');
    assert.equal(unseal(key, `${forged}.${mac}`), null);
    assert.equal(unseal(key, `${payload}.${mac.slice(0, -2)}`), null);
    assert.equal(unseal(Buffer.alloc(32, 8), sealed), null);
    assert.equal(unseal(key, undefined), null);
    assert.equal(unseal(key, 'not-a-sealed-value'), null);
    assert.equal(unseal(key, `${sealed}.extra`), null);
  });
});
