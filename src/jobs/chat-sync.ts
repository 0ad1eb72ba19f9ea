// The job that keeps Slack in step with an incident. Queued after every change and started at
// once on the replica that queued it (polling is only the fallback), retried with backoff, and
// swept for every minute in case a process died between storing a change and queueing its job.
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import {
  ChatError,
  type ChatSyncDeps,
  ChatSyncStepError,
  reportChatFailure,
  syncIncidentChat,
} from '../usecases/index.ts';
import { type QueueTuning, racingSetUp, startWorkers } from './queue.ts';

const SYNC = 'slack-sync-incident';
const SWEEP = 'slack-sync-sweep';
// Parallel syncs per replica; each holds a per-incident lease, so they never collide.
const WORKERS = 4;
// After a busy lease, look again shortly; the running sync may have missed the newest change.
const BUSY_RETRY_SECONDS = 2;
const SWEEP_BATCH = 50;

interface SyncData {
  readonly incidentId: number;
}

/** Starting the Slack sync of an incident, from any adapter. */
export interface ChatSyncJobs {
  /** Queues a sync (dropped if one is already waiting: it will see this change too) and wakes a worker. */
  incidentChanged(incidentId: number): Promise<void>;
}

/** What failed, in words for the person who reported the incident. */
const describeFailure = (error: unknown): string => {
  if (error instanceof ChatSyncStepError) {
    const code = error.cause instanceof ChatError ? error.cause.code : 'an unexpected error';
    return `${error.step} (${code})`;
  }
  return `bringing Slack up to date (${error instanceof Error ? error.message : String(error)})`;
};

const isPermanent = (error: unknown): boolean =>
  error instanceof ChatSyncStepError && error.cause instanceof ChatError && !error.cause.retryable;

/** Creates the queues, starts the workers and the sweep, and returns how to queue a sync. */
export const startChatSync = async (
  boss: PgBoss,
  deps: ChatSyncDeps & { readonly logger: Logger; readonly holder: string },
  tuning: QueueTuning,
): Promise<ChatSyncJobs> => {
  const { logger } = deps;
  await racingSetUp(() =>
    boss.createQueue(SYNC, {
      name: SYNC,
      // 'short': at most one waiting job per incident; a running one does not block the next.
      policy: 'short',
      retryLimit: tuning.retryLimit,
      retryDelay: tuning.retryDelaySeconds,
      retryBackoff: true,
    }),
  );
  await racingSetUp(() => boss.createQueue(SWEEP, { name: SWEEP, policy: 'singleton' }));

  const send = (incidentId: number, startAfter?: number) =>
    boss.send(SYNC, { incidentId } satisfies SyncData, {
      singletonKey: String(incidentId),
      ...(startAfter ? { startAfter } : {}),
    });

  const workers = await startWorkers<SyncData>(boss, SYNC, WORKERS, tuning, async (job) => {
    const { incidentId } = job.data;
    try {
      const result = await syncIncidentChat(deps, {
        incidentId,
        // One lease holder per job run: two workers of this process must exclude each other too.
        holder: `${deps.holder}:${job.id}`,
      });
      if (result === 'busy') await send(incidentId, BUSY_RETRY_SECONDS);
    } catch (error) {
      const last = job.retryCount >= job.retryLimit;
      logger.warn({ err: error, incidentId, attempt: job.retryCount + 1, last }, 'Slack sync failed');
      if (!last && !isPermanent(error)) throw error;
      await reportChatFailure(deps, { incidentId, what: describeFailure(error) });
    }
  });

  await boss.work(SWEEP, async () => {
    for (const incidentId of await deps.chatState.behind(SWEEP_BATCH)) await send(incidentId);
  });
  await racingSetUp(() => boss.schedule(SWEEP, '* * * * *'));

  return {
    async incidentChanged(incidentId) {
      await send(incidentId);
      // Wake one worker now instead of waiting for its next poll.
      workers.wake();
    },
  };
};
