// The web pages: incidents list, incident page, curation, report, insights. Server-rendered with
// Nunjucks and GOV.UK Frontend; every page behind `auth.requireUser`, every form posting `_csrf`
// through `auth.verifyCsrf`. Unknown incidents get a 404 page, failures a 500 page (HTML, not JSON).
import express, { type ErrorRequestHandler, type Request, type RequestHandler, Router } from 'express';
import { isDomainError } from '../../../domain/index.ts';
import type { WebAuth } from '../../auth/index.ts';
import { assetVersion, createTemplates } from '../../render/templates.ts';
import { actionRoutes } from './actions.ts';
import { assetRoutes } from './assets.ts';
import type { PageDeps } from './deps.ts';
import { incidentRoutes } from './incident.ts';
import { incidentFieldRoutes } from './incident-fields.ts';
import { incidentListRoutes } from './incident-list.ts';
import { insightsRoutes } from './insights.ts';
import { createKit, PageNotFound } from './kit.ts';
import { reportRoutes } from './report.ts';
import { timelineRoutes } from './timeline.ts';

export type { PageDeps } from './deps.ts';

const NOT_FOUND_CODES = new Set(['incident_not_found', 'timeline_entry_not_found', 'action_not_found']);

/** A browser asking for a page (not an API client, which gets problem+json from the app). */
const prefersHtml = (req: Request): boolean =>
  (req.method === 'GET' || req.method === 'HEAD') &&
  !/^\/(api|core|slack)(\/|$)/.test(req.path) &&
  req.accepts(['json', 'html']) === 'html';

/** The page routes, behind `auth.requireUser`. */
export const pageRoutes = (deps: PageDeps, auth: WebAuth): Router => {
  const templates = createTemplates();
  const kit = createKit(deps, templates, assetVersion());
  const router = Router();
  const read: readonly RequestHandler[] = [auth.requireUser];
  // Forms post urlencoded bodies; verifyCsrf checks the token against the session before any handler.
  const write: readonly RequestHandler[] = [
    auth.requireUser,
    express.urlencoded({ extended: false, limit: '100kb' }),
    auth.verifyCsrf,
  ];

  router.use(assetRoutes());
  router.use(incidentListRoutes(kit, read));
  router.use(incidentRoutes(kit, read));
  router.use(incidentFieldRoutes(kit, read, write));
  router.use(timelineRoutes(kit, read, write));
  router.use(actionRoutes(kit, read, write));
  router.use(reportRoutes(kit, read));
  router.use(insightsRoutes(kit, read));

  // Any other address a browser asks for: the 404 page (API clients fall through to problem+json).
  router.use((req, res, next) => {
    if (!prefersHtml(req)) return next();
    kit.render(res, 'pages/error.njk', { pageTitle: 'Page not found', status: 404 }, 404);
  });

  const pageErrors: ErrorRequestHandler = (error, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof PageNotFound || (isDomainError(error) && NOT_FOUND_CODES.has(error.code))) {
      return kit.render(
        res,
        'pages/error.njk',
        { pageTitle: 'Page not found', status: 404, detail: error.message },
        404,
      );
    }
    req.log?.error({ err: error }, 'page failed');
    kit.render(
      res,
      'pages/error.njk',
      { pageTitle: 'Sorry, there is a problem with the service', status: 500, requestId: String(req.id ?? '') },
      500,
    );
  };
  router.use(pageErrors);
  return router;
};
