// The container image without a Docker engine: deploy/Dockerfile is read, and its steps replayed in clean
// temporary directories. The build stage gets exactly the files its COPY lines name (and .dockerignore lets
// through) and runs `npm run build`; the runtime stage gets package.json, the production dependencies only,
// bin/ and the built dist/, is made read-only, and is started as the Dockerfile's numeric user with the
// Dockerfile's environment, writing only to a stand-in for /tmp. Then: `migrate` (the Helm hook) exits 0,
// `serve` answers /readyz 200, and SIGTERM drains and exits 0.
// Two stand-ins, because there is no registry or Docker here: the build stage's `npm ci` is the repository's
// own node_modules (same lockfile), and the runtime stage's `npm ci --omit=dev` is a copy of the packages
// `npm ls --omit=dev` names from it. tini (PID 1 in the image) is not run: node gets the signal directly.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createSandboxSlack, type SandboxSlack } from '../../src/sandbox/index.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { freePort, httpGet, sleep } from '../support/processes.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DOCKERFILE = readFileSync(join(REPO, 'deploy/Dockerfile'), 'utf8');
const DOCKERIGNORE = readFileSync(join(REPO, '.dockerignore'), 'utf8');

type Instruction = { keyword: string; args: string };

/** The Dockerfile's instructions per stage (line continuations joined, comments dropped). */
const stages = (text: string): { name: string; from: string; steps: Instruction[] }[] => {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const args = new Map<string, string>();
  const result: { name: string; from: string; steps: Instruction[] }[] = [];
  for (const line of lines) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    if (instruction.keyword === 'ARG' && result.length === 0) {
      const [name = '', value = ''] = instruction.args.split('=');
      args.set(name, value);
    } else if (instruction.keyword === 'FROM') {
      const [image = '', , name = ''] = rest;
      result.push({ name, from: image.replace(/\$\{(\w+)\}/g, (_, arg: string) => args.get(arg) ?? ''), steps: [] });
    } else {
      result.at(-1)?.steps.push(instruction);
    }
  }
  return result;
};

/** Whether .dockerignore lets `path` into the build context (last matching rule wins, as Docker does). */
const inContext = (path: string): boolean => {
  const rules = DOCKERIGNORE.split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const include = line.startsWith('!');
      const pattern = (include ? line.slice(1) : line).replace(/\/+$/, '');
      const source = pattern
        .split('/')
        .map((part) =>
          part === '**'
            ? '.*'
            : part
                .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                .replace(/\*/g, '[^/]*')
                .replace(/\?/g, '[^/]'),
        )
        .join('/')
        .replace(/\.\*\//g, '(.*/)?');
      return { include, regex: new RegExp(`^${source}$`) };
    });
  // A rule on a folder covers everything in it.
  const prefixes = path.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
  let included = true;
  for (const rule of rules) if (prefixes.some((prefix) => rule.regex.test(prefix))) included = rule.include;
  return included;
};

const [BUILD, RUNTIME] = stages(DOCKERFILE);
const runtimeSteps = RUNTIME?.steps ?? [];
const step = (keyword: string) => runtimeSteps.filter((s) => s.keyword === keyword);
const jsonArray = (args: string): string[] => JSON.parse(args) as string[];

/** The runtime stage's ENV, as name → value. */
const imageEnv = (): Record<string, string> => {
  const env: Record<string, string> = {};
  for (const { args } of step('ENV')) {
    for (const [, name = '', value = ''] of args.matchAll(/(\w+)=("[^"]*"|\S+)/g))
      env[name] = value.replace(/^"|"$/g, '');
  }
  return env;
};

const run = (command: string, args: string[], cwd: string) => {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_ENV: undefined } });
  assert.equal(result.status, 0, `${command} ${args.join(' ')} in ${cwd}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
};

/** Replays a stage's `COPY <src…> <dest>` from the repository (or from another stage's directory). */
const replayCopy = (args: string, into: string, stagesDirs: Record<string, string>) => {
  const parts = args.split(/\s+/);
  const from = parts[0]?.startsWith('--from=') ? parts.shift()?.slice('--from='.length) : undefined;
  const dest = parts.pop() ?? '';
  const root = from ? (stagesDirs[from] ?? assert.fail(`unknown stage ${from}`)) : REPO;
  const target = join(into, dest.replace(/^\/app\/?/, ''));
  for (const source of parts) {
    const relativeSource = source.replace(/^\/app\/?/, '');
    if (!from) assert.ok(inContext(relativeSource), `.dockerignore keeps ${source} out of the build context`);
    const path = join(root, relativeSource);
    const isDir = statSync(path).isDirectory();
    const intoDir = isDir || dest.endsWith('/') || parts.length > 1;
    const destination = isDir ? target : intoDir ? join(target, relativeSource.split('/').at(-1) ?? '') : target;
    mkdirSync(dirname(destination), { recursive: true });
    cpSync(path, destination, { recursive: true });
  }
};

describe('the container image (deploy/Dockerfile, replayed without Docker)', () => {
  let scratch: string;
  let buildDir: string;
  let appDir: string;
  let tmpDir: string;
  let slack: SandboxSlack;
  let database: TestDatabase | null = null;
  const isRoot = process.getuid?.() === 0;
  const children = new Set<ChildProcess>();

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'incident-bot-image-'));
    // The unprivileged user must be able to reach the copy; mkdtemp makes it 0700.
    chmodSync(scratch, 0o755);
    buildDir = join(scratch, 'build');
    appDir = join(scratch, 'app');
    tmpDir = join(scratch, 'tmp');
    for (const dir of [buildDir, appDir, tmpDir]) mkdirSync(dir);
    chmodSync(tmpDir, 0o1777);
    slack = createSandboxSlack({ teamId: 'T0IMAGE0001' });
    await slack.start();
  });
  after(async () => {
    for (const child of children) child.kill('SIGKILL');
    await slack?.stop();
    await database?.dispose();
    if (scratch) {
      // The read-only copy has to be made writable again before it can be removed.
      spawnSync('chmod', ['-R', 'u+w', scratch]);
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('is two stages on the official Node.js 20 slim image; the runtime runs as a numeric user', () => {
    assert.equal(BUILD?.name, 'build');
    assert.equal(RUNTIME?.name, 'runtime');
    for (const stage of [BUILD, RUNTIME])
      assert.match(stage?.from ?? '', /^node:20([.\d]*)-(bookworm-|bullseye-)?slim(@sha256:[a-f0-9]{64})?$/);
    const user = step('USER').at(-1)?.args ?? '';
    assert.match(user, /^[1-9]\d*:[1-9]\d*$/, 'USER is uid:gid, numeric and not root, so runAsNonRoot can verify it');
    assert.deepEqual(
      step('EXPOSE').map((s) => s.args),
      [imageEnv().PORT],
    );
    const entrypoint = jsonArray(step('ENTRYPOINT').at(-1)?.args ?? '[]');
    assert.deepEqual(entrypoint.slice(0, 2), ['/usr/bin/tini', '--'], 'tini is PID 1 and forwards signals');
    assert.deepEqual(entrypoint.slice(2), ['node', 'bin/incident-bot.js'], 'exec form: node gets SIGTERM');
    assert.deepEqual(jsonArray(step('CMD').at(-1)?.args ?? '[]'), ['serve']);
    assert.ok(
      step('RUN').some((s) => /npm ci --omit=dev/.test(s.args)),
      'production dependencies only',
    );
    assert.ok(BUILD?.steps.some((s) => s.keyword === 'RUN' && s.args === 'npm run build'));
    assert.ok(step('COPY').some((s) => s.args.startsWith('--from=build /app/dist')));
    assert.ok(!step('COPY').some((s) => /\bsrc\b/.test(s.args)), 'no TypeScript sources in the runtime image');
  });

  it('.dockerignore keeps local state and secrets out of the build context', () => {
    for (const path of [
      '.env',
      'node_modules/pg/package.json',
      'dist/cli.js',
      'data/pgdata/PG_VERSION',
      '.git/config',
      'test/unit/config.test.ts',
      'src/.env',
      'bench/README.md',
    ]) {
      assert.equal(inContext(path), false, `${path} is sent to the builder`);
    }
    for (const path of [
      'package.json',
      'src/cli.ts',
      'src/storage/migrations/0000_initial.sql',
      'bin/incident-bot.js',
    ]) {
      assert.equal(inContext(path), true, `${path} is missing from the build context`);
    }
  });

  it('builds, installs production dependencies only, and serves from a read-only copy as that user', {
    timeout: 120_000,
  }, async (t) => {
    const timings: string[] = [];
    const timed = async <T>(what: string, work: () => T | Promise<T>): Promise<T> => {
      const started = performance.now();
      const value = await work();
      timings.push(`${what} ${Math.round(performance.now() - started)} ms`);
      return value;
    };
    const dirs = { build: buildDir };

    // Build stage.
    await timed('build stage', () => {
      for (const { keyword, args } of BUILD?.steps ?? []) {
        if (keyword === 'COPY') replayCopy(args, buildDir, dirs);
        else if (keyword === 'RUN' && args.startsWith('npm ci'))
          symlinkSync(join(REPO, 'node_modules'), join(buildDir, 'node_modules'));
        else if (keyword === 'RUN') run('sh', ['-c', args], buildDir);
      }
    });
    assert.ok(existsSync(join(buildDir, 'dist/cli.js')), 'dist/cli.js built');
    const migrations = readdirSync(join(REPO, 'src/storage/migrations'), { recursive: true }).map(String).sort();
    assert.deepEqual(
      readdirSync(join(buildDir, 'dist/storage/migrations'), { recursive: true }).map(String).sort(),
      migrations,
      'scripts/copy-migrations.js put every migration and drizzle journal file beside the compiled storage code',
    );
    // Everything else read at run time (page templates, web assets, …) is beside the compiled code too.
    const runtimeFiles = readdirSync(join(REPO, 'src'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && !/\.(ts|md)$/.test(entry.name))
      .map((entry) => relative(join(REPO, 'src'), join(entry.parentPath ?? entry.path, entry.name)));
    const missing = runtimeFiles.filter((file) => !existsSync(join(buildDir, 'dist', file)));
    assert.deepEqual(missing, [], 'non-TypeScript files of src/ missing from dist/');

    // Runtime stage.
    await timed('runtime stage', () => {
      for (const { keyword, args } of runtimeSteps) {
        if (keyword === 'COPY') replayCopy(args, appDir, dirs);
        else if (keyword === 'RUN' && /npm ci --omit=dev/.test(args)) {
          const packages = run('npm', ['ls', '--omit=dev', '--all', '--parseable'], REPO)
            .split('\n')
            .filter((line) => line.includes('node_modules'));
          for (const pkg of packages) {
            cpSync(pkg, join(appDir, relative(REPO, pkg)), {
              recursive: true,
              // Nested node_modules are packages of their own, copied when npm lists them.
              filter: (source) => !relative(pkg, source).split('/').includes('node_modules'),
            });
          }
        }
      }
    });
    assert.deepEqual(readdirSync(appDir).sort(), ['bin', 'dist', 'node_modules', 'package-lock.json', 'package.json']);
    for (const dev of [
      'typescript',
      '@biomejs/biome',
      'drizzle-kit',
      'kubernetes-models',
      '@aws-cdk/lambda-layer-kubectl-v34',
    ]) {
      assert.equal(existsSync(join(appDir, 'node_modules', dev)), false, `${dev} (a dev dependency) in the image`);
    }
    // Read-only: nothing in the image may be written at run time.
    run('chmod', ['-R', 'a-w', appDir], REPO);

    const [uid, gid] = (step('USER').at(-1)?.args ?? '').split(':').map(Number);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      ...imageEnv(),
      // The image's /tmp is a private emptyDir; here it is a directory of its own.
      ...Object.fromEntries(
        Object.entries(imageEnv())
          .filter(([, value]) => value.startsWith('/tmp'))
          .map(([name, value]) => [name, value.replace(/^\/tmp/, tmpDir)]),
      ),
      TMPDIR: tmpDir,
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: slack.signingSecret,
      SLACK_API_URL: slack.apiUrl,
      SLACK_TEAM_ID: slack.teamId,
      SLACK_INCIDENT_CHANNEL: slack.addChannel({ name: 'incidents', botIsMember: true }).id,
      AUTH_MODE: 'none',
    };
    if (process.env.DATABASE_URL) {
      database = await openTestDatabase({ migrate: false });
      env.DATABASE_URL = database.url ?? '';
    } else {
      t.diagnostic('no DATABASE_URL: the embedded database in DATA_DIR under the stand-in /tmp');
    }
    if (!isRoot) t.diagnostic(`not root: running as uid ${process.getuid?.()} instead of ${uid}`);
    if (isRoot) chownSync(tmpDir, uid ?? 0, gid ?? 0);

    const entrypoint = jsonArray(step('ENTRYPOINT').at(-1)?.args ?? '[]').slice(2);
    const start = (args: string[]) => {
      const child = spawn(process.execPath, [...entrypoint.slice(1), ...args], {
        cwd: appDir,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        ...(isRoot ? { uid, gid } : {}),
      });
      children.add(child);
      let output = '';
      child.stdout?.on('data', (chunk) => {
        output += chunk;
      });
      child.stderr?.on('data', (chunk) => {
        output += chunk;
      });
      const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
      return { child, exited, output: () => output };
    };

    // The Helm hook's command.
    const migrate = start(['migrate']);
    const migrated = await timed('migrate', () => migrate.exited);
    assert.equal(migrated, 0, `migrate:\n${migrate.output()}`);
    assert.match(migrate.output(), /Migrations applied/);

    const serve = start(jsonArray(step('CMD').at(-1)?.args ?? '[]'));
    const base = `http://127.0.0.1:${env.PORT}`;
    await timed('serve until /readyz 200', async () => {
      const until = performance.now() + 20_000;
      for (;;) {
        const status = await httpGet(`${base}/readyz`, {}, 2_000).then(
          (r) => r.status,
          () => 0,
        );
        if (status === 200) return;
        if (serve.child.exitCode !== null || performance.now() > until) {
          assert.fail(`not ready (last /readyz ${status}):\n${serve.output()}`);
        }
        await sleep(100);
      }
    });
    assert.equal((await httpGet(`${base}/healthz`)).status, 200);
    assert.doesNotMatch(serve.output(), /EACCES|EROFS|permission denied/i, 'tried to write outside /tmp');

    const sentAt = performance.now();
    serve.child.kill('SIGTERM');
    const code = await serve.exited;
    const drainMs = Math.round(performance.now() - sentAt);
    timings.push(`SIGTERM to exit ${drainMs} ms`);
    assert.equal(code, 0, `exit code after SIGTERM:\n${serve.output()}`);
    assert.ok(drainMs < 10_000, `exited ${drainMs} ms after SIGTERM`);
    t.diagnostic(timings.join(', '));
  });
});
