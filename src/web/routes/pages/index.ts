// The web pages: incidents list, incident page, curation, report, insights (the web issue).
import { Router } from 'express';
import type { WebAuth } from '../../auth/index.ts';

/** Dependencies of the pages beyond WebDeps, filled in with the pages. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in with the pages
export interface PageDeps {}

/** The page routes, behind `auth.requireUser`. */
export const pageRoutes = (_deps: PageDeps, _auth: WebAuth): Router => Router();
