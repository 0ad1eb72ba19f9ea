// Status, severity, kind and timeline source as GOV.UK tags: a word and a colour (never colour alone).
import {
  type Kind,
  type Severity,
  type Status,
  severityLabel,
  statusLabel,
  type TimelineSource,
} from '../../../domain/index.ts';

/** What govukTag needs. */
export interface Tag {
  readonly text: string;
  readonly classes: string;
}

const STATUS_COLOURS: Record<Status, string> = {
  investigating: 'govuk-tag--red',
  identified: 'govuk-tag--orange',
  monitoring: 'govuk-tag--turquoise',
  resolved: 'govuk-tag--green',
};

const SEVERITY_COLOURS: Record<Severity, string> = {
  critical: 'govuk-tag--red',
  major: 'govuk-tag--orange',
  minor: 'govuk-tag--yellow',
  trivial: 'govuk-tag--grey',
};

const SOURCE_LABELS: Record<TimelineSource, string> = {
  pin: 'Pinned',
  reaction: 'Reaction',
  shortcut: 'Shortcut',
  manual: 'Note',
  update: 'Update',
  change: 'Change',
};

export const statusTag = (status: Status): Tag => ({ text: statusLabel(status), classes: STATUS_COLOURS[status] });

export const severityTag = (severity: Severity | null): Tag =>
  severity
    ? { text: severityLabel(severity), classes: SEVERITY_COLOURS[severity] }
    : { text: 'Not set', classes: 'govuk-tag--grey' };

export const kindLabel = (kind: Kind): string => (kind === 'live' ? 'Live' : 'Report of a past incident');

export const sourceTag = (source: TimelineSource): Tag => ({
  text: SOURCE_LABELS[source],
  classes: source === 'change' || source === 'update' ? 'govuk-tag--grey' : 'govuk-tag--teal',
});

/** The words for a source, for reports. */
export const sourceLabel = (source: TimelineSource): string => SOURCE_LABELS[source];
