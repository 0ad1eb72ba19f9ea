// Timeline entries one at a time: read, add, edit, hide. Entries are never destroyed: DELETE hides.
import { type Request, type Response, Router } from 'express';
import type { StoredIncidentEvent } from '../../../domain/index.ts';
import {
  addTimelineEntry,
  editTimelineEntry,
  getTimelineEntry,
  hideTimelineEntry,
  type ReadDeps,
  type TimelineEntryView,
} from '../../../usecases/index.ts';
import { jsonBody, parseBody, parseParams } from '../../middleware/validate.ts';
import { presentTimelineEntry } from '../../presenters/present.ts';
import { NewTimelineEntryBody, TimelineEntryPatchBody } from './bodies.ts';
import { IncidentIdParams, TimelineEntryParams } from './queries.ts';
import { type ApiWriteDeps, actorOf, announceChange } from './write-support.ts';

/** One entry as the timeline shows it (author named), hidden or not. */
const entryView = async (deps: ReadDeps, incidentId: number, entryId: number): Promise<TimelineEntryView> =>
  (await getTimelineEntry(deps, { incidentId, entryId })).entry;

/** The timeline entry routes under /incidents/:id/timeline. */
export const timelineRoutes = (deps: ApiWriteDeps): Router => {
  const router = Router();

  router.get('/incidents/:id/timeline/:entryId', async (req, res) => {
    const { id, entryId } = parseParams(TimelineEntryParams, req);
    res.json(presentTimelineEntry(await entryView(deps, id, entryId)));
  });

  router.post('/incidents/:id/timeline', jsonBody, async (req: Request, res: Response) => {
    const { id } = parseParams(IncidentIdParams, req);
    const body = parseBody(NewTimelineEntryBody, req);
    const { value, events } = await addTimelineEntry(deps, {
      incidentId: id,
      source: 'manual',
      text: body.text,
      occurredAt: body.occurredAt,
      actor: actorOf(res),
    });
    await announceChange(deps, req, id, events);
    res
      .status(201)
      .location(`${req.baseUrl}/incidents/${id}/timeline/${value.entry.id}`)
      .json(presentTimelineEntry(await entryView(deps, id, value.entry.id)));
  });

  router.patch('/incidents/:id/timeline/:entryId', jsonBody, async (req: Request, res: Response) => {
    const { id, entryId } = parseParams(TimelineEntryParams, req);
    const { text, occurredAt, hidden } = parseBody(TimelineEntryPatchBody, req);
    const actor = actorOf(res);
    const target = { entryId };
    const events: StoredIncidentEvent[] = [];
    // The edit first: it is the step that can be refused (409 for entries that are a record).
    if (text !== undefined || occurredAt !== undefined) {
      events.push(...(await editTimelineEntry(deps, { incidentId: id, target, text, occurredAt, actor })).events);
    }
    if (hidden !== undefined) {
      events.push(...(await hideTimelineEntry(deps, { incidentId: id, target, hidden, actor })).events);
    }
    await announceChange(deps, req, id, events);
    res.json(presentTimelineEntry(await entryView(deps, id, entryId)));
  });

  // DELETE hides: the timeline is the record of what happened, so nothing is ever destroyed.
  router.delete('/incidents/:id/timeline/:entryId', async (req, res) => {
    const { id, entryId } = parseParams(TimelineEntryParams, req);
    const { events } = await hideTimelineEntry(deps, {
      incidentId: id,
      target: { entryId },
      hidden: true,
      actor: actorOf(res),
    });
    await announceChange(deps, req, id, events);
    res.json(presentTimelineEntry(await entryView(deps, id, entryId)));
  });

  return router;
};
