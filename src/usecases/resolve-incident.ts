import { type Actor, type Incident, resolve } from '../domain/index.ts';
import { lockIncident, saveIncidentChanges } from './internal.ts';
import type { Outcome, WriteDeps } from './ports.ts';

/** Closes an open incident; closing a resolved one again is refused, so nothing is announced twice. */
export const resolveIncident = async (
  { store, clock }: WriteDeps,
  input: { readonly incidentId: number; readonly actor: Actor },
): Promise<Outcome<Incident>> => {
  const now = clock.now();
  return store.transaction(async (uow) => {
    const { incident, changes } = resolve(await lockIncident(uow, input.incidentId), now);
    const events = await saveIncidentChanges(uow, incident, changes, input.actor, now);
    return { value: incident, events };
  });
};
