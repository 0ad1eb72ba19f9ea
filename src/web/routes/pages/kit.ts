// What every page route shares: rendering with the layout's context, who is acting, telling Slack
// about a change, and the errors that become a 404 page.
import type { Request, Response } from 'express';
import type nunjucks from 'nunjucks';
import { type Actor, userActor } from '../../../domain/index.ts';
import type { PageLocals } from '../../auth/user.ts';
import { sendNoStore } from '../../render/no-store.ts';
import type { PageDeps } from './deps.ts';

/** A page (or thing on a page) that does not exist: answered with the 404 page. */
export class PageNotFound extends Error {
  override readonly name = 'PageNotFound';
}

/** The tools page routes are built with. */
export interface PageKit {
  readonly deps: PageDeps;
  /** Renders a view inside the layout; pages are never cached (they hold a CSRF token and live data). */
  render(res: Response, view: string, context: Record<string, unknown>, status?: number): void;
  /** The signed-in person, as the actor of a change. */
  actor(res: Response): Actor;
  /** Tells Slack an incident changed. The change is stored already, so a failure here is logged, not shown. */
  changed(req: Request, incidentId: number): Promise<void>;
}

/** Builds the kit over a template environment. */
export const createKit = (deps: PageDeps, templates: nunjucks.Environment, assetVersion: string): PageKit => ({
  deps,
  render(res, view, context, status = 200) {
    const locals = res.locals as Partial<PageLocals>;
    const html = templates.render(view, {
      assetVersion,
      timezone: deps.timezone,
      user: locals.user ?? null,
      csrfToken: locals.csrfToken ?? '',
      ...context,
    });
    sendNoStore(res, status, 'html', html);
  },
  actor: (res) => userActor((res.locals as PageLocals).user.slackId),
  async changed(req, incidentId) {
    try {
      await deps.incidentChanged(incidentId);
    } catch (error) {
      req.log?.warn({ err: error, incidentId }, 'could not queue the Slack update after a web change');
    }
  },
});

/** A positive incident (or entry, or action) number from the path, or the 404 page. */
export const pathNumber = (req: Request, name: string): number => {
  const text = req.params[name];
  const value = Number(text);
  if (
    typeof text !== 'string' ||
    !/^[1-9]\d{0,15}$/.test(text) ||
    !Number.isSafeInteger(value) ||
    value > 2_147_483_647
  ) {
    throw new PageNotFound(`There is no ${name === 'id' ? 'incident' : 'such item'} ${text ?? ''}.`);
  }
  return value;
};

/** A form field as a string ('' when missing or sent twice). */
export const field = (req: Request, name: string): string => {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

/** Messages for the banner after a change, by the key the redirect carries (never text from the request). */
export const CHANGED_MESSAGES: Readonly<Record<string, string>> = {
  details: 'Title, summary and impact saved.',
  lead: 'Lead changed.',
  severity: 'Severity changed.',
  status: 'Status changed.',
  resolved: 'Incident resolved.',
  reopened: 'Incident reopened.',
  'timeline-added': 'Added to the timeline.',
  'timeline-edited': 'Timeline entry saved.',
  'timeline-hidden': 'Timeline entry hidden. It is kept, and shown when you choose to show hidden entries.',
  'timeline-shown': 'Timeline entry shown again.',
  'action-added': 'Follow-up action added.',
  'action-edited': 'Follow-up action saved.',
  'action-done': 'Follow-up action marked as done.',
  'action-reopened': 'Follow-up action marked as to do.',
  nothing: 'Nothing changed.',
};

/** The banner message for `?changed=…`, or null. */
export const changedMessage = (req: Request): string | null => {
  const key = req.query.changed;
  return typeof key === 'string' ? (CHANGED_MESSAGES[key] ?? null) : null;
};

/** Where to go after a change: the incident page with its banner (POST-redirect-GET). */
export const afterChange = (res: Response, incidentId: number, key: keyof typeof CHANGED_MESSAGES, anchor = '') => {
  res.redirect(303, `/incidents/${incidentId}?changed=${encodeURIComponent(key)}${anchor}`);
};
