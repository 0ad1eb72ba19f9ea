// GET /insights?from=&to=: incidents per week by severity, time to resolve and time to first lead,
// over a period of local dates (default: the last 12 weeks, this one included).
import { type RequestHandler, Router } from 'express';
import { getInsights, mondayOf } from '../../../usecases/get-insights.ts';
import { type FieldError, formErrors } from '../../presenters/pages/forms.ts';
import { insightsPage } from '../../presenters/pages/insights.ts';
import { isIsoDate, localDate } from '../../presenters/pages/time.ts';
import type { PageKit } from './kit.ts';

const DAY_MS = 86_400_000;
/** Longest period: two years of weeks still make a readable chart. */
export const MAX_PERIOD_DAYS = 732;
/** Weeks shown when no period is chosen. */
export const DEFAULT_WEEKS = 12;

const days = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;

/** The default period ending today: Monday 11 weeks ago up to today. */
export const defaultPeriod = (today: string): { from: string; to: string } => {
  const monday = Date.parse(`${mondayOf(today)}T00:00:00Z`);
  return { from: new Date(monday - (DEFAULT_WEEKS - 1) * 7 * DAY_MS).toISOString().slice(0, 10), to: today };
};

/** The insights route. */
export const insightsRoutes = (kit: PageKit, read: readonly RequestHandler[]): Router => {
  const router = Router();
  const { deps } = kit;

  router.get('/insights', ...read, async (req, res) => {
    const today = localDate(deps.write.clock.now(), deps.timezone);
    const fallback = defaultPeriod(today);
    const typed = {
      from: typeof req.query.from === 'string' ? req.query.from.trim() : '',
      to: typeof req.query.to === 'string' ? req.query.to.trim() : '',
    };
    const errors: FieldError[] = [];
    if (typed.from && !isIsoDate(typed.from))
      errors.push({ field: 'from', text: 'Enter a real start date, for example 2026-01-05' });
    if (typed.to && !isIsoDate(typed.to))
      errors.push({ field: 'to', text: 'Enter a real end date, for example 2026-03-29' });
    let from = typed.from && isIsoDate(typed.from) ? typed.from : fallback.from;
    let to = typed.to && isIsoDate(typed.to) ? typed.to : typed.from && !typed.to ? today : fallback.to;
    if (errors.length === 0 && from > to) {
      errors.push({ field: 'to', text: 'The end date must be the same as or after the start date' });
    } else if (errors.length === 0 && days(from, to) > MAX_PERIOD_DAYS) {
      errors.push({ field: 'from', text: 'Choose a period of two years or less' });
    }
    if (errors.length > 0) ({ from, to } = fallback);

    const insights = await getInsights(deps, { from, to, timezone: deps.timezone });
    kit.render(
      res,
      'pages/insights.njk',
      {
        pageTitle: 'Insights',
        nav: 'insights',
        form: errors.length > 0 ? typed : { from, to },
        errors: formErrors(errors),
        insights: insightsPage(insights),
      },
      errors.length > 0 ? 400 : 200,
    );
  });

  return router;
};
