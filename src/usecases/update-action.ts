import { type Action, type Actor, checkActionText, DomainError, type Snapshot } from '../domain/index.ts';
import type { Outcome, WriteDeps } from './ports.ts';

/** Changes to an action; undefined leaves a field alone. */
export interface ActionPatch {
  readonly text?: string;
  readonly ownerId?: string | null;
  readonly done?: boolean;
  readonly dueAt?: Date | null;
}

const snapshot = (action: Action): Snapshot => ({
  actionId: action.id,
  text: action.text,
  ownerId: action.ownerId,
  done: action.done,
  dueAt: action.dueAt?.toISOString() ?? null,
});

/** Completes, reassigns, reschedules or rewords an action. */
export const updateAction = async (
  { store, clock }: WriteDeps,
  input: { readonly incidentId: number; readonly actionId: number; readonly patch: ActionPatch; readonly actor: Actor },
): Promise<Outcome<Action>> => {
  const now = clock.now();
  const { patch } = input;
  const text = patch.text === undefined ? undefined : checkActionText(patch.text);
  return store.transaction(async (uow) => {
    const current = await uow.actions.lock(input.incidentId, input.actionId);
    if (!current) {
      throw new DomainError(
        'action_not_found',
        `Incident ${input.incidentId} has no action ${input.actionId}.`,
        'actionId',
      );
    }
    const action: Action = {
      ...current,
      text: text ?? current.text,
      ownerId: patch.ownerId !== undefined ? patch.ownerId : current.ownerId,
      done: patch.done ?? current.done,
      dueAt: patch.dueAt !== undefined ? patch.dueAt : current.dueAt,
    };
    const before = snapshot(current);
    const after = snapshot(action);
    if (JSON.stringify(before) === JSON.stringify(after)) return { value: current, events: [] };
    await uow.actions.save(action);
    const event = await uow.events.append({
      incidentId: input.incidentId,
      type: 'action.updated',
      actor: input.actor,
      before,
      after,
      occurredAt: now,
    });
    return { value: action, events: [event] };
  });
};
