// The load side of bench/slack-ack, in its own process so autocannon never shares an event loop
// with the server it measures. The parent sends one `run` message per phase with the pre-signed
// requests; every connection takes the next unused one from a shared counter, so no trigger id or
// event_id goes out twice until the pool runs out (the count beyond it is reported as `reused`).
import autocannon from 'autocannon';
import { type Summary, summarize } from './stats.ts';

/** A pre-signed request: everything autocannon writes on the wire. */
export interface PreparedRequest {
  readonly kind: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** One phase of load. */
export interface LoadRun {
  readonly type: 'run';
  readonly url: string;
  readonly connections: number;
  readonly durationSeconds: number;
  /** Requests per second across all connections; absent for an unthrottled (saturation) run. */
  readonly overallRate?: number;
  readonly pool: readonly PreparedRequest[];
}

/** What a phase measured, latencies from every response (autocannon's own histogram is whole ms). */
export interface LoadResult {
  readonly type: 'result';
  readonly seconds: number;
  readonly sent: number;
  readonly responses: number;
  readonly ok: number;
  readonly statuses: Record<string, number>;
  readonly errors: number;
  readonly timeouts: number;
  readonly latency: Summary;
  /** Latency by kind of request (`command`, `pin`). */
  readonly byKind: Record<string, Summary>;
  readonly throughput: number;
  /** Requests sent after the pool was used up (so a trigger id or event_id went out again). */
  readonly reused: number;
}

const run = (job: LoadRun): Promise<LoadResult> =>
  new Promise((resolve, reject) => {
    let next = 0;
    const latencies: number[] = [];
    const byKind: Record<string, number[]> = {};
    const statuses: Record<string, number> = {};
    // autocannon calls onResponse with the answered request's context just before it emits
    // 'response' with the timing, in the same tick; the kind rides along in the context.
    let answeredKind = '';
    const take = (request: autocannon.Request, context: Record<string, unknown>): autocannon.Request => {
      const prepared = job.pool[next++ % job.pool.length] as PreparedRequest;
      context.kind = prepared.kind;
      return { ...request, method: 'POST', path: prepared.path, headers: prepared.headers, body: prepared.body };
    };
    const started = process.hrtime.bigint();
    const instance = autocannon(
      {
        url: job.url,
        connections: job.connections,
        duration: job.durationSeconds,
        timeout: 10,
        ...(job.overallRate ? { overallRate: job.overallRate } : {}),
        requests: [
          {
            setupRequest: take,
            onResponse: (_status, _body, context) => {
              answeredKind = String(context.kind);
            },
          },
        ],
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const ok = Object.entries(statuses)
          .filter(([code]) => code.startsWith('2'))
          .reduce((sum, [, count]) => sum + count, 0);
        resolve({
          type: 'result',
          seconds,
          sent: result.requests.sent,
          responses: latencies.length,
          ok,
          statuses,
          errors: result.errors,
          timeouts: result.timeouts,
          latency: summarize(latencies),
          byKind: Object.fromEntries(Object.entries(byKind).map(([kind, samples]) => [kind, summarize(samples)])),
          throughput: ok / job.durationSeconds,
          reused: Math.max(0, next - job.pool.length),
        });
      },
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
      const samples = byKind[answeredKind] ?? [];
      samples.push(responseTime);
      byKind[answeredKind] = samples;
      answeredKind = '';
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });

process.on('message', (message: LoadRun | { type: 'exit' }) => {
  if (message.type === 'exit') {
    process.disconnect();
    return;
  }
  run(message).then(
    (result) => process.send?.(result),
    (error: unknown) => process.send?.({ type: 'error', message: String(error) }),
  );
});
