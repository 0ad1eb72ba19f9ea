// `incident-bot <command>`: every command reads the same environment as `serve`; bad configuration
// exits 2 with one line per problem, bad usage exits 2 with the usage.
import { parseArgs } from 'node:util';
import pkg from '../package.json' with { type: 'json' };
import { type Config, ConfigError, describeConfigError, loadConfig } from './config.ts';
import { installJobQueue } from './jobs/queue.ts';
import { type Running, serve } from './main.ts';
import { renderManifest } from './slack/manifest.ts';
import { ApiTokenError, createApiTokens } from './storage/api-tokens.ts';
import { DataDirInUseError } from './storage/data-dir-lock.ts';
import { connectDatabase, createLogger } from './wiring.ts';

const USAGE = `Usage: incident-bot <command>

Commands:
  serve                       run the service: Slack endpoints, web pages, API, jobs (default)
  migrate                     apply pending database migrations and exit
  manifest [--url URL]        print the Slack app manifest (YAML) for the public URL (default PUBLIC_URL)
  demo [--url URL]            play a short demo incident in a running sandbox (default http://localhost:PORT)
  token create --name NAME    create an API token; the token is printed alone on the last line
  token list                  list API tokens (never their secrets)
  token revoke NAME           revoke an API token

Configuration comes from the environment; see .env.example.`;

class UsageError extends Error {}

const withDatabase = async <T>(
  config: Config,
  work: (db: Awaited<ReturnType<typeof connectDatabase>>) => Promise<T>,
) => {
  const database = await connectDatabase(config);
  try {
    await database.migrate();
    return await work(database);
  } finally {
    // A failure to close must not hide the error that brought us here.
    await database.close().catch(() => {});
  }
};

const runServe = async (config: Config): Promise<void> => {
  // Handlers go in before start-up: a pod told to stop while it waits for the migration lock must
  // still drain and exit 0, not die on the default SIGTERM action.
  let running: Running | undefined;
  let stopSignal: string | undefined;
  const shutdown = (service: Running, signal: string) =>
    service.stop(signal).then(
      () => process.exit(0),
      (error) => {
        service.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (running) shutdown(running, signal);
      else stopSignal = signal;
    });
  }
  running = await serve(config, pkg.version);
  if (stopSignal) await shutdown(running, stopSignal);
};
const runManifest = (config: Config, args: string[]): void => {
  const { values } = parseArgs({ args, options: { url: { type: 'string' } } });
  try {
    process.stdout.write(renderManifest(values.url ?? config.publicUrl));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
};

// The embedded database belongs to the serving process, so the demo runs there: this asks it to.
const runDemo = async (config: Config, args: string[]): Promise<void> => {
  const { values } = parseArgs({ args, options: { url: { type: 'string' } } });
  const base = (values.url ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
  let response: Response;
  try {
    response = await fetch(`${base}/sandbox/ui/demo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw new UsageError(`nothing answers at ${base}: start the service first (npm start), then run the demo`);
  }
  if (response.status === 404) {
    throw new UsageError(`${base} runs with a real Slack workspace; the demo plays only in the sandbox`);
  }
  if (!response.ok) throw new Error(`the demo did not start: ${response.status} ${await response.text()}`);
  process.stdout.write(`Playing a demo incident: watch it at ${base}/sandbox/ and ${base}/ once it is resolved.\n`);
};

const runToken = async (config: Config, args: string[]): Promise<void> => {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    options: { name: { type: 'string' } },
    allowPositionals: true,
  });
  await withDatabase(config, async ({ db }) => {
    const tokens = createApiTokens(db);
    if (action === 'create') {
      const token = await tokens.create(values.name ?? '');
      process.stdout.write(`Created API token "${values.name}". It is shown once; store it now:\n${token}\n`);
    } else if (action === 'list') {
      const list = await tokens.list();
      if (list.length === 0)
        process.stdout.write('No API tokens. Create one with: incident-bot token create --name NAME\n');
      for (const t of list) {
        const state = t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : 'active';
        const used = t.lastUsedAt ? `last used ${t.lastUsedAt.toISOString()}` : 'never used';
        process.stdout.write(`${t.name}\tcreated ${t.createdAt.toISOString()}\t${used}\t${state}\n`);
      }
    } else {
      const name = positionals[0] ?? values.name ?? '';
      await tokens.revoke(name);
      process.stdout.write(`Revoked API token "${name}".\n`);
    }
  });
};

const main = async (argv: string[]): Promise<void> => {
  const [command = 'serve', ...args] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!['serve', 'migrate', 'manifest', 'demo', 'token'].includes(command)) {
    throw new UsageError(`unknown command "${command}"`);
  }
  const config = loadConfig();
  if (command === 'serve') return runServe(config);
  if (command === 'manifest') return runManifest(config, args);
  if (command === 'demo') return runDemo(config, args);
  if (command === 'migrate') {
    // The job queue's own tables too, so pods that start together after a Helm hook find them made.
    await withDatabase(config, (database) => installJobQueue(database, createLogger({ logLevel: 'warn' })));
    process.stdout.write('Migrations applied.\n');
    return;
  }
  return runToken(config, args);
};

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${describeConfigError(error)}\n`);
    process.exit(2);
  }
  if (error instanceof UsageError || error instanceof ApiTokenError || error instanceof DataDirInUseError) {
    process.stderr.write(`incident-bot: ${error.message}\n${error instanceof UsageError ? `\n${USAGE}\n` : ''}`);
    process.exit(2);
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : JSON.stringify(error);
  process.stderr.write(`incident-bot: ${text}\n`);
  process.exit(1);
});
