import { getIncident } from './get-incident.ts';
import type { ActionView, ReadDeps } from './ports.ts';

/** An incident's follow-up actions, oldest first. */
export const getActions = async (deps: ReadDeps, incidentId: number): Promise<readonly ActionView[]> => {
  await getIncident(deps, incidentId);
  return deps.queries.actions(incidentId);
};
