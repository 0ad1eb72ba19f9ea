// Editing an incident from the web: title, summary and impact; lead; severity; status (resolving and
// reopening through their own use cases). Each form shows its errors inline and keeps what was typed.
import { type Request, type RequestHandler, type Response, Router } from 'express';
import {
  isOpen,
  isSeverity,
  isStatus,
  SEVERITIES,
  STATUSES,
  type Status,
  severityLabel,
  statusLabel,
} from '../../../domain/index.ts';
import {
  getIncident,
  reopenIncident,
  resolveIncident,
  setLead,
  setSeverity,
  setStatus,
  updateIncident,
} from '../../../usecases/index.ts';
import { listKnownPeople } from '../../../usecases/name-people.ts';
import type { IncidentView } from '../../../usecases/ports.ts';
import { domainFormError, type FieldError, formErrors } from '../../presenters/pages/forms.ts';
import { afterChange, field, type PageKit, pathNumber } from './kit.ts';
import { personItems, readPerson } from './person-field.ts';

type Form = Record<string, string>;

/** The incident editing routes. */
export const incidentFieldRoutes = (
  kit: PageKit,
  read: readonly RequestHandler[],
  write: readonly RequestHandler[],
): Router => {
  const router = Router();
  const { deps } = kit;

  /** Renders one of the edit pages, with errors (400) or without. */
  const show = (
    res: Response,
    view: string,
    incident: IncidentView,
    title: string,
    context: Record<string, unknown>,
    errors: FieldError[] = [],
  ) =>
    kit.render(
      res,
      view,
      {
        pageTitle: `${title}: incident ${incident.id}`,
        nav: 'incidents',
        heading: title,
        incident: { id: incident.id, title: incident.title, href: `/incidents/${incident.id}` },
        errors: formErrors(errors),
        ...context,
      },
      errors.length > 0 ? 400 : 200,
    );

  // Title, summary and impact, on one page.
  const showDetails = async (req: Request, res: Response, form?: Form, errors: FieldError[] = []) => {
    const incident = await getIncident(deps.read, pathNumber(req, 'id'));
    const values = form ?? { title: incident.title, summary: incident.summary ?? '', impact: incident.impact ?? '' };
    show(res, 'pages/edit-details.njk', incident, 'Change the title, summary and impact', { form: values }, errors);
  };
  router.get('/incidents/:id/details', ...read, (req, res) => showDetails(req, res));
  router.post('/incidents/:id/details', ...write, async (req, res) => {
    const id = pathNumber(req, 'id');
    const form = { title: field(req, 'title'), summary: field(req, 'summary'), impact: field(req, 'impact') };
    try {
      const { events } = await updateIncident(deps.write, {
        incidentId: id,
        patch: { title: form.title, summary: form.summary, impact: form.impact },
        actor: kit.actor(res),
      });
      if (events.length > 0) await kit.changed(req, id);
      afterChange(res, id, events.length > 0 ? 'details' : 'nothing');
    } catch (error) {
      const fields = { title: 'title', summary: 'summary', impact: 'impact' };
      await showDetails(req, res, form, [domainFormError(error, fields, 'title')]);
    }
  });

  // Lead: someone the Slack user cache knows, or any Slack user id.
  const showLead = async (req: Request, res: Response, form?: Form, errors: FieldError[] = []) => {
    const incident = await getIncident(deps.read, pathNumber(req, 'id'));
    const people = await listKnownPeople(deps);
    const items = personItems(people, form?.leadId ?? incident.leadId ?? '', incident.lead, 'No lead');
    show(
      res,
      'pages/edit-lead.njk',
      incident,
      'Change the lead',
      { form: { leadOther: form?.leadOther ?? '' }, items, current: incident.lead?.name ?? 'No lead' },
      errors,
    );
  };
  router.get('/incidents/:id/lead', ...read, (req, res) => showLead(req, res));
  router.post('/incidents/:id/lead', ...write, async (req, res) => {
    const id = pathNumber(req, 'id');
    const form = { leadId: field(req, 'leadId').trim(), leadOther: field(req, 'leadOther').trim() };
    const person = readPerson(form.leadId, form.leadOther, { select: 'leadId', other: 'leadOther' });
    if (person.error) return showLead(req, res, form, [person.error]);
    try {
      const { events } = await setLead(deps.write, { incidentId: id, leadId: person.id, actor: kit.actor(res) });
      if (events.length > 0) await kit.changed(req, id);
      afterChange(res, id, events.length > 0 ? 'lead' : 'nothing');
    } catch (error) {
      await showLead(req, res, form, [domainFormError(error, { leadId: 'leadId' }, 'leadId')]);
    }
  });

  // Severity: once judged it cannot be cleared, so there is no "not set" choice.
  const showSeverity = async (req: Request, res: Response, chosen?: string, errors: FieldError[] = []) => {
    const incident = await getIncident(deps.read, pathNumber(req, 'id'));
    const value = chosen ?? incident.severity ?? '';
    const items = SEVERITIES.map((severity, i) => ({
      value: severity,
      text: severityLabel(severity),
      hint: { text: `Severity ${i + 1}` },
      checked: severity === value,
    }));
    show(res, 'pages/edit-severity.njk', incident, 'Change the severity', { items }, errors);
  };
  router.get('/incidents/:id/severity', ...read, (req, res) => showSeverity(req, res));
  router.post('/incidents/:id/severity', ...write, async (req, res) => {
    const id = pathNumber(req, 'id');
    const severity = field(req, 'severity');
    if (!isSeverity(severity)) {
      return showSeverity(req, res, '', [{ field: 'severity', text: 'Choose how severe the incident is' }]);
    }
    try {
      const { events } = await setSeverity(deps.write, { incidentId: id, severity, actor: kit.actor(res) });
      if (events.length > 0) await kit.changed(req, id);
      afterChange(res, id, events.length > 0 ? 'severity' : 'nothing');
    } catch (error) {
      await showSeverity(req, res, severity, [domainFormError(error, { severity: 'severity' }, 'severity')]);
    }
  });

  // Status: an open incident moves to any status (resolving included); a resolved one is reopened.
  const showStatus = async (req: Request, res: Response, chosen?: string, errors: FieldError[] = []) => {
    const incident = await getIncident(deps.read, pathNumber(req, 'id'));
    const open = isOpen(incident.status);
    const value = chosen ?? (open ? incident.status : '');
    const choices: readonly Status[] = open ? STATUSES : STATUSES.filter((s) => s !== 'resolved');
    const items = choices.map((status) => ({ value: status, text: statusLabel(status), checked: status === value }));
    const title = open ? 'Change the status' : 'Reopen the incident';
    show(res, 'pages/edit-status.njk', incident, title, { items, open }, errors);
  };
  router.get('/incidents/:id/status', ...read, (req, res) => showStatus(req, res));
  router.post('/incidents/:id/status', ...write, async (req, res) => {
    const id = pathNumber(req, 'id');
    const status = field(req, 'status');
    if (!isStatus(status)) return showStatus(req, res, '', [{ field: 'status', text: 'Choose a status' }]);
    const actor = kit.actor(res);
    try {
      const current = await getIncident(deps.read, id);
      const outcome =
        current.status === 'resolved' && status !== 'resolved'
          ? {
              key: 'reopened',
              run: () =>
                reopenIncident(deps.write, { incidentId: id, status: status as Exclude<Status, 'resolved'>, actor }),
            }
          : status === 'resolved'
            ? { key: 'resolved', run: () => resolveIncident(deps.write, { incidentId: id, actor }) }
            : { key: 'status', run: () => setStatus(deps.write, { incidentId: id, status, actor }) };
      const { events } = await outcome.run();
      if (events.length > 0) await kit.changed(req, id);
      afterChange(res, id, events.length > 0 ? outcome.key : 'nothing');
    } catch (error) {
      await showStatus(req, res, status, [domainFormError(error, { status: 'status' }, 'status')]);
    }
  });

  return router;
};
