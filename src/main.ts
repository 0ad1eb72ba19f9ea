// `serve`: open the database, listen at once (so liveness answers during a long migration), migrate,
// then report ready. SIGTERM stops accepting, lets in-flight requests finish, closes the pool, exits 0.
import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { assembleService, connectDatabase, createLogger } from './wiring.ts';

/** How long in-flight requests get after SIGTERM before their connections are cut. */
const DRAIN_MS = 5_000;
/** Past this the process exits regardless, well inside Kubernetes' default 30 s grace period. */
const HARD_STOP_MS = 10_000;

const listen = (server: Server, port: number, host: string): Promise<void> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

const describeStorage = (config: Config): string =>
  config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;

/** A running service and how to stop it. */
export interface Running {
  readonly server: Server;
  readonly logger: Logger;
  stop(signal?: string): Promise<void>;
}

/** Starts serving; resolves once listening and migrated. */
export const serve = async (config: Config, version: string): Promise<Running> => {
  const logger = createLogger(config);
  const database = await connectDatabase(config);
  // Ready means this process has run its own migration step, not merely that another pod has.
  let migrated = false;
  const isReady = async () => migrated && (await database.isReady());
  const service = assembleService(config, { database, logger, version, isReady, sandbox: true });
  const { app } = service;
  const server = createServer(app);
  let draining = false;
  // While draining, every response asks its client to hang up, so kept-alive connections (an
  // ingress holds them open) close as soon as their last request is answered.
  server.on('request', (_req, res) => {
    if (draining && !res.headersSent) res.setHeader('Connection', 'close');
  });
  await listen(server, config.port, config.host);
  logger.info({ port: config.port, host: config.host, storage: describeStorage(config) }, 'listening');
  if (service.sandbox) {
    const local = `http://localhost:${config.port}`;
    logger.info(
      { sandbox: `${local}/sandbox/`, pages: `${local}/` },
      `Sandbox mode: no Slack workspace is configured, so a sandbox Slack runs inside this process. Open ${local}/sandbox/ to report and run an incident, and ${local}/ for the incident pages. Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (see docs/slack-app.md) to connect a real workspace.`,
    );
  }

  await database.migrate();
  await service.startJobs();
  migrated = true;
  logger.info({ url: config.publicUrl }, 'ready');

  let stopping: Promise<void> | null = null;
  const stop = (signal = 'stop'): Promise<void> => {
    stopping ??= (async () => {
      logger.info({ signal }, 'draining');
      draining = true;
      const hardStop = setTimeout(() => {
        logger.error('shutdown took too long; exiting');
        process.exit(1);
      }, HARD_STOP_MS);
      hardStop.unref();
      // The sandbox's live event streams would hold their connections open for the whole drain.
      await service.sandbox?.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const drainTimer = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
      // Jobs stop once the last request is answered, so the events those requests stored are handled
      // here while the queue still runs; running jobs finish (or return to the queue for another
      // replica), and no new ones start here.
      await closed;
      await service.stopJobs();
      clearTimeout(drainTimer);
      await database.close();
      clearTimeout(hardStop);
      logger.info('stopped');
    })();
    return stopping;
  };
  return { server, logger, stop };
};
