// The demo the host app gave (SandboxOptions.demo), run in the background one at a time; the page shows
// whether it is playing, and why it stopped if it failed.
import { changed, type Workspace } from '../state.ts';
import { readable } from './action-checks.ts';

/** The demo the host app gave (SandboxOptions.demo), run in the background one at a time. */
export interface DemoRunner {
  status(): { running: boolean; error: string | null };
  /** Starts a run; false when one is already running. */
  start(): boolean;
}

/** Runs `demo` in the background; the UI sees running/error in its state. */
export function demoRunner(ws: Workspace, demo: () => Promise<unknown>): DemoRunner {
  let running = false;
  let error: string | null = null;
  return {
    status: () => ({ running, error }),
    start() {
      if (running) return false;
      running = true;
      error = null;
      changed(ws);
      demo()
        .catch((e: unknown) => {
          error = `The demo stopped: ${readable(e)}`;
        })
        .finally(() => {
          running = false;
          changed(ws);
        });
      return true;
    },
  };
}
