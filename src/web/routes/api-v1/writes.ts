// The write half of /api/v1 and the audit stream, as one router for app.ts to mount.
import { Router } from 'express';
import { actionRoutes } from './actions.ts';
import { eventRoutes } from './events.ts';
import { incidentWriteRoutes } from './incident-writes.ts';
import { timelineRoutes } from './timeline.ts';
import type { ApiWriteDeps } from './write-support.ts';

export type { ApiWriteDeps } from './write-support.ts';

/** PATCH incidents; timeline entries and actions one at a time; GET /events. */
export const apiWriteRoutes = (deps: ApiWriteDeps): Router =>
  Router().use(incidentWriteRoutes(deps), timelineRoutes(deps), actionRoutes(deps), eventRoutes(deps));
