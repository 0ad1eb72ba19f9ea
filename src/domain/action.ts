import { DomainError } from './errors.ts';
import { TEXT_MAX } from './text-rules.ts';

/** A follow-up action: work that outlives the incident. */
export interface Action {
  readonly id: number;
  readonly incidentId: number;
  readonly text: string;
  readonly ownerId: string | null;
  readonly done: boolean;
  readonly dueAt: Date | null;
  readonly createdAt: Date;
}

/** An action not yet stored. */
export type NewAction = Omit<Action, 'id' | 'done'>;

/** A trimmed, required action text within TEXT_MAX. */
export const checkActionText = (input: string): string => {
  const text = input.trim();
  if (text === '') throw new DomainError('action_text_required', 'Say what needs doing.', 'text');
  if (text.length > TEXT_MAX) {
    throw new DomainError(
      'text_too_long',
      `Keep the action to ${TEXT_MAX} characters (it has ${text.length}).`,
      'text',
    );
  }
  return text;
};
