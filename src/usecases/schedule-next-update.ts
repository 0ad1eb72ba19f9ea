import { DomainError } from '../domain/index.ts';
import type { Clock } from './ports.ts';
import type { UpdateSchedule } from './reminder-ports.ts';

/** What scheduling the next update needs. */
export interface ScheduleUpdateDeps {
  readonly reminders: UpdateSchedule;
  readonly clock: Clock;
}

/**
 * Says when the next status update is due ("next update in 15 minutes"): the update reminder comes
 * then, instead of REMIND_UPDATE_EVERY after the last update. `dueAt: null` goes back to that
 * default. Call it with storing the update's timeline entry: a due time set more than a minute
 * before the newest update is taken to belong to an older update and is ignored.
 */
export const scheduleNextUpdate = async (
  deps: ScheduleUpdateDeps,
  input: { readonly incidentId: number; readonly dueAt: Date | null },
): Promise<void> => {
  if (input.dueAt && Number.isNaN(input.dueAt.getTime())) throw new RangeError('dueAt is not a valid date');
  if (!(await deps.reminders.setUpdateDue(input.incidentId, input.dueAt, deps.clock.now()))) {
    throw new DomainError('incident_not_found', `There is no incident ${input.incidentId}.`, 'id');
  }
};
