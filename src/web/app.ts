// The Express app: probes, the API and (later) pages and Slack, with logging, metrics and problem+json.
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { ReadDeps, WriteDeps } from '../usecases/index.ts';
import type { WebAuth } from './auth/index.ts';
import { bearerAuth, type VerifyToken } from './middleware/bearer-auth.ts';
import { noteMount, requestMetrics } from './middleware/metrics.ts';
import { notFound, problemHandler } from './middleware/problem.ts';
import { requestLog } from './middleware/request-log.ts';
import { incidentRoutes } from './routes/api-v1/incidents.ts';
import { openApiRoutes } from './routes/api-v1/openapi.ts';
import { apiWriteRoutes } from './routes/api-v1/writes.ts';
import { type LegacyDeps, legacyRoutes } from './routes/core/index.ts';
import { healthRoutes } from './routes/health.ts';
import { type PageDeps, pageRoutes } from './routes/pages/index.ts';

/** What the web layer is handed by the composition root. */
export interface WebDeps {
  readonly logger: Logger;
  readonly registry: Registry;
  readonly publicUrl: string;
  readonly version: string;
  readonly read: ReadDeps;
  readonly write: WriteDeps;
  /** Brings Slack (the headline) up to date after a change made on the web or through the API. */
  readonly incidentChanged: (incidentId: number) => Promise<void>;
  readonly auth: WebAuth;
  readonly pages: PageDeps;
  readonly legacy: LegacyDeps;
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

  // Pages and JSON alike: no inline script or style, nothing from other origins, no framing.
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
        },
      },
    }),
  );
  app.use(deps.auth.routes);

  const api = express.Router();
  api.use(noteMount);
  api.use(bearerAuth(deps.verifyToken));
  api.use(incidentRoutes({ ...deps.read, publicUrl: deps.publicUrl }));
  api.use(
    apiWriteRoutes({
      ...deps.read,
      ...deps.write,
      publicUrl: deps.publicUrl,
      incidentChanged: (incidentId) => deps.incidentChanged(incidentId),
    }),
  );
  api.use(openApiRoutes(deps.publicUrl, deps.version));
  app.use('/api/v1', api);
  app.use(legacyRoutes(deps.legacy));
  app.use(pageRoutes(deps.pages, deps.auth));

  app.use(notFound);
  app.use(problemHandler);
  return app;
};
