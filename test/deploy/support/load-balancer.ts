// What stands between Slack and the pods in a cluster (ingress → Service): one URL that hands each request
// to the next backend in turn. The sandbox Slack posts its signed requests here, so commands, submissions
// and event redeliveries land on different replicas exactly as they would behind a Kubernetes Service.
// Bodies and headers pass through untouched (the Slack signature stays valid). A backend that refuses the
// connection or drops it mid-request (a killed pod) is skipped and the request goes to the next one, as a
// Service does once the endpoint is gone and as Slack does when it retries.
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A round-robin HTTP front for several backends. */
export interface LoadBalancer {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  setBackends(urls: readonly string[]): void;
  /** The next request whose body contains `marker` is also sent, at the same moment, to the following backend. */
  duplicate(marker: string): void;
  /** The next request whose body contains `marker` goes to backend `index` first. */
  routeTo(marker: string, index: number): void;
  /** Requests each backend answered (by index). */
  answered(): number[];
  /** Requests that had to move on from a backend that refused or dropped them. */
  failovers(): number;
  /** Duplicate deliveries, with the backends that got them and their statuses. */
  duplicates(): { backends: [number, number]; statuses: [number, number] }[];
  stop(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length']);

const forward = (base: string, method: string, path: string, headers: IncomingHttpHeaders, body: Buffer) =>
  new Promise<Answer>((resolve, reject) => {
    const outgoing: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) outgoing[name] = value;
    }
    outgoing['content-length'] = String(body.length);
    // A fresh connection every time: no pooled socket to a pod that has since died.
    const req = request(new URL(path, base), { method, headers: outgoing, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });

/** Starts the balancer on 127.0.0.1 (an ephemeral port). */
export const startLoadBalancer = async (): Promise<LoadBalancer> => {
  let backends: readonly string[] = [];
  let next = 0;
  let failovers = 0;
  const answered: number[] = [];
  const markers = new Set<string>();
  const routes = new Map<string, number>();
  const duplicates: { backends: [number, number]; statuses: [number, number] }[] = [];

  /** Sends to backend `first`, moving on to the following ones while they refuse or drop the request. */
  const send = async (first: number, method: string, path: string, headers: IncomingHttpHeaders, body: Buffer) => {
    let lastError: unknown;
    for (let attempt = 0; attempt < backends.length; attempt++) {
      const index = (first + attempt) % backends.length;
      try {
        const answer = await forward(backends[index] ?? '', method, path, headers, body);
        answered[index] = (answered[index] ?? 0) + 1;
        return { index, answer };
      } catch (error) {
        lastError = error;
        failovers++;
      }
    }
    throw lastError ?? new Error('no backends');
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const text = body.toString('utf8');
      const marker = [...markers].find((m) => text.includes(m));
      if (marker) markers.delete(marker);
      const routed = [...routes].find(([m]) => text.includes(m));
      if (routed) routes.delete(routed[0]);
      const first = routed ? routed[1] : next++ % Math.max(1, backends.length);
      try {
        const method = req.method ?? 'GET';
        const path = req.url ?? '/';
        const sent = send(first, method, path, req.headers, body);
        const twin = marker ? send(first + 1, method, path, req.headers, body) : null;
        const { answer, index } = await sent;
        if (twin) {
          // The duplicate's outcome is recorded, not returned: Slack shows the person one answer.
          void twin.then(
            (copy) => duplicates.push({ backends: [index, copy.index], statuses: [answer.status, copy.answer.status] }),
            () => duplicates.push({ backends: [index, -1], statuses: [answer.status, 0] }),
          );
        }
        const headers: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(answer.headers)) {
          if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
        }
        res.writeHead(answer.status, headers).end(answer.body);
      } catch {
        res.writeHead(502).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    setBackends(urls) {
      backends = [...urls];
    },
    duplicate(marker) {
      markers.add(marker);
    },
    routeTo(marker, index) {
      routes.set(marker, index);
    },
    answered: () => backends.map((_, i) => answered[i] ?? 0),
    failovers: () => failovers,
    duplicates: () => [...duplicates],
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
