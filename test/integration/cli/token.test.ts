// `incident-bot token …` as an operator runs it: the token alone on the last line, never shown again,
// revocation that a running `serve` honours at once (PostgreSQL), and the embedded database refusing a
// second process while `serve` holds it (PGlite).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type CliStorage, freshStorage, onPostgres, removeTempDirs } from '../../support/cli-storage.ts';
import { childEnv, httpGet, killAll, lines, runCli, type ServeProcess, startServe } from '../../support/processes.ts';

const TOKEN_LINE = /^ibt_[A-Za-z0-9_-]+$/;

/** The token printed by a successful `token create`: the last line of stdout. */
const createdToken = (result: { code: number | null; stdout: string; stderr: string }): string => {
  assert.equal(result.code, 0, `token create exit code\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
  const last = lines(result.stdout).at(-1) ?? '';
  assert.match(last, TOKEN_LINE, `the last line of stdout is the token alone:\n${result.stdout}`);
  return last;
};

describe('incident-bot token', () => {
  after(async () => {
    await killAll();
    await removeTempDirs();
  });

  describe('create, list, revoke', () => {
    let storage: CliStorage;
    let token = '';
    before(async () => {
      storage = await freshStorage();
    });
    after(() => storage.dispose());
    const env = () => childEnv(storage.env);

    it('create --name ci prints the token alone on the last line of stdout', { timeout: 30_000 }, async () => {
      const result = await runCli(['token', 'create', '--name', 'ci'], env());
      token = createdToken(result);
      assert.ok(!result.stderr.includes(token), 'the token is not on stderr');
    });

    it('a second token named ci: exit 2 and a message saying so, no token', { timeout: 30_000 }, async () => {
      const result = await runCli(['token', 'create', '--name', 'ci'], env());
      assert.equal(result.code, 2, `exit code\n${result.stderr}`);
      assert.match(result.stderr, /"ci" exists already/, `stderr:\n${result.stderr}`);
      assert.doesNotMatch(result.stdout, /ibt_/, 'no token printed');
    });

    it('list shows the name and state, never the secret', { timeout: 30_000 }, async () => {
      const result = await runCli(['token', 'list'], env());
      assert.equal(result.code, 0, `exit code\n${result.stderr}`);
      const line = lines(result.stdout).find((l) => l.startsWith('ci\t'));
      assert.ok(line, `a line for ci:\n${result.stdout}`);
      assert.match(line, /\tactive$/);
      const secret = token.slice('ibt_'.length + 12 + 1);
      assert.ok(secret.length >= 40, `secret part of ${token}`);
      for (const shown of [result.stdout, result.stderr]) {
        assert.ok(!shown.includes(secret), `the secret is listed:\n${shown}`);
        assert.doesNotMatch(shown, /ibt_/, 'no token in the listing');
      }
    });

    it('revoke ci, then list shows it revoked', { timeout: 30_000 }, async () => {
      const revoked = await runCli(['token', 'revoke', 'ci'], env());
      assert.equal(revoked.code, 0, `revoke exit code\n${revoked.stderr}`);
      assert.match(revoked.stdout, /Revoked API token "ci"/);
      const result = await runCli(['token', 'list'], env());
      assert.equal(result.code, 0, `list exit code\n${result.stderr}`);
      const rows = lines(result.stdout).filter((l) => l.startsWith('ci'));
      assert.equal(rows.length, 1, `one row for ci:\n${result.stdout}`);
      assert.match(rows[0] ?? '', /\trevoked \d{4}-\d\d-\d\dT[\d:.]+Z$/, `revoked with its time:\n${result.stdout}`);
      assert.doesNotMatch(result.stdout, /\tactive$/m, 'nothing active is left');
    });

    it('revoking a name that does not exist: exit 2 and a message', { timeout: 30_000 }, async () => {
      const result = await runCli(['token', 'revoke', 'nobody'], env());
      assert.equal(result.code, 2, `exit code\n${result.stderr}`);
      assert.match(result.stderr, /no token named "nobody"/, `stderr:\n${result.stderr}`);
    });
  });

  it('PostgreSQL: a token made while serve runs authorises the API at once, and is refused once revoked', {
    timeout: 60_000,
  }, async (t) => {
    if (!onPostgres()) return t.skip('needs DATABASE_URL');
    const storage = await freshStorage();
    let serve: ServeProcess | undefined;
    try {
      const env = childEnv(storage.env);
      serve = await startServe(env);
      const incidents = `${serve.baseUrl}/api/v1/incidents`;
      assert.equal((await httpGet(incidents)).status, 401, 'no token: 401');

      const token = createdToken(await runCli(['token', 'create', '--name', 'deploy-bot'], env));
      const allowed = await httpGet(incidents, { authorization: `Bearer ${token}` });
      assert.equal(allowed.status, 200, `with the new token: ${allowed.body}`);
      assert.deepEqual(JSON.parse(allowed.body), { items: [], nextCursor: null });

      const revoked = await runCli(['token', 'revoke', 'deploy-bot'], env);
      assert.equal(revoked.code, 0, `revoke exit code\n${revoked.stderr}`);
      const refused = await httpGet(incidents, { authorization: `Bearer ${token}` });
      assert.equal(refused.status, 401, `after revoke: ${refused.body}`);
      assert.match(String(refused.headers['content-type']), /application\/problem\+json/);

      const stopped = await serve.stop();
      assert.equal(stopped.code, 0, `serve exit code\n${serve.output.stderr}`);
    } finally {
      await serve?.stop('SIGKILL');
      await storage.dispose();
    }
  });

  it('PGlite: token create while serve holds DATA_DIR exits 2 naming the lock, and works once serve stops', {
    timeout: 60_000,
  }, async (t) => {
    if (onPostgres()) return t.skip('PGlite only: with DATABASE_URL processes share PostgreSQL');
    const storage = await freshStorage();
    let serve: ServeProcess | undefined;
    try {
      const env = childEnv(storage.env);
      serve = await startServe(env);
      const refused = await runCli(['token', 'create', '--name', 'while-serving'], env);
      assert.equal(refused.code, 2, `exit code\n${refused.stderr}`);
      assert.match(refused.stderr, /embedded database in .* is in use by another incident-bot/, refused.stderr);
      assert.ok(
        refused.stderr.includes(`pid ${serve.child.pid}`),
        `names serve's pid ${serve.child.pid}:\n${refused.stderr}`,
      );
      assert.match(refused.stderr, /DATABASE_URL/, 'says how to share a database');
      assert.doesNotMatch(refused.stdout, /ibt_/, 'no token printed');
      const ready = await httpGet(`${serve.baseUrl}/readyz`);
      assert.equal(ready.status, 200, 'serve is unharmed');

      const stopped = await serve.stop();
      assert.equal(stopped.code, 0, `serve exit code\n${serve.output.stderr}`);
      createdToken(await runCli(['token', 'create', '--name', 'while-serving'], env));
    } finally {
      await serve?.stop('SIGKILL');
      await storage.dispose();
    }
  });
});
