import { foundIncident } from './found-incident.ts';
import type { IncidentView, ReadDeps } from './ports.ts';

/** One incident with names and channel, or `incident_not_found`. */
export const getIncident = async ({ queries }: ReadDeps, id: number): Promise<IncidentView> =>
  foundIncident(await queries.get(id), id);
