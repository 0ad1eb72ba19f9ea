// pg-boss on the service's own database (PostgreSQL or PGlite): durable jobs that survive a crash,
// run once across replicas (SKIP LOCKED), and retry with backoff.
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';

/** How pg-boss reaches the database: the same connection the service uses. */
export interface JobDatabase {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** Retry and polling settings; tests shorten them. */
export interface QueueTuning {
  /** Retries after the first attempt. */
  readonly retryLimit: number;
  /** Seconds before the first retry; doubles each time. */
  readonly retryDelaySeconds: number;
  /** How often idle workers look for work that was not announced (after a crash, retries). */
  readonly pollingIntervalSeconds: number;
  /** How often reminders are looked for (whole seconds; one pass per period across all replicas). Default 30. */
  readonly reminderTickSeconds?: number;
}

/** Production settings: five retries over about a minute, a two-second poll as the fallback, reminders every 30 s. */
export const DEFAULT_TUNING: QueueTuning = {
  retryLimit: 5,
  retryDelaySeconds: 2,
  pollingIntervalSeconds: 2,
  reminderTickSeconds: 30,
};

/** Starts pg-boss (creating or upgrading its schema, under its own advisory lock). */
export const startBoss = async (database: JobDatabase, logger: Logger): Promise<PgBoss> => {
  const boss = new PgBoss({ db: { executeSql: (text, values) => database.executeSql(text, values) } });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  return boss;
};
