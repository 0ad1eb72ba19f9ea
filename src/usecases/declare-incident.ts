import { type Actor, type Incident, type IncidentDraft, incidentSnapshot, newIncident } from '../domain/index.ts';
import type { Outcome, WriteDeps } from './ports.ts';

/** What declaring needs: the draft, who declares, and an optional key that makes a retry harmless. */
export interface DeclareIncidentInput {
  readonly draft: IncidentDraft;
  readonly actor: Actor;
  /** Same key, same incident: a modal submitted twice (e.g. the Slack view id) declares once. */
  readonly declareKey?: string | null;
}

/** Declares an incident. `created` is false when the declare key had already been used. */
export const declareIncident = async (
  { store, clock }: WriteDeps,
  input: DeclareIncidentInput,
): Promise<Outcome<{ incident: Incident; created: boolean }>> => {
  const now = clock.now();
  const draft = newIncident(input.draft, now);
  return store.transaction(async (uow) => {
    const { incident, created } = await uow.incidents.insert(draft, input.declareKey ?? null);
    if (!created) return { value: { incident, created }, events: [] };
    const event = await uow.events.append({
      incidentId: incident.id,
      type: 'incident.declared',
      actor: input.actor,
      before: null,
      after: incidentSnapshot(incident),
      occurredAt: now,
    });
    return { value: { incident, created }, events: [event] };
  });
};
