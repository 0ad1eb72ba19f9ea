import { type Actor, type Incident, reopen, type Status } from '../domain/index.ts';
import { lockIncident, saveIncidentChanges } from './internal.ts';
import type { Outcome, WriteDeps } from './ports.ts';

/** Reopens a resolved incident (investigating unless another open status is given). */
export const reopenIncident = async (
  { store, clock }: WriteDeps,
  input: { readonly incidentId: number; readonly actor: Actor; readonly status?: Exclude<Status, 'resolved'> },
): Promise<Outcome<Incident>> => {
  const now = clock.now();
  return store.transaction(async (uow) => {
    const { incident, changes } = reopen(await lockIncident(uow, input.incidentId), input.status);
    const events = await saveIncidentChanges(uow, incident, changes, input.actor, now);
    return { value: incident, events };
  });
};
