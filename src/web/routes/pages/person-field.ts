// "Choose a person": a list of people the Slack user cache knows, or any Slack member ID typed in.
import type { User } from '../../../domain/index.ts';
import type { FieldError } from '../../presenters/pages/forms.ts';

/** A Slack user id as people copy it from a profile ("Copy member ID"). */
export const SLACK_USER_ID = /^[UW][A-Z0-9]{2,40}$/;

/** Options for govukSelect: nobody, the current person (even if the cache has forgotten them), everyone known. */
export const personItems = (
  people: readonly User[],
  chosen: string,
  current: User | null,
  nobody: string,
): { value: string; text: string; selected: boolean }[] => {
  const items = [{ value: '', text: nobody, selected: chosen === '' }];
  if (current && !people.some((p) => p.slackId === current.slackId)) {
    items.push({ value: current.slackId, text: current.name, selected: chosen === current.slackId });
  }
  for (const person of people) {
    items.push({ value: person.slackId, text: person.name, selected: person.slackId === chosen });
  }
  return items;
};

/** The person a form names: the typed ID if any, else the chosen one; null for nobody. */
export const readPerson = (
  chosen: string,
  typed: string,
  fields: { readonly select: string; readonly other: string },
): { id: string | null; error: FieldError | null } => {
  const id = typed.trim() || chosen.trim();
  if (id === '') return { id: null, error: null };
  if (SLACK_USER_ID.test(id)) return { id, error: null };
  return {
    id: null,
    error: {
      field: typed.trim() ? fields.other : fields.select,
      text: 'Enter a Slack member ID, like U012AB3CD (in Slack: the person’s profile, then “Copy member ID”)',
    },
  };
};
