// GET /api/v1/events — the audit stream: every stored change, oldest first, from a position.
import { Router } from 'express';
import { listEvents, type ReadDeps } from '../../../usecases/index.ts';
import { parseQuery } from '../../middleware/validate.ts';
import { presentEvent } from '../../presenters/present.ts';
import { EventsQuery } from './queries.ts';

/** The audit stream route. */
export const eventRoutes = (deps: ReadDeps): Router =>
  Router().get('/events', async (req, res) => {
    const { since, limit } = parseQuery(EventsQuery, req);
    const events = await listEvents(deps, { afterId: since, limit });
    res.json({ items: events.map(presentEvent), nextSince: events.at(-1)?.id ?? since });
  });
