import { type Actor, type Incident, parseSeverity, type Severity } from '../domain/index.ts';
import type { Outcome, WriteDeps } from './ports.ts';
import { updateIncident } from './update-incident.ts';

/** Sets the severity from a value or what a person typed ("major", "2"); unknown text is refused. */
export const setSeverity = async (
  deps: WriteDeps,
  input: { readonly incidentId: number; readonly severity: Severity | string; readonly actor: Actor },
): Promise<Outcome<Incident>> =>
  updateIncident(deps, {
    incidentId: input.incidentId,
    patch: { severity: parseSeverity(input.severity) },
    actor: input.actor,
  });
