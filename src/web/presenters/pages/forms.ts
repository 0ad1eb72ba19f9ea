// Form errors the GOV.UK way: a summary at the top linking to each field, and the same message by
// the field itself. Domain errors name their field; the form says which input that is.
import { type DomainError, isDomainError } from '../../../domain/index.ts';

/** One problem with one input. `field` is the input's id. */
export interface FieldError {
  readonly field: string;
  readonly text: string;
}

/** What the templates take: `list` for govukErrorSummary, `fields.<id>` for each input's errorMessage. */
export interface FormErrors {
  readonly list: readonly { readonly text: string; readonly href: string }[];
  readonly fields: Readonly<Record<string, { readonly text: string }>>;
}

/** Lays errors out for the templates (the first message per field wins). */
export const formErrors = (errors: readonly FieldError[]): FormErrors => {
  const fields: Record<string, { text: string }> = {};
  const list: { text: string; href: string }[] = [];
  for (const error of errors) {
    if (fields[error.field]) continue;
    fields[error.field] = { text: error.text };
    list.push({ text: error.text, href: `#${error.field}` });
  }
  return { list, fields };
};

/** No errors. */
export const NO_ERRORS: FormErrors = { list: [], fields: {} };

/**
 * A domain error as an error on the form: its field mapped to an input id (`fieldIds`), else the
 * form's main input. Errors that are not the person's to fix are rethrown.
 */
export const domainFormError = (
  error: unknown,
  fieldIds: Readonly<Record<string, string>>,
  fallback: string,
): FieldError => {
  if (!isDomainError(error)) throw error;
  const notFound = ['incident_not_found', 'timeline_entry_not_found', 'action_not_found'];
  if (notFound.includes(error.code)) throw error;
  return { field: fieldIds[(error as DomainError).field ?? ''] ?? fallback, text: error.message };
};
