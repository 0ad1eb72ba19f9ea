// The baseline: a bare node:http server that reads the body, checks Slack's v0 signature with the
// bot's own verifySlackSignature, and answers 200 (401 when the signature is wrong). It is the floor
// for what any Slack endpoint in Node costs on this machine.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySlackSignature } from '../src/slack/verify-signature.ts';

/** A listening bare server and how to stop it. */
export interface BareServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts the bare verifier on an ephemeral port. */
export const startBareServer = async (signingSecret: string): Promise<BareServer> => {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const header = (name: string) => {
        const value = req.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      const verdict = verifySlackSignature(
        signingSecret,
        {
          timestamp: header('x-slack-request-timestamp'),
          signature: header('x-slack-signature'),
          rawBody: Buffer.concat(chunks),
        },
        Date.now(),
      );
      res.statusCode = verdict === 'ok' ? 200 : 401;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
