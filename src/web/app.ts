// The Express app: probes, the API and (later) pages and Slack, with logging, metrics and problem+json.
import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { ReadDeps } from '../usecases/index.ts';
import { bearerAuth, type VerifyToken } from './middleware/bearer-auth.ts';
import { noteMount, requestMetrics } from './middleware/metrics.ts';
import { notFound, problemHandler } from './middleware/problem.ts';
import { requestLog } from './middleware/request-log.ts';
import { incidentRoutes } from './routes/api-v1/incidents.ts';
import { openApiRoutes } from './routes/api-v1/openapi.ts';
import { healthRoutes } from './routes/health.ts';

/** What the web layer is handed by the composition root. */
export interface WebDeps {
  readonly logger: Logger;
  readonly registry: Registry;
  readonly publicUrl: string;
  readonly version: string;
  readonly read: ReadDeps;
  readonly isReady: () => Promise<boolean>;
  readonly verifyToken: VerifyToken;
  /** Mounted before the API; Slack's receiver arrives here (it needs the raw body, so it goes first). */
  readonly mounts?: readonly { readonly path: string; readonly handler: RequestHandler | express.Router }[];
}

/** Builds the app; listening is the caller's business (tests use an ephemeral port). */
export const createWebApp = (deps: WebDeps): Express => {
  const app = express();
  app.disable('x-powered-by');
  // Behind an ingress or app proxy: trust its X-Forwarded-* so req.ip and req.protocol are the client's.
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.use(requestLog(deps.logger));
  app.use(requestMetrics(deps.registry));
  app.use(healthRoutes({ isReady: deps.isReady, registry: deps.registry }));
  for (const mount of deps.mounts ?? []) app.use(mount.path, mount.handler);

  const api = express.Router();
  api.use(noteMount);
  api.use(bearerAuth(deps.verifyToken));
  api.use(incidentRoutes({ ...deps.read, publicUrl: deps.publicUrl }));
  api.use(openApiRoutes(deps.publicUrl, deps.version));
  app.use('/api/v1', api);

  app.use(notFound);
  app.use(problemHandler);
  return app;
};
