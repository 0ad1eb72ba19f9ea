// Follow-up actions from the web: add, change (text, owner, due date, done), and mark done or to do.
import { type Request, type RequestHandler, type Response, Router } from 'express';
import { addAction, getActions, getIncident, updateAction } from '../../../usecases/index.ts';
import { listKnownPeople } from '../../../usecases/name-people.ts';
import type { ActionView } from '../../../usecases/ports.ts';
import { domainFormError, type FieldError, formErrors } from '../../presenters/pages/forms.ts';
import { isIsoDate, localDate, startOfLocalDay } from '../../presenters/pages/time.ts';
import { afterChange, field, type PageKit, PageNotFound, pathNumber } from './kit.ts';
import { personItems, readPerson } from './person-field.ts';

type ActionForm = { text: string; owner: string; ownerOther: string; due: string; done: string };

const OWNER_FIELDS = { select: 'owner', other: 'ownerOther' } as const;
const ACTION_FIELDS = { text: 'text', ownerId: 'owner', dueAt: 'due' };

const readForm = (req: Request): ActionForm => ({
  text: field(req, 'text'),
  owner: field(req, 'owner').trim(),
  ownerOther: field(req, 'ownerOther').trim(),
  due: field(req, 'due').trim(),
  done: field(req, 'done'),
});

/** The form's owner and due date, or what is wrong with them. */
const readOwnerAndDue = (form: ActionForm, timeZone: string) => {
  const errors: FieldError[] = [];
  const owner = readPerson(form.owner, form.ownerOther, OWNER_FIELDS);
  if (owner.error) errors.push(owner.error);
  if (form.due !== '' && !isIsoDate(form.due))
    errors.push({ field: 'due', text: 'Enter a real date, for example 2026-03-20' });
  const dueAt = form.due !== '' && isIsoDate(form.due) ? startOfLocalDay(form.due, timeZone) : null;
  return { ownerId: owner.id, dueAt, errors };
};

/** The follow-up action routes. */
export const actionRoutes = (
  kit: PageKit,
  read: readonly RequestHandler[],
  write: readonly RequestHandler[],
): Router => {
  const router = Router();
  const { deps } = kit;

  const show = async (
    res: Response,
    incidentId: number,
    action: ActionView | null,
    form: ActionForm,
    errors: FieldError[] = [],
  ) => {
    const incident = await getIncident(deps.read, incidentId);
    const people = await listKnownPeople(deps);
    const href = `/incidents/${incidentId}`;
    kit.render(
      res,
      'pages/action.njk',
      {
        pageTitle: `${action ? 'Change a' : 'Add a'} follow-up action: incident ${incidentId}`,
        nav: 'incidents',
        heading: action ? 'Change the follow-up action' : 'Add a follow-up action',
        incident: { id: incidentId, title: incident.title, href },
        action: action ? { href: `${href}/actions/${action.id}` } : null,
        form,
        ownerItems: personItems(people, form.owner, action?.owner ?? null, 'Nobody yet'),
        errors: formErrors(errors),
      },
      errors.length > 0 ? 400 : 200,
    );
  };

  const findAction = async (incidentId: number, actionId: number): Promise<ActionView> => {
    const action = (await getActions(deps.read, incidentId)).find((a) => a.id === actionId);
    if (!action) throw new PageNotFound(`Incident ${incidentId} has no follow-up action ${actionId}.`);
    return action;
  };

  router.get('/incidents/:id/actions/new', ...read, async (req, res) => {
    await show(res, pathNumber(req, 'id'), null, { text: '', owner: '', ownerOther: '', due: '', done: '' });
  });

  router.post('/incidents/:id/actions', ...write, async (req, res) => {
    const id = pathNumber(req, 'id');
    const form = readForm(req);
    const { ownerId, dueAt, errors } = readOwnerAndDue(form, deps.timezone);
    if (errors.length > 0) return show(res, id, null, form, errors);
    try {
      await addAction(deps.write, { incidentId: id, text: form.text, ownerId, dueAt, actor: kit.actor(res) });
      await kit.changed(req, id);
      afterChange(res, id, 'action-added', '#actions');
    } catch (error) {
      await show(res, id, null, form, [domainFormError(error, ACTION_FIELDS, 'text')]);
    }
  });

  router.get('/incidents/:id/actions/:actionId', ...read, async (req, res) => {
    const id = pathNumber(req, 'id');
    const action = await findAction(id, pathNumber(req, 'actionId'));
    await show(res, id, action, {
      text: action.text,
      owner: action.ownerId ?? '',
      ownerOther: '',
      due: action.dueAt ? localDate(action.dueAt, deps.timezone) : '',
      done: action.done ? 'true' : '',
    });
  });

  router.post('/incidents/:id/actions/:actionId', ...write, async (req, res) => {
    const id = pathNumber(req, 'id');
    const actionId = pathNumber(req, 'actionId');
    const form = readForm(req);
    const { ownerId, dueAt, errors } = readOwnerAndDue(form, deps.timezone);
    if (errors.length > 0) return show(res, id, await findAction(id, actionId), form, errors);
    try {
      const { events } = await updateAction(deps.write, {
        incidentId: id,
        actionId,
        patch: { text: form.text, ownerId, dueAt, done: form.done === 'true' },
        actor: kit.actor(res),
      });
      if (events.length > 0) await kit.changed(req, id);
      afterChange(res, id, events.length > 0 ? 'action-edited' : 'nothing', '#actions');
    } catch (error) {
      await show(res, id, await findAction(id, actionId), form, [domainFormError(error, ACTION_FIELDS, 'text')]);
    }
  });

  router.post('/incidents/:id/actions/:actionId/done', ...write, async (req, res) => {
    const id = pathNumber(req, 'id');
    const done = field(req, 'done') === 'true';
    const { events } = await updateAction(deps.write, {
      incidentId: id,
      actionId: pathNumber(req, 'actionId'),
      patch: { done },
      actor: kit.actor(res),
    });
    if (events.length > 0) await kit.changed(req, id);
    afterChange(res, id, events.length === 0 ? 'nothing' : done ? 'action-done' : 'action-reopened', '#actions');
  });

  return router;
};
