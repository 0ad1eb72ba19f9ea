// Follow-up actions one at a time: read, add, update (complete, reassign, reschedule, reword).
import { type Request, type Response, Router } from 'express';
import { DomainError } from '../../../domain/index.ts';
import { type ActionView, addAction, getActions, type ReadDeps, updateAction } from '../../../usecases/index.ts';
import { jsonBody, parseBody, parseParams } from '../../middleware/validate.ts';
import { presentAction } from '../../presenters/present.ts';
import { ActionPatchBody, NewActionBody } from './bodies.ts';
import { ActionParams, IncidentIdParams } from './queries.ts';
import { type ApiWriteDeps, actorOf, announceChange } from './write-support.ts';

/** One action with its owner named. */
const actionView = async (deps: ReadDeps, incidentId: number, actionId: number): Promise<ActionView> => {
  const action = (await getActions(deps, incidentId)).find((a) => a.id === actionId);
  if (!action)
    throw new DomainError('action_not_found', `Incident ${incidentId} has no action ${actionId}.`, 'actionId');
  return action;
};

/** The action routes under /incidents/:id/actions. */
export const actionRoutes = (deps: ApiWriteDeps): Router => {
  const router = Router();

  router.get('/incidents/:id/actions/:actionId', async (req, res) => {
    const { id, actionId } = parseParams(ActionParams, req);
    res.json(presentAction(await actionView(deps, id, actionId)));
  });

  router.post('/incidents/:id/actions', jsonBody, async (req: Request, res: Response) => {
    const { id } = parseParams(IncidentIdParams, req);
    const body = parseBody(NewActionBody, req);
    const { value, events } = await addAction(deps, {
      incidentId: id,
      text: body.text,
      ownerId: body.owner,
      dueAt: body.dueAt,
      actor: actorOf(res),
    });
    await announceChange(deps, req, id, events);
    res
      .status(201)
      .location(`${req.baseUrl}/incidents/${id}/actions/${value.id}`)
      .json(presentAction(await actionView(deps, id, value.id)));
  });

  router.patch('/incidents/:id/actions/:actionId', jsonBody, async (req: Request, res: Response) => {
    const { id, actionId } = parseParams(ActionParams, req);
    const { owner, ...patch } = parseBody(ActionPatchBody, req);
    const { events } = await updateAction(deps, {
      incidentId: id,
      actionId,
      patch: { ...patch, ownerId: owner },
      actor: actorOf(res),
    });
    await announceChange(deps, req, id, events);
    res.json(presentAction(await actionView(deps, id, actionId)));
  });

  return router;
};
