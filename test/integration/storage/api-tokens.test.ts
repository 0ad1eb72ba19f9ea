import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { ApiTokenError, type ApiTokens, createApiTokens } from '../../../src/storage/api-tokens.ts';
import { rawRows } from '../../../src/storage/raw-rows.ts';
import { apiTokens } from '../../../src/storage/schema.ts';
import { fixedClock, openTestDatabase, type TestDatabase } from '../../support/database.ts';

const TOKEN = /^ibt_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

/** The token's id and secret parts. */
const parts = (token: string) => {
  const match = TOKEN.exec(token);
  assert.ok(match, `${token} has the ibt_<id>_<secret> shape`);
  return { id: match[1] ?? '', secret: match[2] ?? '' };
};

describe('API tokens (createApiTokens) on the real database', () => {
  let database: TestDatabase;
  let tokens: ApiTokens;
  const clock = fixedClock();
  before(async () => {
    database = await openTestDatabase();
    tokens = createApiTokens(database.db, clock);
  });
  after(() => database.dispose());

  const row = async (name: string) => {
    const [found] = await database.db.select().from(apiTokens).where(eq(apiTokens.name, name));
    return found;
  };
  /** Every api_tokens row as PostgreSQL prints it: all columns, whatever they are called. */
  const tableText = async () =>
    (await rawRows<{ line: string }>(database.db, sql`select t::text as line from api_tokens t`)).map((r) => r.line);

  it('create returns an ibt_ token once and stores only a SHA-256 of its secret', async () => {
    const token = await tokens.create('status-page');
    const { id, secret } = parts(token);
    const stored = await row('status-page');
    assert.ok(stored);
    assert.equal(stored.id, id);
    assert.equal(stored.secretHash, createHash('sha256').update(secret).digest('hex'));
    assert.deepEqual(stored.createdAt, clock.now());
    assert.deepEqual([stored.lastUsedAt, stored.revokedAt], [null, null]);
    for (const line of await tableText()) {
      assert.ok(!line.includes(secret), 'the secret is nowhere in the table');
      assert.ok(!line.includes(token), 'nor is the token');
    }
    assert.notEqual(parts(await tokens.create('second')).secret, secret, 'every token has its own secret');
  });

  it('refuses a name already taken, keeping the first token working', async () => {
    const first = await tokens.create('deploy-bot');
    await assert.rejects(tokens.create('deploy-bot'), (error: unknown) => {
      assert.ok(error instanceof ApiTokenError);
      assert.match(error.message, /"deploy-bot" exists already/);
      return true;
    });
    const rows = await database.db.select().from(apiTokens).where(eq(apiTokens.name, 'deploy-bot'));
    assert.equal(rows.length, 1);
    assert.deepEqual(await tokens.verify(first), { name: 'deploy-bot' });
  });

  it('refuses malformed names and stores nothing for them', async () => {
    const before = (await tableText()).length;
    for (const name of ['', '-leading-dash', 'has space', 'x'.repeat(64), 'emoji🙂', 'a~b']) {
      await assert.rejects(tokens.create(name), ApiTokenError, `name ${JSON.stringify(name)} refused`);
    }
    assert.equal((await tableText()).length, before);
    parts(await tokens.create('x'.repeat(63)));
  });

  it('verify accepts the token and notes when it was used, at most once a minute', async () => {
    const token = await tokens.create('grafana');
    clock.advance(1_000);
    const firstUse = clock.now();
    assert.deepEqual(await tokens.verify(token), { name: 'grafana' });
    assert.deepEqual((await row('grafana'))?.lastUsedAt, firstUse);
    clock.advance(30_000);
    assert.deepEqual(await tokens.verify(token), { name: 'grafana' });
    assert.deepEqual((await row('grafana'))?.lastUsedAt, firstUse, 'not rewritten within the minute');
    clock.advance(31_000);
    await tokens.verify(token);
    assert.deepEqual((await row('grafana'))?.lastUsedAt, clock.now());
  });

  it('verify refuses a wrong secret, an unknown id and garbled input, without touching the row', async () => {
    const token = await tokens.create('ci');
    const { id, secret } = parts(token);
    const flipped = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    const otherId = id === 'aaaaaaaaaaaa' ? 'bbbbbbbbbbbb' : 'aaaaaaaaaaaa';
    const refused = [
      `ibt_${id}_${flipped}`,
      `ibt_${otherId}_${secret}`,
      `ibt_${id.toUpperCase()}_${secret}`,
      `${token}x`,
      ` ${token}`,
      `Bearer ${token}`,
      token.slice(0, -1),
      secret,
      'ibt_',
      '',
      'ibt_abc_def',
    ];
    for (const attempt of refused) {
      assert.equal(await tokens.verify(attempt), null, `refused: ${JSON.stringify(attempt)}`);
    }
    assert.equal((await row('ci'))?.lastUsedAt, null, 'failed attempts are not uses');
    assert.deepEqual(await tokens.verify(token), { name: 'ci' });
  });

  it('a revoked token is refused, and its name can be given to a new token', async () => {
    const old = await tokens.create('pager');
    clock.advance(1_000);
    await tokens.revoke('pager');
    assert.equal(await tokens.verify(old), null);
    const revoked = (await tokens.list()).filter((t) => t.revokedAt !== null && t.name.startsWith('pager'));
    assert.equal(revoked.length, 1);
    assert.deepEqual(revoked[0]?.revokedAt, clock.now());

    const fresh = await tokens.create('pager');
    assert.deepEqual(await tokens.verify(fresh), { name: 'pager' });
    assert.equal(await tokens.verify(old), null, 'the old token stays dead');
    await assert.rejects(tokens.revoke('no-such-token'), ApiTokenError);
    await tokens.revoke('pager');
    await assert.rejects(tokens.revoke('pager'), ApiTokenError, 'revoking twice is refused');
  });

  it('list shows every token oldest first with its dates, and never a secret', async () => {
    clock.advance(60_000);
    const start = clock.now().getTime();
    const issued: string[] = [];
    for (const name of ['zeta', 'alpha', 'mid']) {
      issued.push(await tokens.create(name));
      clock.advance(60_000);
    }
    await tokens.verify(issued[0] ?? '');
    await tokens.revoke('mid');
    const listed = await tokens.list();
    for (const info of listed)
      assert.deepEqual(Object.keys(info).sort(), ['createdAt', 'lastUsedAt', 'name', 'revokedAt']);
    const created = listed.map((t) => t.createdAt.getTime());
    assert.deepEqual(
      created,
      [...created].sort((a, b) => a - b),
      'oldest first',
    );
    const mine = listed.filter((t) => t.createdAt.getTime() >= start);
    assert.deepEqual(
      mine.map((t) => [
        t.name.split('~')[0],
        t.createdAt.getTime() - start,
        t.lastUsedAt !== null,
        t.revokedAt !== null,
      ]),
      [
        ['zeta', 0, true, false],
        ['alpha', 60_000, false, false],
        ['mid', 120_000, false, true],
      ],
    );
    const text = JSON.stringify(listed);
    for (const token of issued) assert.ok(!text.includes(parts(token).secret), 'no secret in the list');
    assert.ok(!/[0-9a-f]{64}/.test(text), 'nor any hash');
  });
});
