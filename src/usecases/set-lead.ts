import type { Actor, Incident } from '../domain/index.ts';
import type { Outcome, WriteDeps } from './ports.ts';
import { updateIncident } from './update-incident.ts';

/** Makes someone the incident lead (null removes the lead). */
export const setLead = (
  deps: WriteDeps,
  input: { readonly incidentId: number; readonly leadId: string | null; readonly actor: Actor },
): Promise<Outcome<Incident>> =>
  updateIncident(deps, { incidentId: input.incidentId, patch: { leadId: input.leadId }, actor: input.actor });
