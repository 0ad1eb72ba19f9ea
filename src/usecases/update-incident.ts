import { type Actor, applyPatch, type Incident, type IncidentPatch } from '../domain/index.ts';
import { lockIncident, saveIncidentChanges } from './internal.ts';
import type { Outcome, WriteDeps } from './ports.ts';

/** Edits any of title, summary, impact, severity, lead and kind at once; unchanged fields record nothing. */
export const updateIncident = async (
  { store, clock }: WriteDeps,
  input: { readonly incidentId: number; readonly patch: IncidentPatch; readonly actor: Actor },
): Promise<Outcome<Incident>> => {
  const now = clock.now();
  return store.transaction(async (uow) => {
    const current = await lockIncident(uow, input.incidentId);
    const { incident, changes } = applyPatch(current, input.patch);
    const events = await saveIncidentChanges(uow, incident, changes, input.actor, now);
    return { value: incident, events };
  });
};
