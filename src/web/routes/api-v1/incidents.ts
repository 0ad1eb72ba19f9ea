// GET /api/v1/incidents[/:id[/timeline|/actions]]: thin routes, one use case each, presenters out.
import { Router } from 'express';
import { getActions, getIncident, getTimeline, listIncidents, type ReadDeps } from '../../../usecases/index.ts';
import { parseParams, parseQuery } from '../../middleware/validate.ts';
import { presentAction, presentIncident, presentTimelineEntry } from '../../presenters/present.ts';
import { encodeCursor } from './cursor.ts';
import { IncidentIdParams, IncidentListQuery, TimelineQuery } from './queries.ts';

/** The read routes for incidents and their timeline and actions. */
export const incidentRoutes = (deps: ReadDeps & { publicUrl: string }): Router => {
  const router = Router();

  router.get('/incidents', async (req, res) => {
    const query = parseQuery(IncidentListQuery, req);
    const page = await listIncidents(deps, {
      filter: { status: query.status, severity: query.severity, kind: query.kind, q: query.q },
      limit: query.limit,
      after: query.cursor ?? null,
    });
    res.json({
      items: page.items.map((incident) => presentIncident(incident, deps.publicUrl)),
      nextCursor: page.next ? encodeCursor(page.next) : null,
    });
  });

  router.get('/incidents/:id', async (req, res) => {
    const { id } = parseParams(IncidentIdParams, req);
    res.json(presentIncident(await getIncident(deps, id), deps.publicUrl));
  });

  router.get('/incidents/:id/timeline', async (req, res) => {
    const { id } = parseParams(IncidentIdParams, req);
    const { hidden } = parseQuery(TimelineQuery, req);
    const entries = await getTimeline(deps, { incidentId: id, includeHidden: hidden === 'include' });
    res.json({ items: entries.map(presentTimelineEntry) });
  });

  router.get('/incidents/:id/actions', async (req, res) => {
    const { id } = parseParams(IncidentIdParams, req);
    res.json({ items: (await getActions(deps, id)).map(presentAction) });
  });

  return router;
};
