/** Stable codes for everything a person can get wrong; web maps them to HTTP statuses, Slack to messages. */
export type ErrorCode =
  | 'title_required'
  | 'title_too_long'
  | 'text_too_long'
  | 'severity_unknown'
  | 'severity_required'
  | 'status_unknown'
  | 'kind_unknown'
  | 'incident_not_found'
  | 'incident_already_resolved'
  | 'incident_not_resolved'
  | 'timeline_entry_not_found'
  | 'timeline_entry_not_editable'
  | 'timeline_text_required'
  | 'action_not_found'
  | 'action_text_required';

/** A rule was broken; `field` names the input to fix when there is one. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** True for errors raised by the domain (as opposed to bugs and I/O failures). */
export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
