// Steps shared by the write use cases. Not use cases themselves: nothing outside usecases/ calls them.
import {
  type Actor,
  changeEvent,
  DomainError,
  describeChange,
  type FieldChange,
  type Incident,
  type StoredIncidentEvent,
} from '../domain/index.ts';
import type { UnitOfWork } from './ports.ts';

/** Locks the incident for this transaction, or says it does not exist. */
export const lockIncident = async (uow: UnitOfWork, id: number): Promise<Incident> => {
  const incident = await uow.incidents.lock(id);
  if (!incident) throw new DomainError('incident_not_found', `There is no incident ${id}.`, 'id');
  return incident;
};

/** The Slack user behind an actor, for authorship of change entries. */
export const actorUserId = (actor: Actor): string | null => (actor.kind === 'user' ? actor.userId : null);

/**
 * Stores an incident's changed fields with their event row and one `change` timeline entry per
 * field, all in the caller's transaction. No changes: nothing is written and no event returned.
 */
export const saveIncidentChanges = async (
  uow: UnitOfWork,
  incident: Incident,
  changes: readonly FieldChange[],
  actor: Actor,
  now: Date,
): Promise<StoredIncidentEvent[]> => {
  if (changes.length === 0) return [];
  await uow.incidents.save(incident);
  for (const change of changes) {
    await uow.timeline.insert({
      incidentId: incident.id,
      source: 'change',
      text: describeChange(change, actor),
      occurredAt: now,
      authorId: actorUserId(actor),
      slack: null,
    });
  }
  return [await uow.events.append(changeEvent(incident.id, changes, actor, now))];
};
