import { DomainError } from './errors.ts';

/** The life of an incident, in its usual order. */
export const STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type Status = (typeof STATUSES)[number];

const LABELS: Record<Status, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

/** Type guard for stored or submitted values. */
export const isStatus = (value: unknown): value is Status => STATUSES.includes(value as Status);

/** The name people read: "Investigating". */
export const statusLabel = (status: Status): string => LABELS[status];

/** Every status but `resolved` means people are still working on it. */
export const isOpen = (status: Status): boolean => status !== 'resolved';

/** Reads what a person typed, case-insensitive, exact match only. */
export const parseStatus = (input: string): Status => {
  const text = input.trim().toLowerCase();
  if (!isStatus(text)) {
    throw new DomainError(
      'status_unknown',
      `"${input.trim()}" is not a status. Use one of ${STATUSES.join(', ')}.`,
      'status',
    );
  }
  return text;
};

/**
 * Whether `from → to` is a move people may make with a status change.
 * Open statuses may move to any other status (incidents regress: a fix that did not hold sends
 * "monitoring" back to "investigating"). A resolved incident is only left by reopening it, which
 * is its own intent with its own event, so an accidental status change cannot undo a closure.
 */
export const assertStatusMove = (from: Status, to: Status): void => {
  if (from === 'resolved' && to !== 'resolved') {
    throw new DomainError(
      'incident_already_resolved',
      'The incident is resolved: reopen it to change its status.',
      'status',
    );
  }
};
