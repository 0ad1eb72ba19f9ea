import { type Actor, describeActor } from './actor.ts';
import type { FieldChange } from './incident.ts';
import { isKind } from './kind.ts';
import { isSeverity, severityLabel } from './severity.ts';
import { isStatus, statusLabel } from './status.ts';

const FIELD_NAMES: Record<FieldChange['field'], string> = {
  title: 'Title',
  summary: 'Summary',
  impact: 'Impact',
  severity: 'Severity',
  leadId: 'Lead',
  kind: 'Kind',
  status: 'Status',
};

const show = (change: FieldChange, value: unknown): string => {
  if (value === null || value === undefined) return 'none';
  if (change.field === 'leadId') return `<@${String(value)}>`;
  if (change.field === 'severity' && isSeverity(value)) return severityLabel(value);
  if (change.field === 'status' && isStatus(value)) return statusLabel(value);
  if (change.field === 'kind' && isKind(value)) return value === 'live' ? 'Live' : 'Report';
  return `"${String(value)}"`;
};

/**
 * The sentence a change entry records: "Severity changed from Major to Critical by <@U1>".
 * Mentions stay in Slack's raw form; every display renders them.
 */
export const describeChange = (change: FieldChange, actor: Actor): string => {
  const name = FIELD_NAMES[change.field];
  const by = describeActor(actor);
  if (change.from === null) return `${name} set to ${show(change, change.to)} by ${by}`;
  if (change.to === null) return `${name} cleared (was ${show(change, change.from)}) by ${by}`;
  return `${name} changed from ${show(change, change.from)} to ${show(change, change.to)} by ${by}`;
};
