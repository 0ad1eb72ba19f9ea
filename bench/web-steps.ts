// The incident page taken apart: the same use cases, presenters and template its route uses
// (src/web/routes/pages/incident.ts and load-incident.ts), called in process and timed one by one,
// so a slow page can be pinned on a function rather than on "the rest". It is the page as it
// opens: the newest window of the timeline.
import { getIncidentOverview, type ReadDeps } from '../src/usecases/index.ts';
import { namePeople, type PeopleDeps } from '../src/usecases/name-people.ts';
import { NO_ERRORS } from '../src/web/presenters/pages/forms.ts';
import { allNames, incidentPage, peopleToName } from '../src/web/presenters/pages/incident-page.ts';
import { timelinePaging, windowQuery } from '../src/web/presenters/pages/timeline-paging.ts';
import { mrkdwnToHtml } from '../src/web/render/mrkdwn.ts';
import { assetVersion, createTemplates } from '../src/web/render/templates.ts';
import { type Summary, summarize } from './stats.ts';

/** One step and its time over the runs. */
export interface Step {
  readonly name: string;
  readonly time: Summary;
  /** Part of an earlier step, shown for detail (not added to the total). */
  readonly within?: boolean;
}

/** Times each step of building the incident page `runs` times (after two untimed runs). */
export const incidentPageSteps = async (
  deps: { read: ReadDeps; people: PeopleDeps['people']; timeZone: string },
  incidentId: number,
  runs: number,
): Promise<{ steps: Step[]; htmlBytes: number }> => {
  const templates = createTemplates();
  const version = assetVersion();
  const samples = new Map<string, { within: boolean; ms: number[] }>();
  const timed = async <T>(name: string, work: () => T | Promise<T>, within = false): Promise<T> => {
    const started = performance.now();
    const result = await work();
    const entry = samples.get(name) ?? { within, ms: [] };
    entry.ms.push(performance.now() - started);
    samples.set(name, entry);
    return result;
  };
  let htmlBytes = 0;
  for (let run = -2; run < runs; run++) {
    if (run === 0) samples.clear();
    const overview = await timed(
      'getIncidentOverview: incident, timeline window, timeline summary, actions (4 reads at once)',
      () => getIncidentOverview(deps.read, { id: incidentId, anchor: null, includeHidden: false }),
    );
    const { incident, actions, summary } = overview;
    const now = new Date();
    const timeline = overview.timeline.entries;
    const names = await timed('peopleToName, namePeople, allNames', async () => {
      const looked = await namePeople({ people: deps.people }, peopleToName(incident, timeline, actions));
      return allNames(incident, timeline, actions, looked, summary.participants);
    });
    const { page, paging } = await timed('incidentPage and timelinePaging (the presenters)', () => {
      const presented = incidentPage({ incident, timeline, summary, actions, names, timeZone: deps.timeZone, now });
      const window = overview.timeline;
      return {
        page: presented,
        paging: timelinePaging({
          window,
          summary,
          showHidden: false,
          incidentHref: presented.href,
          timeZone: deps.timeZone,
        }),
      };
    });
    await timed(
      'of which mrkdwnToHtml of every entry shown',
      () => timeline.map((entry) => mrkdwnToHtml(entry.text, names)),
      true,
    );
    const html = await timed('Nunjucks: pages/incident.njk', () =>
      templates.render('pages/incident.njk', {
        assetVersion: version,
        timezone: deps.timeZone,
        user: { slackId: 'local', name: 'Local user', email: null },
        csrfToken: 'x'.repeat(43),
        pageTitle: `Incident ${incidentId}: ${page.title}`,
        nav: 'incidents',
        incident: page,
        showHidden: false,
        paging,
        withHiddenHref: `${page.href}${windowQuery(null, true)}#timeline`,
        withoutHiddenHref: `${page.href}#timeline`,
        banner: null,
        errors: NO_ERRORS,
        entryForm: { text: '', date: '', time: '' },
        actionForm: { text: '', owner: '', ownerOther: '', due: '' },
      }),
    );
    htmlBytes = Buffer.byteLength(html);
  }
  return {
    steps: [...samples].map(([name, s]) => ({ name, time: summarize(s.ms), ...(s.within ? { within: true } : {}) })),
    htmlBytes,
  };
};
