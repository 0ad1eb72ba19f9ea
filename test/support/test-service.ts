// The whole service in process on an ephemeral port, on a fresh test database.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import type { QueueTuning } from '../../src/jobs/queue.ts';
import { createApiTokens } from '../../src/storage/api-tokens.ts';
import { assembleService, type Service } from '../../src/wiring.ts';
import { fixedClock, openTestDatabase, type TestDatabase } from './database.ts';

/** A running service and handles to drive it. */
export interface TestService extends Service {
  readonly baseUrl: string;
  readonly db: TestDatabase;
  readonly clock: ReturnType<typeof fixedClock>;
  /** A valid API token. */
  readonly token: string;
  /** GET with the token (or the one given, or none when null). */
  get(path: string, token?: string | null): Promise<Response>;
  stop(): Promise<void>;
}

/** Jobs retry fast in tests: one retry after a second, workers polling twice a second, reminders every second. */
export const FAST_JOBS: QueueTuning = {
  retryLimit: 1,
  retryDelaySeconds: 1,
  pollingIntervalSeconds: 0.5,
  reminderTickSeconds: 1,
};

/** Starts the service; `env` adds configuration on top of an empty environment. */
export const startTestService = async (
  env: Record<string, string> = {},
  options: { jobs?: QueueTuning; clock?: ReturnType<typeof fixedClock> } = {},
): Promise<TestService> => {
  const db = await openTestDatabase();
  const clock = options.clock ?? fixedClock();
  const config = loadConfig({ PUBLIC_URL: 'http://incidents.test', ...env });
  const service = assembleService(config, { database: db, logger: pino({ level: 'silent' }), version: 'test', clock });
  const server: Server = createServer(service.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const token = await createApiTokens(db.db).create('tests');
  await service.startJobs(options.jobs ?? FAST_JOBS);
  return {
    ...service,
    baseUrl,
    db,
    clock,
    token,
    get: (path, auth = token) =>
      fetch(`${baseUrl}${path}`, { headers: auth === null ? {} : { authorization: `Bearer ${auth}` } }),
    async stop() {
      // Running jobs (one may be waiting out a sandbox 429) finish before the database closes under them.
      await service.stopJobs({ jobTimeoutMs: 15_000 });
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.dispose();
    },
  };
};
