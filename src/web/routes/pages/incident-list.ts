// GET /: the incident list. Open incidents first, then resolved ones, each newest first; filters,
// search and keyset pagination (Next, and back to the first page). Bad filters are named on the
// page and left out, so the list still shows.
import { type Request, type RequestHandler, Router } from 'express';
import { z } from 'zod';
import {
  KINDS,
  type Kind,
  SEVERITIES,
  type Severity,
  STATUSES,
  type Status,
  severityLabel,
  statusLabel,
} from '../../../domain/index.ts';
import { listIncidentsOpenFirst, type OpenFirstCursor } from '../../../usecases/list-incidents-open-first.ts';
import type { IncidentFilter } from '../../../usecases/ports.ts';
import { type FieldError, formErrors } from '../../presenters/pages/forms.ts';
import { incidentRow } from '../../presenters/pages/incident-row.ts';
import { endOfLocalDay, isIsoDate, startOfLocalDay } from '../../presenters/pages/time.ts';
import { decodeCursor, encodeCursor } from '../api-v1/cursor.ts';
import type { PageKit } from './kit.ts';

/** Incidents per page. */
export const LIST_PAGE_SIZE = 25;

/** The list's filters as typed, for the form and the pagination links. */
interface ListForm {
  q: string;
  status: Status[];
  severity: Severity[];
  kind: Kind | '';
  from: string;
  to: string;
}

const values = (input: unknown): string[] =>
  (Array.isArray(input) ? input : input === undefined ? [] : [input]).filter((v): v is string => typeof v === 'string');

const Search = z.string().trim().max(200, { error: 'Search for 200 characters or fewer' });

/** Page cursors: `o` / `r` (open or resolved section) and, past its start, the list cursor. */
export const encodePageCursor = (cursor: OpenFirstCursor): string =>
  `${cursor.section === 'open' ? 'o' : 'r'}${cursor.after ? `.${encodeCursor(cursor.after)}` : ''}`;

export const decodePageCursor = (text: string): OpenFirstCursor | null => {
  const match = /^([or])(?:\.([A-Za-z0-9_-]+))?$/.exec(text);
  if (!match) return null;
  const after = match[2] ? decodeCursor(match[2]) : null;
  if (match[2] && !after) return null;
  return { section: match[1] === 'o' ? 'open' : 'resolved', after };
};

/** Reads the query: what was typed (valid parts only), the filter, the cursor and what was wrong. */
const readQuery = (req: Request, timeZone: string) => {
  const errors: FieldError[] = [];
  const form: ListForm = { q: '', status: [], severity: [], kind: '', from: '', to: '' };
  const q = Search.safeParse(typeof req.query.q === 'string' ? req.query.q : '');
  if (q.success) form.q = q.data;
  else errors.push({ field: 'q', text: q.error.issues[0]?.message ?? 'Check the search' });

  const statuses = values(req.query.status);
  form.status = STATUSES.filter((s) => statuses.includes(s));
  if (statuses.some((s) => !(STATUSES as readonly string[]).includes(s))) {
    errors.push({ field: 'status', text: `Choose statuses from the list: ${STATUSES.join(', ')}` });
  }
  const severities = values(req.query.severity);
  form.severity = SEVERITIES.filter((s) => severities.includes(s));
  if (severities.some((s) => !(SEVERITIES as readonly string[]).includes(s))) {
    errors.push({ field: 'severity', text: `Choose severities from the list: ${SEVERITIES.join(', ')}` });
  }
  const kind = typeof req.query.kind === 'string' ? req.query.kind : '';
  if ((KINDS as readonly string[]).includes(kind)) form.kind = kind as Kind;
  else if (kind !== '') errors.push({ field: 'kind', text: 'Choose live, report or any kind' });

  for (const name of ['from', 'to'] as const) {
    const text = typeof req.query[name] === 'string' ? (req.query[name] as string).trim() : '';
    if (text === '' || isIsoDate(text)) form[name] = text;
    else errors.push({ field: name, text: `Enter the ${name === 'from' ? 'start' : 'end'} date as a real date` });
  }
  if (form.from && form.to && form.from > form.to) {
    errors.push({ field: 'to', text: 'The end date must be the same as or after the start date' });
    form.to = '';
  }

  const filter: IncidentFilter = {
    ...(form.q && { q: form.q }),
    ...(form.status.length > 0 && { status: form.status }),
    ...(form.severity.length > 0 && { severity: form.severity }),
    ...(form.kind && { kind: form.kind }),
    ...(form.from && { from: startOfLocalDay(form.from, timeZone) }),
    ...(form.to && { to: endOfLocalDay(form.to, timeZone) }),
  };
  const cursorText = typeof req.query.cursor === 'string' ? req.query.cursor : '';
  const cursor = cursorText ? decodePageCursor(cursorText) : null;
  if (cursorText && !cursor) errors.push({ field: 'q', text: 'That page link is broken, so this is the first page' });
  return { form, filter, cursor, errors };
};

/** The query string for the same filters (and a cursor), for pagination links. */
const listHref = (form: ListForm, cursor?: string): string => {
  const params = new URLSearchParams();
  if (form.q) params.set('q', form.q);
  for (const status of form.status) params.append('status', status);
  for (const severity of form.severity) params.append('severity', severity);
  if (form.kind) params.set('kind', form.kind);
  if (form.from) params.set('from', form.from);
  if (form.to) params.set('to', form.to);
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return query ? `/?${query}` : '/';
};

/** The incident list route. */
export const incidentListRoutes = (kit: PageKit, guard: readonly RequestHandler[]): Router => {
  const router = Router();
  const { deps } = kit;

  router.get('/', ...guard, async (req, res) => {
    const { form, filter, cursor, errors } = readQuery(req, deps.timezone);
    const page = await listIncidentsOpenFirst(deps.read, { filter, limit: LIST_PAGE_SIZE, after: cursor });
    const now = deps.write.clock.now();
    const filtered = Object.keys(filter).length > 0;
    kit.render(res, 'pages/incidents.njk', {
      pageTitle: 'Incidents',
      nav: 'incidents',
      form,
      filtered,
      errors: formErrors(errors),
      statusItems: STATUSES.map((s) => ({ value: s, text: statusLabel(s), checked: form.status.includes(s) })),
      severityItems: SEVERITIES.map((s) => ({ value: s, text: severityLabel(s), checked: form.severity.includes(s) })),
      kindItems: [
        { value: '', text: 'Any', checked: form.kind === '' },
        { value: 'live', text: 'Live', checked: form.kind === 'live' },
        { value: 'report', text: 'Report of a past incident', checked: form.kind === 'report' },
      ],
      open: page.open.map((incident) => incidentRow(incident, deps.timezone, now)),
      resolved: page.resolved.map((incident) => incidentRow(incident, deps.timezone, now)),
      nextHref: page.next ? listHref(form, encodePageCursor(page.next)) : null,
      firstHref: cursor ? listHref(form) : null,
      timezone: deps.timezone,
    });
  });

  return router;
};
