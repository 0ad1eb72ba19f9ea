// GET /incidents/:id: the incident page (facts, summary, impact, actions, timeline; ?hidden=include
// lists hidden timeline entries too, marked).
import { type RequestHandler, Router } from 'express';
import { NO_ERRORS } from '../../presenters/pages/forms.ts';
import { incidentPage } from '../../presenters/pages/incident-page.ts';
import { changedMessage, type PageKit, pathNumber } from './kit.ts';
import { loadIncident } from './load-incident.ts';

/** The incident page route. */
export const incidentRoutes = (kit: PageKit, read: readonly RequestHandler[]): Router => {
  const router = Router();
  const { deps } = kit;

  router.get('/incidents/:id', ...read, async (req, res) => {
    const id = pathNumber(req, 'id');
    const showHidden = req.query.hidden === 'include';
    const loaded = await loadIncident(deps, id);
    const page = incidentPage({ ...loaded, timeZone: deps.timezone, now: deps.write.clock.now(), showHidden });
    kit.render(res, 'pages/incident.njk', {
      pageTitle: `Incident ${id}: ${page.title}`,
      nav: 'incidents',
      incident: page,
      showHidden,
      banner: changedMessage(req),
      errors: NO_ERRORS,
      entryForm: { text: '', date: '', time: '' },
      actionForm: { text: '', owner: '', ownerOther: '', due: '' },
    });
  });

  return router;
};
