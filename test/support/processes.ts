// Runs the real `node bin/incident-bot.js …` as child processes, the way an operator or a Kubernetes pod
// does: a controlled environment (PATH and HOME only, plus what the test sets), real ports, real signals.
// Every child is tracked; killAll() (from `after`) and an exit hook make sure none outlives the test file.
import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/incident-bot.js', import.meta.url));

/** A child's environment: nothing is inherited except what childEnv copies. */
export type Env = Record<string, string>;

/** PATH and HOME from this process, LOG_LEVEL=warn, then `vars`. */
export const childEnv = (vars: Env = {}): Env => {
  const env: Env = { LOG_LEVEL: 'warn' };
  for (const name of ['PATH', 'HOME'] as const) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...vars };
};

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Kills (SIGKILL) every child still running; for `after` hooks. */
export const killAll = async (): Promise<void> => {
  await Promise.all(
    [...live].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
};

const start = (args: string[], env: Env): ChildProcess => {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
};

interface Output {
  stdout: string;
  stderr: string;
}

const collect = (child: ChildProcess): Output => {
  const output = { stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output.stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output.stderr += chunk;
  });
  return output;
};

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

// 'close' rather than 'exit': it comes after stdout and stderr are fully read.
const closed = (child: ChildProcess): Promise<Exit> =>
  new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));

/** A finished command. */
export interface CliResult extends Exit, Output {
  /** Wall time from spawn to exit. */
  ms: number;
  timedOut: boolean;
}

/** Runs `incident-bot …args` to completion (SIGKILL after `timeoutMs`). */
export const runCli = async (args: string[], env: Env, { timeoutMs = 30_000 } = {}): Promise<CliResult> => {
  const started = performance.now();
  const child = start(args, env);
  const output = collect(child);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  const exit = await closed(child);
  clearTimeout(timer);
  return { ...exit, ...output, ms: Math.round(performance.now() - started), timedOut };
};

/** The stdout lines of a command, without the empty one after the final newline. */
export const lines = (text: string): string[] =>
  text.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1);

/** A TCP port nobody listens on right now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

/** A plain HTTP response. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** GET on a new connection (no keep-alive pool, so nothing of ours holds a server's socket open). */
export const httpGet = (url: string, headers: Record<string, string> = {}, timeoutMs = 5_000): Promise<HttpResponse> =>
  new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers, agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });

/** Resolves once nothing accepts connections on the port (true), or false at the deadline. */
export const waitUntilRefused = async (port: number, deadlineMs = 5_000): Promise<boolean> => {
  const until = performance.now() + deadlineMs;
  while (performance.now() < until) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
    });
    if (refused) return true;
    await sleep(50);
  }
  return false;
};

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A running `incident-bot serve`. */
export interface ServeProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly baseUrl: string;
  /** What it has printed so far. */
  readonly output: Output;
  /** Settles when the process has exited. */
  readonly exited: Promise<Exit>;
  /** Polls GET /readyz until 200; returns the milliseconds since spawn. Throws if it exits or misses the deadline. */
  waitReady(deadlineMs?: number): Promise<number>;
  /** Sends `signal` and waits for the exit (SIGKILL after `timeoutMs`); `ms` is from the signal to the exit. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<Exit & { ms: number; killed: boolean }>;
}

/** Spawns `incident-bot serve` on a free port (HOST=127.0.0.1) without waiting for it. */
export const spawnServe = async (env: Env): Promise<ServeProcess> => {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const spawnedAt = performance.now();
  const child = start(['serve'], { HOST: '127.0.0.1', ...env, PORT: String(port) });
  const output = collect(child);
  const exited = closed(child);
  let exit: Exit | null = null;
  void exited.then((value) => {
    exit = value;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const describe = () => `stdout:\n${output.stdout}\nstderr:\n${output.stderr}`;

  return {
    child,
    port,
    baseUrl,
    output,
    exited,
    async waitReady(deadlineMs = 15_000) {
      const until = spawnedAt + deadlineMs;
      for (;;) {
        if (exit)
          throw new Error(`serve exited (code ${exit.code}, signal ${exit.signal}) before ready\n${describe()}`);
        const status = await httpGet(`${baseUrl}/readyz`, {}, 2_000).then(
          (res) => res.status,
          () => 0,
        );
        const elapsed = Math.round(performance.now() - spawnedAt);
        if (status === 200) return elapsed;
        if (performance.now() > until) {
          throw new Error(
            `serve not ready within ${deadlineMs} ms (last /readyz: ${status || 'no answer'})\n${describe()}`,
          );
        }
        await sleep(100);
      }
    },
    async stop(signal = 'SIGTERM', timeoutMs = 15_000) {
      const sentAt = performance.now();
      if (exit) return { ...(exit as Exit), ms: 0, killed: false };
      child.kill(signal);
      let killed = false;
      const timer = setTimeout(() => {
        killed = true;
        child.kill('SIGKILL');
      }, timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      return { ...result, ms: Math.round(performance.now() - sentAt), killed };
    },
  };
};

/** A `serve` that has answered /readyz 200, `readyAfterMs` after it was spawned. */
export type ReadyServeProcess = ServeProcess & { readonly readyAfterMs: number };

/** Spawns `incident-bot serve` and waits for /readyz 200 (killing it if that fails). */
export const startServe = async (env: Env, deadlineMs = 15_000): Promise<ReadyServeProcess> => {
  const serve = await spawnServe(env);
  try {
    return Object.assign(serve, { readyAfterMs: await serve.waitReady(deadlineMs) });
  } catch (error) {
    await serve.stop('SIGKILL');
    throw error;
  }
};
