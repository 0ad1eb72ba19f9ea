// Curating the timeline from the web: add a note, edit a note, hide or show any entry. Each change
// goes through the same use case as Slack, then Slack is told (the headline shows the latest).
import { type Request, type RequestHandler, type Response, Router } from 'express';
import {
  addTimelineEntry,
  editTimelineEntry,
  getIncident,
  getTimelineEntry,
  hideTimelineEntry,
  timelineWindowHolding,
} from '../../../usecases/index.ts';
import { namePeople } from '../../../usecases/name-people.ts';
import { domainFormError, type FieldError, formErrors, NO_ERRORS } from '../../presenters/pages/forms.ts';
import { allNames, peopleToName, timelineItem } from '../../presenters/pages/incident-page.ts';
import { localDate, localTime } from '../../presenters/pages/time.ts';
import { windowParams, windowQuery } from '../../presenters/pages/timeline-paging.ts';
import { type CHANGED_MESSAGES, field, type PageKit, pathNumber } from './kit.ts';
import { readWhen } from './when-field.ts';

const ENTRY_FIELDS = { text: 'text', occurredAt: 'date' };

/** The timeline routes. */
export const timelineRoutes = (
  kit: PageKit,
  read: readonly RequestHandler[],
  write: readonly RequestHandler[],
): Router => {
  const router = Router();
  const { deps } = kit;
  const now = () => deps.write.clock.now();

  /** Where the entry is on the incident page: the window holding it (hidden ones listed, or not). */
  const windowOf = (id: number, entryId: number, showHidden: boolean) =>
    timelineWindowHolding(deps.read, { incidentId: id, entryId, includeHidden: showHidden });

  /** POST-redirect-GET to the window of the incident page holding the entry, with the banner for `key`. */
  const backToEntry = async (
    res: Response,
    id: number,
    entryId: number,
    key: keyof typeof CHANGED_MESSAGES,
    showHidden = false,
  ) => {
    // The banner key first, as on every other page's redirect.
    const params = new URLSearchParams({ changed: key });
    for (const [name, value] of windowParams(await windowOf(id, entryId, showHidden), showHidden)) {
      params.append(name, value);
    }
    res.redirect(303, `/incidents/${id}?${params}#entry-${entryId}`);
  };

  const showAddForm = async (res: Response, id: number, entryForm: Record<string, string>, errors: FieldError[]) => {
    const incident = await getIncident(deps.read, id);
    kit.render(
      res,
      'pages/timeline-add.njk',
      {
        pageTitle: `Add to the timeline of incident ${id}`,
        nav: 'incidents',
        incident: { id, title: incident.title, href: `/incidents/${id}` },
        entryForm,
        errors: formErrors(errors),
      },
      errors.length > 0 ? 400 : 200,
    );
  };

  router.get('/incidents/:id/timeline/new', ...read, async (req, res) => {
    await showAddForm(res, pathNumber(req, 'id'), { text: '', date: '', time: '' }, []);
  });

  router.post('/incidents/:id/timeline', ...write, async (req, res) => {
    const id = pathNumber(req, 'id');
    const entryForm = { text: field(req, 'text'), date: field(req, 'date'), time: field(req, 'time') };
    const when = readWhen(entryForm.date, entryForm.time, deps.timezone, now());
    if (when.errors.length > 0) return showAddForm(res, id, entryForm, when.errors);
    try {
      const { value } = await addTimelineEntry(deps.write, {
        incidentId: id,
        source: 'manual',
        text: entryForm.text,
        actor: kit.actor(res),
        ...(when.at && { occurredAt: when.at }),
      });
      await kit.changed(req, id);
      await backToEntry(res, id, value.entry.id, 'timeline-added');
    } catch (error) {
      await showAddForm(res, id, entryForm, [domainFormError(error, ENTRY_FIELDS, 'text')]);
    }
  });

  const showEntry = async (
    req: Request,
    res: Response,
    entryForm?: Record<string, string>,
    errors: FieldError[] = [],
  ) => {
    const id = pathNumber(req, 'id');
    const entryId = pathNumber(req, 'entryId');
    const [{ incident, entry: raw }, window] = await Promise.all([
      getTimelineEntry(deps.read, { incidentId: id, entryId }),
      windowOf(id, entryId, false),
    ]);
    const looked = await namePeople(deps, peopleToName(incident, [raw], []));
    const href = `/incidents/${id}`;
    kit.render(
      res,
      'pages/timeline-entry.njk',
      {
        pageTitle: `Timeline entry of incident ${id}`,
        nav: 'incidents',
        incident: { id, title: incident.title, href },
        backHref: `${href}${windowQuery(window, false)}#entry-${entryId}`,
        entry: timelineItem(raw, allNames(incident, [raw], [], looked), deps.timezone, href),
        entryForm: entryForm ?? {
          text: raw.text,
          date: localDate(raw.occurredAt, deps.timezone),
          time: localTime(raw.occurredAt, deps.timezone),
        },
        errors: errors.length > 0 ? formErrors(errors) : NO_ERRORS,
      },
      errors.length > 0 ? 400 : 200,
    );
  };

  router.get('/incidents/:id/timeline/:entryId', ...read, (req, res) => showEntry(req, res));

  router.post('/incidents/:id/timeline/:entryId', ...write, async (req, res) => {
    const id = pathNumber(req, 'id');
    const entryId = pathNumber(req, 'entryId');
    const entryForm = { text: field(req, 'text'), date: field(req, 'date'), time: field(req, 'time') };
    const when = readWhen(entryForm.date, entryForm.time, deps.timezone, now());
    if (when.errors.length > 0) return showEntry(req, res, entryForm, when.errors);
    try {
      const { events } = await editTimelineEntry(deps.write, {
        incidentId: id,
        target: { entryId },
        text: entryForm.text,
        ...(when.at && { occurredAt: when.at }),
        actor: kit.actor(res),
      });
      if (events.length > 0) await kit.changed(req, id);
      await backToEntry(res, id, entryId, events.length > 0 ? 'timeline-edited' : 'nothing');
    } catch (error) {
      await showEntry(req, res, entryForm, [domainFormError(error, ENTRY_FIELDS, 'text')]);
    }
  });

  router.post('/incidents/:id/timeline/:entryId/visibility', ...write, async (req, res) => {
    const id = pathNumber(req, 'id');
    const entryId = pathNumber(req, 'entryId');
    const hidden = field(req, 'hidden') === 'true';
    const { events } = await hideTimelineEntry(deps.write, {
      incidentId: id,
      target: { entryId },
      hidden,
      actor: kit.actor(res),
    });
    if (events.length > 0) await kit.changed(req, id);
    // A hidden entry is only on the page when hidden ones are shown; land where it can be seen.
    const key = events.length === 0 ? 'nothing' : hidden ? 'timeline-hidden' : 'timeline-shown';
    await backToEntry(res, id, entryId, key, hidden);
  });

  return router;
};
