// The sandbox's HTTP side: the Web API under /api/ and response_urls under /response/.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveWebApi } from './api/web-api.ts';
import { sendJson } from './http-util.ts';
import { serveResponseUrl } from './response-url.ts';
import type { Workspace } from './state.ts';

/** Starts listening; resolves with the server and its origin (`http://host:port`). */
export async function listen(ws: Workspace, port: number, host: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
    const api = /^\/api\/([\w.]+)$/.exec(path);
    const response = /^\/response\/([\w-]+)$/.exec(path);
    const work =
      api && (req.method === 'POST' || req.method === 'GET')
        ? serveWebApi(ws, api[1] as string, req, res)
        : response && req.method === 'POST'
          ? serveResponseUrl(ws, response[1] as string, req, res)
          : Promise.resolve(sendJson(res, 404, { ok: false, error: 'not_found' }));
    work.catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 400, { ok: false, error: 'invalid_request', detail: String(error) });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { server, origin: `http://${hostPart}:${address.port}` };
}

/** Stops accepting and drops open connections (undici keeps keep-alive ones open), then waits. */
export async function close(server: Server): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
