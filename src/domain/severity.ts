import { DomainError } from './errors.ts';

/** Severities, most severe first; the position + 1 is the number people type (`sev 1`). */
export const SEVERITIES = ['critical', 'major', 'minor', 'trivial'] as const;
export type Severity = (typeof SEVERITIES)[number];

const LABELS: Record<Severity, string> = { critical: 'Critical', major: 'Major', minor: 'Minor', trivial: 'Trivial' };

/** Type guard for stored or submitted values. */
export const isSeverity = (value: unknown): value is Severity => SEVERITIES.includes(value as Severity);

/** The name people read: "Critical". */
export const severityLabel = (severity: Severity): string => LABELS[severity];

/**
 * Reads what a person typed: a name or a number 1–4, case-insensitive, exact match only
 * ("maj" is refused rather than guessed, so nobody sets the wrong severity by accident).
 */
export const parseSeverity = (input: string): Severity => {
  const text = input.trim().toLowerCase();
  const byNumber = /^[1-4]$/.test(text) ? SEVERITIES[Number(text) - 1] : undefined;
  const severity = byNumber ?? (isSeverity(text) ? text : undefined);
  if (!severity) {
    throw new DomainError(
      'severity_unknown',
      `"${input.trim()}" is not a severity. Use one of ${SEVERITIES.map((s, i) => `${s} (${i + 1})`).join(', ')}.`,
      'severity',
    );
  }
  return severity;
};
