import { DomainError } from './errors.ts';

/** Longest title accepted; Response stored 200 characters and headlines stay readable at that size. */
export const TITLE_MAX = 200;
/** Longest summary, impact, timeline or action text; Slack text beyond this is truncated for display only. */
export const TEXT_MAX = 10_000;

/** A trimmed, required title within TITLE_MAX. */
export const checkTitle = (input: string): string => {
  const title = input.trim();
  if (title === '') throw new DomainError('title_required', 'Give the incident a title.', 'title');
  if (title.length > TITLE_MAX) {
    throw new DomainError(
      'title_too_long',
      `Keep the title to ${TITLE_MAX} characters (it has ${title.length}).`,
      'title',
    );
  }
  return title;
};

/** Optional free text: blank becomes null, over-long is refused naming the field. */
export const checkOptionalText = (input: string | null | undefined, field: string): string | null => {
  const text = input?.trim() ?? '';
  if (text === '') return null;
  if (text.length > TEXT_MAX) {
    throw new DomainError(
      'text_too_long',
      `Keep the ${field} to ${TEXT_MAX} characters (it has ${text.length}).`,
      field,
    );
  }
  return text;
};
