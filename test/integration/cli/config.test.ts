// What an operator sees when the environment is wrong: exit code 2, one line per problem on stderr
// naming the variable, never a secret's value; and usage for a command that does not exist.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freshDir, removeTempDirs } from '../../support/cli-storage.ts';
import { childEnv, freePort, killAll, lines, runCli } from '../../support/processes.ts';

describe('incident-bot with bad configuration or usage', () => {
  // A real DATA_DIR, so that a command wrongly accepting the configuration touches nothing of the repository's.
  let dataDir: string;
  before(async () => {
    dataDir = await freshDir();
  });
  after(async () => {
    await killAll();
    await removeTempDirs();
  });

  const problemLines = (stderr: string, variable: string) =>
    lines(stderr).filter((line) => line.startsWith(`${variable}:`));

  for (const command of [['serve'], ['token', 'list']]) {
    it(`PORT=abc: \`${command.join(' ')}\` exits 2 with a line starting "PORT:"`, { timeout: 30_000 }, async () => {
      const result = await runCli(command, childEnv({ DATA_DIR: dataDir, PORT: 'abc' }));
      assert.equal(result.code, 2, `exit code\n${result.stderr}`);
      assert.equal(problemLines(result.stderr, 'PORT').length, 1, `stderr:\n${result.stderr}`);
    });
  }

  it('SLACK_BOT_TOKEN alone: exit 2, SLACK_SIGNING_SECRET named, the token never printed', {
    timeout: 30_000,
  }, async () => {
    const secret = 'xoxb-secret-abc123';
    const result = await runCli(
      ['serve'],
      childEnv({ DATA_DIR: dataDir, PORT: String(await freePort()), SLACK_BOT_TOKEN: secret }),
    );
    assert.equal(result.code, 2, `exit code\n${result.stderr}`);
    assert.equal(problemLines(result.stderr, 'SLACK_SIGNING_SECRET').length, 1, `stderr:\n${result.stderr}`);
    for (const leak of [secret, 'secret-abc123', 'abc123']) {
      assert.ok(!result.stdout.includes(leak), `stdout shows "${leak}":\n${result.stdout}`);
      assert.ok(!result.stderr.includes(leak), `stderr shows "${leak}":\n${result.stderr}`);
    }
  });

  it('several bad variables: one line for each, secrets in them not printed', { timeout: 30_000 }, async () => {
    const password = 'hunter2-db-password';
    const bad = {
      PORT: 'abc',
      DATABASE_URL: `mysql://incident:${password}@db.internal/incidents`,
      INCIDENT_TIMEZONE: 'Mars/Olympus_Mons',
      REMIND_UPDATE_EVERY: 'soon',
      LOG_LEVEL: 'loud',
    };
    const result = await runCli(['serve'], childEnv({ DATA_DIR: dataDir, ...bad }));
    assert.equal(result.code, 2, `exit code\n${result.stderr}`);
    for (const variable of Object.keys(bad)) {
      assert.equal(
        problemLines(result.stderr, variable).length,
        1,
        `one line for ${variable}; stderr:\n${result.stderr}`,
      );
    }
    const problems = lines(result.stderr).filter((line) => /^[A-Z_]+: /.test(line));
    assert.ok(problems.length >= 3, `at least 3 problem lines, got ${problems.length}:\n${result.stderr}`);
    assert.ok(
      !`${result.stdout}${result.stderr}`.includes(password),
      `the database password was printed:\n${result.stderr}`,
    );
    assert.equal(result.stdout, '', 'nothing on stdout');
  });

  it('an unknown command exits 2 and prints the usage', { timeout: 30_000 }, async () => {
    const result = await runCli(['frobnicate'], childEnv({ DATA_DIR: dataDir }));
    assert.equal(result.code, 2, `exit code\n${result.stderr}`);
    assert.match(result.stderr, /unknown command "frobnicate"/);
    assert.match(result.stderr, /Usage: incident-bot <command>/);
    for (const command of ['serve', 'migrate', 'token create --name NAME', 'token list', 'token revoke NAME']) {
      assert.ok(result.stderr.includes(command), `usage mentions "${command}":\n${result.stderr}`);
    }
  });
});
