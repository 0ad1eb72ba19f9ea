import { type Action, type Actor, checkActionText } from '../domain/index.ts';
import { lockIncident } from './internal.ts';
import type { Outcome, WriteDeps } from './ports.ts';

/** Records a follow-up action, optionally with an owner and a due date. */
export const addAction = async (
  { store, clock }: WriteDeps,
  input: {
    readonly incidentId: number;
    readonly text: string;
    readonly ownerId?: string | null;
    readonly dueAt?: Date | null;
    readonly actor: Actor;
  },
): Promise<Outcome<Action>> => {
  const now = clock.now();
  const text = checkActionText(input.text);
  return store.transaction(async (uow) => {
    await lockIncident(uow, input.incidentId);
    const action = await uow.actions.insert({
      incidentId: input.incidentId,
      text,
      ownerId: input.ownerId ?? null,
      dueAt: input.dueAt ?? null,
      createdAt: now,
    });
    const event = await uow.events.append({
      incidentId: input.incidentId,
      type: 'action.added',
      actor: input.actor,
      before: null,
      after: {
        actionId: action.id,
        text: action.text,
        ownerId: action.ownerId,
        dueAt: action.dueAt?.toISOString() ?? null,
      },
      occurredAt: now,
    });
    return { value: action, events: [event] };
  });
};
