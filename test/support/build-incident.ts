import type { Incident } from '../../src/domain/index.ts';

/** When the default incident started. */
export const STARTED_AT = new Date('2024-03-01T10:00:00.000Z');
/** When the default incident was reported (five minutes after it started). */
export const REPORTED_AT = new Date('2024-03-01T10:05:00.000Z');

/** An open, live incident with fixed dates; pass overrides for the fields a test cares about. */
export const buildIncident = (overrides: Partial<Incident> = {}): Incident => ({
  id: 1,
  title: 'Payments API returning 500s',
  summary: null,
  impact: null,
  severity: 'major',
  status: 'investigating',
  kind: 'live',
  reporterId: 'U0REPORTER',
  leadId: null,
  reportedAt: new Date(REPORTED_AT),
  startedAt: new Date(STARTED_AT),
  resolvedAt: null,
  ...overrides,
});
