// Read-only endpoints in the JSON shapes of Monzo's Response (/core/incidents/…), for teams moving over:
// their scripts and dashboards keep working against the same paths and fields.
import { type Request, type RequestHandler, Router } from 'express';
import { type Action, DomainError } from '../../../domain/index.ts';
import {
  getIncident,
  getTimeline,
  type IncidentView,
  type PersonProfile,
  type ReadDeps,
} from '../../../usecases/index.ts';
import { bearerAuth, type VerifyToken } from '../../middleware/bearer-auth.ts';
import { legacyIncident, legacyTimelineEvent, mentionedUsers, type People } from '../../presenters/legacy.ts';
import { legacyEnvelope, pageRequest } from './pagination.ts';

/** Reads beyond the use cases' read side: counts and offsets, batches of actions, full profiles. */
export interface LegacyReads {
  countIncidents(): Promise<number>;
  /** Ids of one page, newest report first. */
  incidentIds(limit: number, offset: number): Promise<number[]>;
  actionsOf(incidentIds: readonly number[]): Promise<Action[]>;
  /** Cached profiles; unknown ids are left out. */
  people(ids: readonly string[]): Promise<PersonProfile[]>;
}

/** Dependencies of the legacy endpoints. */
export interface LegacyDeps {
  readonly read: ReadDeps;
  readonly reads: LegacyReads;
  readonly publicUrl: string;
  readonly verifyToken: VerifyToken;
  /**
   * Who may read: WebAuth's `requireUserOrToken` (a session or a bearer token) once the composition
   * root passes it; until then API tokens only, through the API's own bearer check.
   */
  readonly authenticate?: RequestHandler;
}

/** A Response id in the path: digits, with DRF's optional `.json` format suffix. Anything else is 404. */
const incidentId = (req: Request): number => {
  const match = /^(\d{1,10})(?:\.json)?$/.exec(String(req.params.id));
  const id = Number(match?.[1]);
  if (!match || id < 1 || id > 2_147_483_647) {
    throw new DomainError('incident_not_found', `There is no incident ${String(req.params.id)}.`, 'id');
  }
  return id;
};

const peopleOf = async (deps: LegacyDeps, ids: (string | null)[]): Promise<People> => {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  return new Map((await deps.reads.people(wanted)).map((person) => [person.id, person]));
};

/** Incidents with their actions and the people both mention, in Response's shape. */
const presentIncidents = async (deps: LegacyDeps, incidents: readonly IncidentView[]) => {
  const actions = await deps.reads.actionsOf(incidents.map((incident) => incident.id));
  const people = await peopleOf(deps, [
    ...incidents.flatMap((incident) => [incident.reporterId, incident.leadId]),
    ...actions.flatMap((action) => [action.ownerId, ...mentionedUsers(action.text)]),
  ]);
  return incidents.map((incident) =>
    legacyIncident(
      incident,
      actions.filter((action) => action.incidentId === incident.id),
      people,
    ),
  );
};

/** The /core routes. */
export const legacyRoutes = (deps: LegacyDeps): Router => {
  const router = Router();
  // Response accepted its session or HTTP Basic; here a signed-in person or an API token.
  router.use('/core', deps.authenticate ?? bearerAuth(deps.verifyToken));

  router.get(['/core/incidents', '/core/incidents.json'], async (req, res) => {
    const page = pageRequest(req);
    const [count, ids] = await Promise.all([
      deps.reads.countIncidents(),
      deps.reads.incidentIds(page.limit, page.offset),
    ]);
    // An incident deleted between the two reads is skipped rather than failing the page.
    const found = await Promise.all(ids.map((id) => deps.read.queries.get(id)));
    const incidents = found.filter((incident): incident is IncidentView => incident !== null);
    res.json(legacyEnvelope(req, deps.publicUrl, page, count, await presentIncidents(deps, incidents)));
  });

  router.get('/core/incidents/:id', async (req, res) => {
    const [incident] = await presentIncidents(deps, [await getIncident(deps.read, incidentId(req))]);
    res.json(incident);
  });

  // Oldest first (Response left the order to the database); hidden entries are left out, as
  // Response's DELETE removed them.
  router.get(['/core/incidents/:id/timeline/events', '/core/incidents/:id/timeline/events.json'], async (req, res) => {
    const page = pageRequest(req);
    const entries = await getTimeline(deps.read, { incidentId: incidentId(req) });
    const slice = entries.slice(page.offset, page.offset + page.limit);
    const people = await peopleOf(deps, [
      ...slice.map((entry) => entry.authorId),
      ...slice.flatMap((entry) => mentionedUsers(entry.text)),
    ]);
    const results = slice.map((entry) => legacyTimelineEvent(entry, people));
    res.json(legacyEnvelope(req, deps.publicUrl, page, entries.length, results));
  });

  return router;
};
