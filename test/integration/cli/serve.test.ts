// `incident-bot serve` as a pod runs it: ready quickly on fresh storage, data kept across a restart,
// and SIGTERM finishing the request in flight before exiting 0 well inside Kubernetes' grace period.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import { freshDir, freshStorage, onPostgres, removeTempDirs } from '../../support/cli-storage.ts';
import {
  childEnv,
  httpGet,
  killAll,
  lines,
  type ReadyServeProcess,
  runCli,
  type ServeProcess,
  spawnServe,
  startServe,
  waitUntilRefused,
} from '../../support/processes.ts';

const READY_WITHIN_MS = 15_000;
const EXIT_WITHIN_MS = 10_000;

/** Creates a token with the CLI and returns it (the last line of stdout). */
const createToken = async (env: Record<string, string>, name: string): Promise<string> => {
  const result = await runCli(['token', 'create', '--name', name], env);
  assert.equal(result.code, 0, `token create exit code\n${result.stderr}`);
  const token = lines(result.stdout).at(-1) ?? '';
  assert.match(token, /^ibt_/);
  return token;
};

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * A request the server has begun to read (its headers are not finished), on a socket that, like a
 * keep-alive client or an ingress, stays open after the response. finish() sends the rest and resolves
 * with the complete response; a reset, an early close or a short body rejects.
 */
const startRequest = async (port: number, path: string, headers: Record<string, string>) => {
  const socket: Socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  let raw = Buffer.alloc(0);
  const done = new Promise<RawResponse>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no complete response within 10 s:\n${raw}`)), 10_000);
    const settle = (fn: () => void) => {
      clearTimeout(timer);
      fn();
    };
    socket.on('data', (chunk: Buffer) => {
      raw = Buffer.concat([raw, chunk]);
      const end = raw.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine = '', ...headerLines] = raw.subarray(0, end).toString('latin1').split('\r\n');
      const parsed = Object.fromEntries(
        headerLines.map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
      );
      const length = Number(parsed['content-length']);
      const body = raw.subarray(end + 4);
      if (Number.isFinite(length) && body.length >= length) {
        settle(() =>
          resolve({ status: Number(statusLine.split(' ')[1]), headers: parsed, body: body.toString('utf8') }),
        );
      }
    });
    socket.on('error', (error) => settle(() => reject(error)));
    socket.on('end', () => settle(() => reject(new Error(`connection closed before a complete response:\n${raw}`))));
  });
  done.catch(() => {});
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${head.join('')}`);
  return {
    socket,
    finish(): Promise<RawResponse> {
      socket.write('\r\n');
      return done;
    },
  };
};

describe('incident-bot serve', () => {
  after(async () => {
    await killAll();
    await removeTempDirs();
  });

  it(`on a brand-new DATA_DIR answers /healthz and /readyz 200 within ${READY_WITHIN_MS / 1000} s`, {
    timeout: 30_000,
  }, async (t) => {
    const dataDir = await freshDir();
    const serve = await spawnServe(childEnv({ DATA_DIR: dataDir }));
    try {
      const readyAfterMs = await serve.waitReady(READY_WITHIN_MS);
      t.diagnostic(`fresh DATA_DIR: ready after ${readyAfterMs} ms`);
      assert.equal((await httpGet(`${serve.baseUrl}/healthz`)).status, 200);
    } finally {
      await serve.stop('SIGKILL');
    }
  });

  it(`on fresh storage (${onPostgres() ? 'an empty PostgreSQL database' : 'an initialised, unmigrated DATA_DIR'}) answers /healthz and /readyz 200 within ${READY_WITHIN_MS / 1000} s`, {
    timeout: 30_000,
  }, async (t) => {
    const storage = await freshStorage();
    let serve: ServeProcess | undefined;
    try {
      serve = await spawnServe(childEnv(storage.env));
      const readyAfterMs = await serve.waitReady(READY_WITHIN_MS);
      t.diagnostic(`${storage.kind}: /readyz 200 after ${readyAfterMs} ms`);
      assert.ok(readyAfterMs <= READY_WITHIN_MS, `ready after ${readyAfterMs} ms`);
      const health = await httpGet(`${serve.baseUrl}/healthz`);
      assert.equal(health.status, 200, `/healthz ${readyAfterMs} ms after start: ${health.body}`);
      const ready = await httpGet(`${serve.baseUrl}/readyz`);
      assert.equal(ready.status, 200, `/readyz ${readyAfterMs} ms after start: ${ready.body}`);
      assert.deepEqual(JSON.parse(ready.body), { status: 'ready' });
    } finally {
      await serve?.stop('SIGKILL');
      await storage.dispose();
    }
  });

  it('keeps its data across a restart: a token made while stopped works, and its use is remembered', {
    timeout: 90_000,
  }, async (t) => {
    const storage = await freshStorage();
    const env = childEnv(storage.env);
    let serve: ReadyServeProcess | undefined;
    try {
      serve = await startServe(env);
      t.diagnostic(`first start: ready after ${serve.readyAfterMs} ms`);
      const first = await serve.stop();
      assert.equal(first.code, 0, `first serve exit code\n${serve.output.stderr}`);

      const token = await createToken(env, 'after-restart');

      serve = await startServe(env);
      t.diagnostic(`restart: ready after ${serve.readyAfterMs} ms`);
      const res = await httpGet(`${serve.baseUrl}/api/v1/incidents`, { authorization: `Bearer ${token}` });
      assert.equal(res.status, 200, `the token made while serve was stopped: ${res.body}`);
      const second = await serve.stop();
      assert.equal(second.code, 0, `second serve exit code\n${serve.output.stderr}`);

      // serve wrote last_used_at; a third process reads it back.
      const list = await runCli(['token', 'list'], env);
      assert.equal(list.code, 0, `token list exit code\n${list.stderr}`);
      const row = lines(list.stdout).find((line) => line.startsWith('after-restart\t'));
      assert.ok(row, `listed:\n${list.stdout}`);
      assert.match(row, /\tlast used \d{4}-\d\d-\d\dT[\d:.]+Z\tactive$/, `used and active:\n${list.stdout}`);
    } finally {
      await serve?.stop('SIGKILL');
      await storage.dispose();
    }
  });

  describe('SIGTERM with a request in flight', () => {
    let drained: { response: RawResponse; refusedAfterMs: number; respondedAfterMs: number; exitMs: number } | null =
      null;

    it(`stops accepting, answers the request in full, and exits 0 within ${EXIT_WITHIN_MS / 1000} s`, {
      timeout: 60_000,
    }, async (t) => {
      const storage = await freshStorage();
      const env = childEnv(storage.env);
      let serve: ServeProcess | undefined;
      let socket: Socket | undefined;
      try {
        const token = await createToken(env, 'in-flight');
        serve = await startServe(env);
        const request = await startRequest(serve.port, '/api/v1/incidents', { authorization: `Bearer ${token}` });
        socket = request.socket;
        // Let the server read the first half of the request before the signal.
        await new Promise((resolve) => setTimeout(resolve, 200));

        const signalledAt = performance.now();
        const stopping = serve.stop('SIGTERM', 15_000);
        const refused = await waitUntilRefused(serve.port, 5_000);
        const refusedAfterMs = Math.round(performance.now() - signalledAt);
        assert.ok(refused, 'after SIGTERM the port stops accepting new connections');

        const response = await request.finish();
        const respondedAfterMs = Math.round(performance.now() - signalledAt);
        assert.equal(response.status, 200, `the in-flight request: ${response.body}`);
        assert.deepEqual(JSON.parse(response.body), { items: [], nextCursor: null }, 'a complete JSON body');

        const exit = await stopping;
        t.diagnostic(
          `${storage.kind}: refused new connections ${refusedAfterMs} ms after SIGTERM, ` +
            `answered the in-flight request at ${respondedAfterMs} ms, exited (code ${exit.code}) at ${exit.ms} ms`,
        );
        assert.equal(exit.code, 0, `exit code (signal ${exit.signal}, killed ${exit.killed})\n${serve.output.stderr}`);
        assert.ok(exit.ms <= EXIT_WITHIN_MS, `exited ${exit.ms} ms after SIGTERM`);
        drained = { response, refusedAfterMs, respondedAfterMs, exitMs: exit.ms };
      } finally {
        socket?.destroy();
        await serve?.stop('SIGKILL');
        await storage.dispose();
      }
    });

    it('does not wait out the keep-alive timeout: the drained response says Connection: close and exit follows at once', () => {
      assert.ok(drained, 'needs the previous test');
      assert.equal(
        drained.response.headers.connection,
        'close',
        `headers: ${JSON.stringify(drained.response.headers)}`,
      );
      assert.ok(
        drained.exitMs - drained.respondedAfterMs <= 2_000,
        `exited ${drained.exitMs - drained.respondedAfterMs} ms after the last response`,
      );
    });
  });
});
