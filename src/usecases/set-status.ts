import { type Actor, applyStatus, type Incident, parseStatus, type Status } from '../domain/index.ts';
import { lockIncident, saveIncidentChanges } from './internal.ts';
import type { Outcome, WriteDeps } from './ports.ts';

/** Moves the status (resolving included); a resolved incident must be reopened instead. */
export const setStatus = async (
  { store, clock }: WriteDeps,
  input: { readonly incidentId: number; readonly status: Status | string; readonly actor: Actor },
): Promise<Outcome<Incident>> => {
  const status = parseStatus(input.status);
  const now = clock.now();
  return store.transaction(async (uow) => {
    const { incident, changes } = applyStatus(await lockIncident(uow, input.incidentId), status, now);
    const events = await saveIncidentChanges(uow, incident, changes, input.actor, now);
    return { value: incident, events };
  });
};
