// Names for Slack user ids, looked up off the request path: a listener that sees an unknown person
// queues a lookup (durably, before Slack gets its answer) and a worker asks Slack's users.info and
// keeps the answer. One waiting lookup per person (singletonKey = user id), retried with backoff.
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import {
  ChatError,
  type PeopleDirectory,
  type PeopleLookups,
  type PeopleStore,
  rememberPerson,
} from '../usecases/index.ts';
import { type QueueTuning, racingSetUp, startWorkers } from './queue.ts';

const LOOKUP = 'slack-people-lookup';
// users.info is Tier 4 (100+ a minute, §5): two workers stay well inside it.
const WORKERS = 2;

interface LookupData {
  readonly userId: string;
}

/** What the lookup workers need. */
export interface PeopleJobDeps {
  readonly people: Pick<PeopleStore, 'save'>;
  readonly directory: PeopleDirectory;
  readonly logger: Logger;
}

/** Person lookups that can be handed out before the queue runs, and the way to start it. */
export interface PeopleJobs {
  /** Usable at once; resolves when the lookups are queued, which waits until `start` has run. */
  readonly lookups: PeopleLookups;
  start(boss: PgBoss, deps: PeopleJobDeps, tuning: QueueTuning): Promise<void>;
}

/** Creates the people queue; listeners get `lookups` now, the workers start with the other jobs. */
export const createPeopleJobs = (): PeopleJobs => {
  let started!: (lookups: PeopleLookups) => void;
  const ready = new Promise<PeopleLookups>((resolve) => {
    started = resolve;
  });
  return {
    lookups: { lookUp: async (userIds) => (await ready).lookUp(userIds) },
    async start(boss, deps, tuning) {
      started(await startPeopleLookups(boss, deps, tuning));
    },
  };
};

/** Creates the queue and its workers, and returns how to queue lookups. */
const startPeopleLookups = async (boss: PgBoss, deps: PeopleJobDeps, tuning: QueueTuning): Promise<PeopleLookups> => {
  const { logger } = deps;
  await racingSetUp(() =>
    boss.createQueue(LOOKUP, {
      name: LOOKUP,
      // 'short': at most one waiting lookup per person; a running one does not block the next.
      policy: 'short',
      retryLimit: tuning.retryLimit,
      retryDelay: tuning.retryDelaySeconds,
      retryBackoff: true,
    }),
  );
  const workers = await startWorkers<LookupData>(boss, LOOKUP, WORKERS, tuning, async (job) => {
    const { userId } = job.data;
    try {
      const person = await rememberPerson(deps, userId);
      if (!person) logger.info({ userId }, 'Slack does not know this user id; pages keep showing the id');
    } catch (error) {
      const last = job.retryCount >= job.retryLimit;
      logger.warn({ err: error, userId, attempt: job.retryCount + 1, last }, 'looking up a Slack user failed');
      // A missing scope or a revoked token will not fix itself: stop, the id shows until next time.
      if (!(error instanceof ChatError && !error.retryable)) throw error;
    }
  });
  return {
    async lookUp(userIds) {
      for (const userId of userIds) {
        await boss.send(LOOKUP, { userId } satisfies LookupData, { singletonKey: userId });
      }
      if (userIds.length > 0) workers.wake();
    },
  };
};
