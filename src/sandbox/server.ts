// The sandbox's own HTTP server for start(): a node:http server around the same handler a host app can mount.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxHandler } from './types.ts';

/** Starts listening; resolves with the server and its origin (`http://host:port`). */
export async function listen(
  handler: SandboxHandler,
  port: number,
  host: string,
): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => handler(req, res));
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
