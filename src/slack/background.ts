// Work the bot started after answering Slack (an event being handled, a modal being opened): it is
// counted, so a graceful shutdown can wait for it and a test can wait until the bot is quiet.

/** Runs work after the answer and knows when none is left. */
export interface BackgroundWork {
  /** Starts `work` now; its failure is the caller's to handle inside `work` (a rejection is only logged). */
  run(work: () => Promise<void>): void;
  /** How much is running. */
  readonly running: number;
  /** Resolves once nothing is running (at once if nothing is). */
  idle(): Promise<void>;
}

/** A counter of running work with waiters for the moment it reaches zero. */
export const createBackgroundWork = (onError: (error: unknown) => void): BackgroundWork => {
  let running = 0;
  let waiters: (() => void)[] = [];
  const finished = () => {
    running--;
    if (running > 0) return;
    const ready = waiters;
    waiters = [];
    for (const wake of ready) wake();
  };
  return {
    run(work) {
      running++;
      void work().catch(onError).finally(finished);
    },
    get running() {
      return running;
    },
    idle: () => (running === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
};
