// GET /incidents/:id: the incident page (facts, summary, impact, actions, timeline; ?hidden=include
// lists hidden timeline entries too, marked). A long timeline is shown a window at a time: the
// newest entries, or ?from=<entry id> / ?until=<entry id> for the window starting or ending there.
import { type Request, type RequestHandler, Router } from 'express';
import type { TimelineAnchor } from '../../../usecases/ports.ts';
import { NO_ERRORS } from '../../presenters/pages/forms.ts';
import { incidentPage } from '../../presenters/pages/incident-page.ts';
import { timelinePaging, windowQuery } from '../../presenters/pages/timeline-paging.ts';
import { changedMessage, type PageKit, pathNumber } from './kit.ts';
import { loadIncidentPage } from './load-incident.ts';

const ENTRY_ID = /^[1-9]\d{0,9}$/;
const MAX_ENTRY_ID = 2_147_483_647;

/** An entry id from the query, or null when it is not one. */
const entryId = (text: unknown): number | null =>
  typeof text === 'string' && ENTRY_ID.test(text) && Number(text) <= MAX_ENTRY_ID ? Number(text) : null;

/** The window asked for; a malformed one is ignored (the newest entries), as an unknown entry is. */
const readAnchor = (req: Request): TimelineAnchor => {
  const start = entryId(req.query.from);
  if (start !== null) return { from: start };
  const end = entryId(req.query.until);
  return end === null ? null : { until: end };
};

/** The incident page route. */
export const incidentRoutes = (kit: PageKit, read: readonly RequestHandler[]): Router => {
  const router = Router();
  const { deps } = kit;

  router.get('/incidents/:id', ...read, async (req, res) => {
    const id = pathNumber(req, 'id');
    const showHidden = req.query.hidden === 'include';
    const loaded = await loadIncidentPage(deps, id, { anchor: readAnchor(req), includeHidden: showHidden });
    const page = incidentPage({
      ...loaded,
      timeline: loaded.timeline.entries,
      timeZone: deps.timezone,
      now: deps.write.clock.now(),
    });
    kit.render(res, 'pages/incident.njk', {
      pageTitle: `Incident ${id}: ${page.title}`,
      nav: 'incidents',
      incident: page,
      showHidden,
      paging: timelinePaging({
        window: loaded.timeline,
        summary: loaded.summary,
        showHidden,
        incidentHref: page.href,
        timeZone: deps.timezone,
      }),
      // Showing or leaving out hidden entries keeps the window in view.
      withHiddenHref: `${page.href}${windowQuery(loaded.anchor, true)}#timeline`,
      withoutHiddenHref: `${page.href}${windowQuery(loaded.anchor, false)}#timeline`,
      banner: changedMessage(req),
      errors: NO_ERRORS,
      entryForm: { text: '', date: '', time: '' },
      actionForm: { text: '', owner: '', ownerOther: '', due: '' },
    });
  });

  return router;
};
