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

// PostgreSQL's answers when two processes create the same schema, table or type at once.
// (and a deadlock between two installs, which PostgreSQL breaks by failing one of them).
const CREATE_RACE = new Set(['23505', '42P06', '42P07', '42710', '40P01']);
const START_ATTEMPTS = 5;

/**
 * Starts pg-boss (creating or upgrading its schema). pg-boss 10's first install is not safe when
 * several processes start together on an empty database: the losers fail on a duplicate schema.
 * A loser just starts again, and then finds the schema the winner made.
 */
export const startBoss = async (database: JobDatabase, logger: Logger): Promise<PgBoss> => {
  for (let attempt = 1; ; attempt++) {
    const boss = new PgBoss({ db: { executeSql: (text, values) => database.executeSql(text, values) } });
    boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
    try {
      await boss.start();
      return boss;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= START_ATTEMPTS || typeof code !== 'string' || !CREATE_RACE.has(code)) throw error;
      logger.info({ attempt, code }, 'another process is installing the job queue; starting again');
      await boss.stop({ graceful: false, close: false }).catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.random() * 200));
    }
  }
};

const raced = (error: unknown): boolean => {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && CREATE_RACE.has(code);
};

/**
 * Runs a pg-boss set-up call (createQueue, schedule) that replicas starting together may race on:
 * each queue is a table partition, and two creating it at once can deadlock or collide. The loser
 * tries again and finds the winner's work done.
 */
export const racingSetUp = async <T>(work: () => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= START_ATTEMPTS || !raced(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.random() * 200));
    }
  }
};

/** Installs or upgrades the job queue's schema and stops (for `incident-bot migrate`). */
export const installJobQueue = async (database: JobDatabase, logger: Logger): Promise<void> => {
  const boss = await startBoss(database, logger);
  await boss.stop({ graceful: false, close: false });
};

/** Workers on one queue, and a way to wake one of them at once. */
export interface WorkerPool {
  /** Bypasses the next poll of one worker (round-robin), so a job just queued starts now. */
  wake(): void;
}

/**
 * Starts `count` workers taking one job at a time from `queue`. Polling is only the fallback
 * (retries, jobs queued by a process that died); whoever queues a job wakes a worker.
 */
export const startWorkers = async <T extends object>(
  boss: PgBoss,
  queue: string,
  count: number,
  tuning: QueueTuning,
  handle: (job: PgBoss.JobWithMetadata<T>) => Promise<void>,
): Promise<WorkerPool> => {
  const options = {
    batchSize: 1,
    includeMetadata: true as const,
    pollingIntervalSeconds: tuning.pollingIntervalSeconds,
  };
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(
      await boss.work<T>(queue, options, async ([job]) => {
        if (job) await handle(job);
      }),
    );
  }
  let next = 0;
  return {
    wake() {
      const id = ids[next++ % ids.length];
      if (id) boss.notifyWorker(id);
    },
  };
};
