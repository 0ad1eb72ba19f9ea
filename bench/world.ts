// The bot as production runs it (PostgreSQL, DEFAULT_TUNING, silent logger), in this process, on a
// fresh `bench_<random>` database, pointed at a started sandbox Slack whose clock can be frozen.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { DEFAULT_TUNING } from '../src/jobs/queue.ts';
import { createSandboxSlack, type SandboxSlack } from '../src/sandbox/index.ts';
import { openDatabase } from '../src/storage/db.ts';
import { assembleService, type Service } from '../src/wiring.ts';

/** Where the benchmark's databases are created (trust auth on the local server by default). */
export const SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** The sandbox's clock: real time, or held still while `frozenAt` is set. */
export interface SandboxClock {
  frozenAt: number | null;
}

/** Everything the benchmark drives. */
export interface BenchWorld {
  readonly slack: SandboxSlack;
  readonly clock: SandboxClock;
  readonly service: Service;
  readonly botUrl: string;
  readonly databaseName: string;
  readonly people: { readonly alice: string; readonly bob: string; readonly reporters: readonly string[] };
  readonly channels: { readonly incidents: string; readonly general: string };
  stop(): Promise<void>;
}

const withServer = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/** Starts sandbox, database and bot; `reporters` extra people run the load's /incident commands. */
export const startBenchWorld = async (reporterCount = 10): Promise<BenchWorld> => {
  const clock: SandboxClock = { frozenAt: null };
  const slack = createSandboxSlack({ teamId: 'T0SANDBOX01', now: () => clock.frozenAt ?? Date.now() });
  await slack.start();
  const alice = slack.addUser({ name: 'alice', realName: 'Alice Adams', email: 'alice@example.com' }).id;
  const bob = slack.addUser({ name: 'bob', realName: 'Bob Brown', email: 'bob@example.com' }).id;
  const reporters = Array.from({ length: reporterCount }, (_, i) => slack.addUser({ name: `reporter${i + 1}` }).id);
  const everyone = [alice, bob, ...reporters];
  const incidents = slack.addChannel({ name: 'incidents', members: everyone, botIsMember: true }).id;
  const general = slack.addChannel({ name: 'general', members: everyone, botIsMember: false }).id;

  const databaseName = `bench_${randomBytes(6).toString('hex')}`;
  await withServer((client) => client.query(`create database ${databaseName}`));
  const dropDatabase = () =>
    withServer((client) => client.query(`drop database if exists ${databaseName} with (force)`));
  try {
    return await startBot(slack, clock, databaseName, dropDatabase, {
      people: { alice, bob, reporters },
      channels: { incidents, general },
    });
  } catch (error) {
    await slack.stop();
    await dropDatabase();
    throw error;
  }
};

const startBot = async (
  slack: SandboxSlack,
  clock: SandboxClock,
  databaseName: string,
  dropDatabase: () => Promise<unknown>,
  workspace: Pick<BenchWorld, 'people' | 'channels'>,
): Promise<BenchWorld> => {
  const incidents = workspace.channels.incidents;
  const url = new URL(SERVER_URL);
  url.pathname = `/${databaseName}`;
  // The production pool size (no poolSize given), as `serve` opens it.
  const database = await openDatabase({ url: url.toString() });
  await database.migrate();

  const config = loadConfig({
    PUBLIC_URL: 'http://incidents.test',
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: slack.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    SLACK_TEAM_ID: slack.teamId,
    SLACK_INCIDENT_CHANNEL: incidents,
    AUTH_MODE: 'none',
  });
  const service = assembleService(config, { database, logger: pino({ level: 'silent' }), version: 'bench' });
  const server: Server = createServer(service.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  await service.startJobs(DEFAULT_TUNING);
  slack.setRequestUrl(botUrl);

  return {
    slack,
    clock,
    service,
    botUrl,
    databaseName,
    ...workspace,
    async stop() {
      await service.stopJobs();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
      await slack.stop();
      await dropDatabase();
    },
  };
};

/** Polls `check` every `everyMs` until it returns something truthy; throws after `timeoutMs`. */
export const waitFor = async <T>(
  check: () => T | undefined | null | false,
  what: string,
  { timeoutMs = 10_000, everyMs = 2 } = {},
): Promise<T> => {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
};
