// Reads everything an incident page (or its report) shows, through the read use cases.
import type { ActionView, IncidentView, TimelineEntryView } from '../../../usecases/index.ts';
import { getActions, getIncident, getTimeline } from '../../../usecases/index.ts';
import { namePeople } from '../../../usecases/name-people.ts';
import { allNames, peopleToName } from '../../presenters/pages/incident-page.ts';
import type { PeopleNames } from '../../render/mrkdwn.ts';
import type { PageDeps } from './deps.ts';

/** An incident with its whole timeline (hidden entries too), its actions and the names to show. */
export interface LoadedIncident {
  readonly incident: IncidentView;
  readonly timeline: readonly TimelineEntryView[];
  readonly actions: readonly ActionView[];
  readonly names: PeopleNames;
}

/** Loads an incident or throws incident_not_found (the 404 page). */
export const loadIncident = async (deps: PageDeps, id: number): Promise<LoadedIncident> => {
  const incident = await getIncident(deps.read, id);
  const [timeline, actions] = await Promise.all([
    getTimeline(deps.read, { incidentId: id, includeHidden: true }),
    getActions(deps.read, id),
  ]);
  const looked = await namePeople(deps, peopleToName(incident, timeline, actions));
  return { incident, timeline, actions, names: allNames(incident, timeline, actions, looked) };
};
