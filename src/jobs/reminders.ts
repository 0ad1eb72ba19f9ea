// Reminders on pg-boss. Every replica asks for a "tick" a few times a period; the singleton key
// and slot (singletonSeconds, on the database's clock) let one tick per period into the queue
// across all replicas, and whichever replica's worker takes it sends what is due. Ticks never
// retry: the next one comes a period later. Two ticks that overlap (a slow Slack) are safe too,
// because each reminder is claimed in the database before it is posted.
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { type ReminderDeps, sendDueReminders } from '../usecases/index.ts';
import { type QueueTuning, racingSetUp } from './queue.ts';

const TICK = 'reminders-tick';
const DEFAULT_TICK_SECONDS = 30;
// Asking twice a period means a timer that drifts, or a replica that starts mid-period, never leaves a period out.
const ASKS_PER_PERIOD = 2;

/** The running reminder tick; stop it before stopping pg-boss. */
export interface ReminderJobs {
  stop(): void;
}

/** Creates the tick queue, starts its worker and this replica's timer. */
export const startReminders = async (
  boss: PgBoss,
  deps: ReminderDeps & { readonly logger: Logger },
  tuning: QueueTuning,
): Promise<ReminderJobs> => {
  const { logger } = deps;
  const seconds = Math.max(1, Math.round(tuning.reminderTickSeconds ?? DEFAULT_TICK_SECONDS));
  await racingSetUp(() =>
    boss.createQueue(TICK, { name: TICK, retryLimit: 0, expireInSeconds: Math.max(60, seconds * 10) }),
  );

  const workerId = await boss.work(
    TICK,
    { batchSize: 1, pollingIntervalSeconds: tuning.pollingIntervalSeconds },
    async () => {
      const pass = await sendDueReminders(deps).catch((error: unknown) => {
        logger.warn({ err: error }, 'reminder pass failed; the next tick tries again');
        throw error;
      });
      for (const { incidentId, kind, seq } of pass.sent) logger.info({ incidentId, kind, seq }, 'reminder sent');
      for (const { reminder, error } of pass.failed) {
        const { incidentId, kind, seq } = reminder;
        logger.warn({ err: error, incidentId, kind, seq }, 'reminder not sent; trying again next tick');
      }
    },
  );

  let stopped = false;
  const ask = async () => {
    if (stopped) return;
    try {
      const id = await boss.send(TICK, {}, { singletonKey: TICK, singletonSeconds: seconds });
      // This replica made the period's tick: run it now rather than at the worker's next poll.
      if (id) boss.notifyWorker(workerId);
    } catch (error) {
      if (!stopped) logger.warn({ err: error }, 'could not queue the reminder tick');
    }
  };
  const timer = setInterval(() => void ask(), (seconds * 1000) / ASKS_PER_PERIOD);
  timer.unref();
  boss.once('stopped', () => {
    stopped = true;
    clearInterval(timer);
  });
  await ask();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
};
