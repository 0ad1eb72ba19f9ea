// An event that can never be recorded (a message over the length limit, a missing scope) is logged
// and acknowledged: failing it would only make Slack deliver it again, three times, to fail again.
import type { Logger } from 'pino';
import { isDomainError } from '../../../domain/index.ts';
import { ChatError } from '../../../usecases/index.ts';

/** Runs the listener's work; permanent failures are logged, others thrown so Slack's retry gets through. */
export const settle = async (logger: Logger, event: string, work: () => Promise<void>): Promise<void> => {
  try {
    await work();
  } catch (error) {
    const permanent = isDomainError(error) || (error instanceof ChatError && !error.retryable);
    if (!permanent) throw error;
    logger.warn({ err: error, event }, 'a Slack event could not be recorded');
  }
};
