// The post-incident report: a print-friendly page (/incidents/:id/report, the link the bot DMs the
// lead on resolution) and a Markdown download (/incidents/:id/report.md). Hidden entries are left out.
import { type RequestHandler, Router } from 'express';
import { incidentPage } from '../../presenters/pages/incident-page.ts';
import { reportMarkdown } from '../../presenters/pages/report-markdown.ts';
import { sendNoStore } from '../../render/no-store.ts';
import { type PageKit, pathNumber } from './kit.ts';
import { loadIncidentRecord } from './load-incident.ts';

/** The report routes. */
export const reportRoutes = (kit: PageKit, read: readonly RequestHandler[]): Router => {
  const router = Router();
  const { deps } = kit;

  router.get('/incidents/:id/report.md', ...read, async (req, res) => {
    const id = pathNumber(req, 'id');
    const loaded = await loadIncidentRecord(deps, id);
    const markdown = reportMarkdown({
      ...loaded,
      timeline: loaded.timeline.filter((entry) => !entry.hidden),
      timeZone: deps.timezone,
      now: deps.write.clock.now(),
      url: `${deps.publicUrl}/incidents/${id}`,
    });
    res.set('Content-Disposition', `attachment; filename="incident-${id}-report.md"`);
    sendNoStore(res, 200, 'text/markdown; charset=utf-8', markdown);
  });

  router.get('/incidents/:id/report', ...read, async (req, res) => {
    const id = pathNumber(req, 'id');
    const loaded = await loadIncidentRecord(deps, id);
    const page = incidentPage({
      ...loaded,
      timeline: loaded.timeline.filter((entry) => !entry.hidden),
      timeZone: deps.timezone,
      now: deps.write.clock.now(),
    });
    kit.render(res, 'pages/report.njk', {
      pageTitle: `Post-incident report: incident ${id}`,
      nav: 'incidents',
      incident: page,
      printedFrom: `${deps.publicUrl}/incidents/${id}`,
    });
  });

  return router;
};
