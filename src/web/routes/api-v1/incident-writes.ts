// PATCH /api/v1/incidents/:id — edit fields and move the status, through the same use cases as Slack.
import { type Request, type Response, Router } from 'express';
import type { Actor, IncidentPatch, Status, StoredIncidentEvent } from '../../../domain/index.ts';
import {
  getIncident,
  type IncidentView,
  reopenIncident,
  resolveIncident,
  setStatus,
  updateIncident,
} from '../../../usecases/index.ts';
import { jsonBody, parseBody, parseParams } from '../../middleware/validate.ts';
import { presentIncident } from '../../presenters/present.ts';
import { IncidentPatchBody } from './bodies.ts';
import { IncidentIdParams } from './queries.ts';
import { type ApiWriteDeps, actorOf, announceChange } from './write-support.ts';

/**
 * The intent behind a status in a PATCH: resolving (refused with 409 when already resolved),
 * reopening a resolved incident, or moving an open one along.
 */
const moveStatus = (deps: ApiWriteDeps, current: IncidentView, status: Status, actor: Actor) => {
  const incidentId = current.id;
  if (status === 'resolved') return resolveIncident(deps, { incidentId, actor });
  if (current.status === 'resolved') return reopenIncident(deps, { incidentId, actor, status });
  return setStatus(deps, { incidentId, status, actor });
};

/** PATCH for incidents. */
export const incidentWriteRoutes = (deps: ApiWriteDeps): Router => {
  const router = Router();

  router.patch('/incidents/:id', jsonBody, async (req: Request, res: Response) => {
    const { id } = parseParams(IncidentIdParams, req);
    const { status, lead, ...fields } = parseBody(IncidentPatchBody, req);
    const actor = actorOf(res);
    const current = await getIncident(deps, id);
    const events: StoredIncidentEvent[] = [];
    // Status first: it is the step that can conflict (409), and the body is fully validated, so
    // when it is refused nothing at all has changed.
    if (status !== undefined) events.push(...(await moveStatus(deps, current, status, actor)).events);
    const patch: IncidentPatch = Object.fromEntries(
      Object.entries({ ...fields, leadId: lead }).filter(([, value]) => value !== undefined),
    );
    if (Object.keys(patch).length > 0) {
      events.push(...(await updateIncident(deps, { incidentId: id, patch, actor })).events);
    }
    await announceChange(deps, req, id, events);
    res.json(presentIncident(await getIncident(deps, id), deps.publicUrl));
  });

  return router;
};
