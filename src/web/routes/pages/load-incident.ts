// Reads what an incident page (or its report) shows through the read use cases, and names its people.
import type { ActionView, IncidentView, TimelineEntryView, TimelineSummary } from '../../../usecases/index.ts';
import { getIncidentOverview, getIncidentRecord, type IncidentOverview } from '../../../usecases/index.ts';
import { namePeople } from '../../../usecases/name-people.ts';
import type { TimelineAnchor } from '../../../usecases/ports.ts';
import { allNames, peopleToName, summaryOf } from '../../presenters/pages/incident-page.ts';
import type { PeopleNames } from '../../render/mrkdwn.ts';
import type { PageDeps } from './deps.ts';

/** The incident page's reads (a window of the timeline) and the names to show. */
export interface LoadedIncidentPage extends IncidentOverview {
  readonly names: PeopleNames;
}

/** Loads the incident page at a window of its timeline, or throws incident_not_found (the 404 page). */
export const loadIncidentPage = async (
  deps: PageDeps,
  id: number,
  window: { readonly anchor: TimelineAnchor; readonly includeHidden: boolean },
): Promise<LoadedIncidentPage> => {
  const overview = await getIncidentOverview(deps.read, { id, ...window });
  const { incident, timeline, actions, summary } = overview;
  const looked = await namePeople(deps, peopleToName(incident, timeline.entries, actions));
  return { ...overview, names: allNames(incident, timeline.entries, actions, looked, summary.participants) };
};

/** An incident with its whole timeline (hidden entries too), its actions and the names to show: the report. */
export interface LoadedIncidentRecord {
  readonly incident: IncidentView;
  readonly timeline: readonly TimelineEntryView[];
  readonly summary: TimelineSummary;
  readonly actions: readonly ActionView[];
  readonly names: PeopleNames;
}

/** Loads an incident with its whole timeline, or throws incident_not_found (the 404 page). */
export const loadIncidentRecord = async (deps: PageDeps, id: number): Promise<LoadedIncidentRecord> => {
  const { incident, timeline, actions } = await getIncidentRecord(deps.read, id);
  const looked = await namePeople(deps, peopleToName(incident, timeline, actions));
  return {
    incident,
    timeline,
    actions,
    summary: summaryOf(timeline),
    names: allNames(incident, timeline, actions, looked),
  };
};
