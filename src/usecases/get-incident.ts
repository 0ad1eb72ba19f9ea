import { DomainError } from '../domain/index.ts';
import type { IncidentView, ReadDeps } from './ports.ts';

/** One incident with names and channel, or `incident_not_found`. */
export const getIncident = async ({ queries }: ReadDeps, id: number): Promise<IncidentView> => {
  const incident = await queries.get(id);
  if (!incident) throw new DomainError('incident_not_found', `There is no incident ${id}.`, 'id');
  return incident;
};
