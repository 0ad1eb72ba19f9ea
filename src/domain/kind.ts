import { DomainError } from './errors.ts';

/** `live`: happening now, gets a channel and reminders. `report`: a record of something already over. */
export const KINDS = ['live', 'report'] as const;
export type Kind = (typeof KINDS)[number];

/** Type guard for stored or submitted values. */
export const isKind = (value: unknown): value is Kind => KINDS.includes(value as Kind);

/** Reads a submitted kind, exact match only. */
export const parseKind = (input: string): Kind => {
  const text = input.trim().toLowerCase();
  if (!isKind(text))
    throw new DomainError('kind_unknown', `"${input.trim()}" is not a kind. Use live or report.`, 'kind');
  return text;
};
