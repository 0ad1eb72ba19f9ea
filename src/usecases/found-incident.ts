// A read step shared by the read use cases. Not a use case itself: nothing outside usecases/ calls it.
import { DomainError } from '../domain/index.ts';
import type { IncidentView } from './ports.ts';

/** The incident read, or `incident_not_found` when there is none. */
export const foundIncident = (incident: IncidentView | null, id: number): IncidentView => {
  if (!incident) throw new DomainError('incident_not_found', `There is no incident ${id}.`, 'id');
  return incident;
};
