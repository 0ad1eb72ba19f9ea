import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../../../src/domain/errors.ts';
import {
  applyPatch,
  applyStatus,
  durationMs,
  EDITABLE_FIELDS,
  type Incident,
  type IncidentPatch,
  newIncident,
  reopen,
  resolve,
} from '../../../src/domain/incident.ts';
import { STATUSES, type Status } from '../../../src/domain/status.ts';
import { TEXT_MAX } from '../../../src/domain/text-rules.ts';
import { buildIncident, STARTED_AT } from '../../support/build-incident.ts';

const NOW = new Date('2024-03-01T12:00:00.000Z');
const LATER = new Date('2024-03-01T13:30:00.000Z');
const OPEN: readonly Exclude<Status, 'resolved'>[] = ['investigating', 'identified', 'monitoring'];

/** A deep, independent copy, to show that a function left its input alone. */
const snapshot = (incident: Incident): Incident => structuredClone(incident);

describe('EDITABLE_FIELDS', () => {
  it('lists the directly editable fields in order, without status', () => {
    assert.deepEqual(EDITABLE_FIELDS, ['title', 'summary', 'impact', 'severity', 'leadId', 'kind']);
  });
});

describe('newIncident', () => {
  it('fills in the defaults of a new incident', () => {
    assert.deepEqual(newIncident({ title: 'Payments API returning 500s' }, NOW), {
      title: 'Payments API returning 500s',
      summary: null,
      impact: null,
      severity: null,
      status: 'investigating',
      kind: 'live',
      reporterId: null,
      leadId: null,
      reportedAt: NOW,
      startedAt: NOW,
      resolvedAt: null,
    });
  });

  it('keeps everything the draft gives', () => {
    const startedAt = new Date('2024-03-01T09:00:00.000Z');
    assert.deepEqual(
      newIncident(
        {
          title: 'Checkout slow',
          summary: 'p99 latency at 4s',
          impact: 'Some card payments time out',
          severity: 'critical',
          kind: 'report',
          reporterId: 'U0REPORTER',
          leadId: 'U0LEAD',
          startedAt,
        },
        NOW,
      ),
      {
        title: 'Checkout slow',
        summary: 'p99 latency at 4s',
        impact: 'Some card payments time out',
        severity: 'critical',
        status: 'investigating',
        kind: 'report',
        reporterId: 'U0REPORTER',
        leadId: 'U0LEAD',
        reportedAt: NOW,
        startedAt,
        resolvedAt: null,
      },
    );
  });

  it('has no id (the store assigns it)', () => {
    assert.equal('id' in newIncident({ title: 'x' }, NOW), false);
  });

  it('always starts investigating and unresolved', () => {
    const incident = newIncident({ title: 'x', kind: 'report' }, NOW);
    assert.equal(incident.status, 'investigating');
    assert.equal(incident.resolvedAt, null);
  });

  it('trims the title and text fields', () => {
    const incident = newIncident({ title: '  Checkout slow ', summary: ' p99 at 4s\n', impact: '\tTimeouts ' }, NOW);
    assert.equal(incident.title, 'Checkout slow');
    assert.equal(incident.summary, 'p99 at 4s');
    assert.equal(incident.impact, 'Timeouts');
  });

  it('turns blank summary and impact into null', () => {
    const incident = newIncident({ title: 'x', summary: '   ', impact: '' }, NOW);
    assert.equal(incident.summary, null);
    assert.equal(incident.impact, null);
  });

  it('treats explicit nulls like missing values', () => {
    const incident = newIncident({ title: 'x', summary: null, impact: null, severity: null, leadId: null }, NOW);
    assert.equal(incident.summary, null);
    assert.equal(incident.impact, null);
    assert.equal(incident.severity, null);
    assert.equal(incident.leadId, null);
  });

  it('keeps a startedAt earlier than now', () => {
    const startedAt = new Date(NOW.getTime() - 1);
    assert.equal(newIncident({ title: 'x', startedAt }, NOW).startedAt, startedAt);
  });

  it('starts at now when startedAt equals now', () => {
    assert.equal(newIncident({ title: 'x', startedAt: new Date(NOW) }, NOW).startedAt.getTime(), NOW.getTime());
  });

  it('clamps a future startedAt to now', () => {
    const incident = newIncident({ title: 'x', startedAt: LATER }, NOW);
    assert.equal(incident.startedAt, NOW);
    assert.equal(incident.reportedAt, NOW);
  });

  it('refuses a missing title', () => {
    assert.throws(() => newIncident({ title: '   ' }, NOW), { code: 'title_required', field: 'title' });
  });

  it('refuses an over-long title', () => {
    assert.throws(() => newIncident({ title: 'a'.repeat(201) }, NOW), { code: 'title_too_long', field: 'title' });
  });

  it('refuses over-long text, naming the field', () => {
    const long = 'x'.repeat(TEXT_MAX + 1);
    assert.throws(() => newIncident({ title: 'x', summary: long }, NOW), { code: 'text_too_long', field: 'summary' });
    assert.throws(() => newIncident({ title: 'x', impact: long }, NOW), { code: 'text_too_long', field: 'impact' });
  });
});

describe('applyPatch', () => {
  it('changes nothing for an empty patch', () => {
    const incident = buildIncident();
    const result = applyPatch(incident, {});
    assert.deepEqual(result.changes, []);
    assert.equal(result.incident, incident);
  });

  it('changes nothing when every value equals the current one', () => {
    const incident = buildIncident({ summary: 'Errors on /pay', leadId: 'U0LEAD' });
    const patch: IncidentPatch = {
      title: incident.title,
      summary: incident.summary,
      impact: incident.impact,
      severity: incident.severity,
      leadId: incident.leadId,
      kind: incident.kind,
    };
    const result = applyPatch(incident, patch);
    assert.deepEqual(result.changes, []);
    assert.deepEqual(result.incident, incident);
  });

  it('counts a value equal after trimming as no change', () => {
    const incident = buildIncident({ summary: 'Errors on /pay' });
    const result = applyPatch(incident, { title: `  ${incident.title}\n`, summary: ' Errors on /pay ' });
    assert.deepEqual(result.changes, []);
    assert.deepEqual(result.incident, incident);
  });

  it('counts a blank text on an empty field as no change', () => {
    const incident = buildIncident({ summary: null, impact: null });
    assert.deepEqual(applyPatch(incident, { summary: '   ', impact: '' }).changes, []);
  });

  it('leaves fields alone when they are undefined', () => {
    const incident = buildIncident({ summary: 'Errors on /pay', leadId: 'U0LEAD' });
    const result = applyPatch(incident, { severity: 'critical' });
    assert.equal(result.incident.summary, 'Errors on /pay');
    assert.equal(result.incident.leadId, 'U0LEAD');
    assert.equal(result.incident.title, incident.title);
  });

  it('applies a change and records it', () => {
    const incident = buildIncident({ severity: 'major' });
    const result = applyPatch(incident, { severity: 'critical' });
    assert.deepEqual(result.changes, [{ field: 'severity', from: 'major', to: 'critical' }]);
    assert.deepEqual(result.incident, { ...incident, severity: 'critical' });
  });

  it('records the trimmed value', () => {
    const incident = buildIncident();
    const result = applyPatch(incident, { title: '  Payments API down  ', impact: ' Card payments fail ' });
    assert.deepEqual(result.changes, [
      { field: 'title', from: 'Payments API returning 500s', to: 'Payments API down' },
      { field: 'impact', from: null, to: 'Card payments fail' },
    ]);
    assert.equal(result.incident.title, 'Payments API down');
    assert.equal(result.incident.impact, 'Card payments fail');
  });

  it('clears a field set to null', () => {
    const incident = buildIncident({ summary: 'Errors on /pay', severity: 'minor', leadId: 'U0LEAD' });
    const result = applyPatch(incident, { summary: null, leadId: null });
    assert.deepEqual(result.changes, [
      { field: 'summary', from: 'Errors on /pay', to: null },
      { field: 'leadId', from: 'U0LEAD', to: null },
    ]);
    assert.equal(result.incident.summary, null);
    assert.equal(result.incident.leadId, null);
  });

  it('refuses to clear a severity once set, naming the field, and leaves an unset one alone', () => {
    const incident = buildIncident({ severity: 'minor' });
    assert.throws(
      () => applyPatch(incident, { severity: null }),
      (error: unknown) =>
        error instanceof DomainError && error.code === 'severity_required' && error.field === 'severity',
    );
    assert.deepEqual(applyPatch(buildIncident({ severity: null }), { severity: null }).changes, []);
  });

  it('clears a text field set to blank', () => {
    const incident = buildIncident({ impact: 'Card payments fail' });
    const result = applyPatch(incident, { impact: '  ' });
    assert.deepEqual(result.changes, [{ field: 'impact', from: 'Card payments fail', to: null }]);
    assert.equal(result.incident.impact, null);
  });

  it('lists changes in EDITABLE_FIELDS order, whatever the order of the patch', () => {
    const incident = buildIncident({ summary: null, impact: null, severity: 'major', leadId: null, kind: 'live' });
    const result = applyPatch(incident, {
      kind: 'report',
      leadId: 'U0LEAD',
      severity: 'critical',
      impact: 'Card payments fail',
      summary: 'Errors on /pay',
      title: 'Payments API down',
    });
    assert.deepEqual(
      result.changes.map((c) => c.field),
      [...EDITABLE_FIELDS],
    );
    assert.deepEqual(result.incident, {
      ...incident,
      title: 'Payments API down',
      summary: 'Errors on /pay',
      impact: 'Card payments fail',
      severity: 'critical',
      leadId: 'U0LEAD',
      kind: 'report',
    });
  });

  it('lists only the fields that really changed', () => {
    const incident = buildIncident({ severity: 'major', leadId: 'U0LEAD' });
    const result = applyPatch(incident, { severity: 'major', leadId: 'U0OTHER', kind: 'live' });
    assert.deepEqual(result.changes, [{ field: 'leadId', from: 'U0LEAD', to: 'U0OTHER' }]);
  });

  it('does not touch status, dates or ids', () => {
    const incident = buildIncident();
    const result = applyPatch(incident, { title: 'Payments API down', severity: 'critical' });
    assert.equal(result.incident.id, incident.id);
    assert.equal(result.incident.status, incident.status);
    assert.equal(result.incident.reportedAt, incident.reportedAt);
    assert.equal(result.incident.startedAt, incident.startedAt);
    assert.equal(result.incident.resolvedAt, incident.resolvedAt);
    assert.equal(result.incident.reporterId, incident.reporterId);
  });

  it('does not mutate the incident or the patch', () => {
    const incident = buildIncident({ summary: 'Errors on /pay' });
    const before = snapshot(incident);
    const patch: IncidentPatch = { title: '  Payments API down ', summary: null, severity: 'critical' };
    const patchBefore = { ...patch };
    const result = applyPatch(incident, patch);
    assert.deepEqual(incident, before);
    assert.deepEqual(patch, patchBefore);
    assert.notEqual(result.incident, incident);
  });

  it('refuses a blank title', () => {
    assert.throws(() => applyPatch(buildIncident(), { title: '  ' }), { code: 'title_required', field: 'title' });
  });

  it('refuses an over-long title', () => {
    assert.throws(() => applyPatch(buildIncident(), { title: 'a'.repeat(201) }), {
      code: 'title_too_long',
      field: 'title',
    });
  });

  it('refuses over-long text, naming the field', () => {
    const long = 'x'.repeat(TEXT_MAX + 1);
    assert.throws(() => applyPatch(buildIncident(), { summary: long }), { code: 'text_too_long', field: 'summary' });
    assert.throws(() => applyPatch(buildIncident(), { impact: long }), { code: 'text_too_long', field: 'impact' });
  });

  it('applies nothing when one field is refused', () => {
    const incident = buildIncident();
    const before = snapshot(incident);
    assert.throws(() => applyPatch(incident, { severity: 'critical', title: '' }), { code: 'title_required' });
    assert.deepEqual(incident, before);
  });
});

describe('applyStatus', () => {
  it('moves an open status and records the change', () => {
    const incident = buildIncident({ status: 'investigating' });
    const result = applyStatus(incident, 'identified', NOW);
    assert.deepEqual(result.changes, [{ field: 'status', from: 'investigating', to: 'identified' }]);
    assert.deepEqual(result.incident, { ...incident, status: 'identified' });
  });

  it('lets an open status move backwards', () => {
    const incident = buildIncident({ status: 'monitoring' });
    const result = applyStatus(incident, 'investigating', NOW);
    assert.deepEqual(result.changes, [{ field: 'status', from: 'monitoring', to: 'investigating' }]);
    assert.equal(result.incident.status, 'investigating');
    assert.equal(result.incident.resolvedAt, null);
  });

  it('stamps resolvedAt when resolving', () => {
    const incident = buildIncident({ status: 'monitoring' });
    const result = applyStatus(incident, 'resolved', NOW);
    assert.deepEqual(result.changes, [{ field: 'status', from: 'monitoring', to: 'resolved' }]);
    assert.equal(result.incident.status, 'resolved');
    assert.equal(result.incident.resolvedAt, NOW);
  });

  for (const status of STATUSES) {
    it(`changes nothing when the status is already ${status}`, () => {
      const incident = buildIncident({ status, resolvedAt: status === 'resolved' ? NOW : null });
      const result = applyStatus(incident, status, LATER);
      assert.deepEqual(result.changes, []);
      assert.equal(result.incident, incident);
    });
  }

  it('keeps the original resolvedAt when a resolved incident is set to resolved again', () => {
    const incident = buildIncident({ status: 'resolved', resolvedAt: NOW });
    assert.equal(applyStatus(incident, 'resolved', LATER).incident.resolvedAt, NOW);
  });

  for (const to of OPEN) {
    it(`refuses to move a resolved incident to ${to}`, () => {
      const incident = buildIncident({ status: 'resolved', resolvedAt: NOW });
      assert.throws(() => applyStatus(incident, to, LATER), {
        name: 'DomainError',
        code: 'incident_already_resolved',
        field: 'status',
      });
    });
  }

  it('does not mutate its input', () => {
    const incident = buildIncident();
    const before = snapshot(incident);
    applyStatus(incident, 'resolved', NOW);
    assert.deepEqual(incident, before);
  });
});

describe('resolve', () => {
  for (const status of OPEN) {
    it(`resolves a ${status} incident, stamping resolvedAt`, () => {
      const incident = buildIncident({ status });
      const result = resolve(incident, NOW);
      assert.deepEqual(result.changes, [{ field: 'status', from: status, to: 'resolved' }]);
      assert.deepEqual(result.incident, { ...incident, status: 'resolved', resolvedAt: NOW });
    });
  }

  it('refuses to resolve twice', () => {
    const once = resolve(buildIncident({ id: 42 }), NOW).incident;
    assert.throws(() => resolve(once, LATER), {
      name: 'DomainError',
      code: 'incident_already_resolved',
      field: 'status',
      message: 'Incident 42 is already resolved.',
    });
  });

  it('does not mutate its input', () => {
    const incident = buildIncident();
    const before = snapshot(incident);
    resolve(incident, NOW);
    assert.deepEqual(incident, before);
  });
});

describe('reopen', () => {
  const resolved = (): Incident => buildIncident({ status: 'resolved', resolvedAt: NOW });

  it('reopens as investigating by default and clears resolvedAt', () => {
    const incident = resolved();
    const result = reopen(incident);
    assert.deepEqual(result.changes, [{ field: 'status', from: 'resolved', to: 'investigating' }]);
    assert.deepEqual(result.incident, { ...incident, status: 'investigating', resolvedAt: null });
  });

  for (const to of OPEN) {
    it(`reopens to ${to} when told to`, () => {
      const result = reopen(resolved(), to);
      assert.deepEqual(result.changes, [{ field: 'status', from: 'resolved', to }]);
      assert.equal(result.incident.status, to);
      assert.equal(result.incident.resolvedAt, null);
    });
  }

  for (const status of OPEN) {
    it(`refuses to reopen a ${status} incident`, () => {
      assert.throws(() => reopen(buildIncident({ id: 42, status })), {
        name: 'DomainError',
        code: 'incident_not_resolved',
        field: 'status',
        message: 'Incident 42 is not resolved, so it cannot be reopened.',
      });
    });
  }

  it('can be resolved again after reopening', () => {
    const reopened = reopen(resolved()).incident;
    const result = resolve(reopened, LATER);
    assert.equal(result.incident.status, 'resolved');
    assert.equal(result.incident.resolvedAt, LATER);
  });

  it('does not mutate its input', () => {
    const incident = resolved();
    const before = snapshot(incident);
    reopen(incident, 'monitoring');
    assert.deepEqual(incident, before);
  });
});

describe('durationMs', () => {
  it('runs from startedAt to now while the incident is open', () => {
    const incident = buildIncident({ startedAt: STARTED_AT });
    assert.equal(durationMs(incident, NOW), NOW.getTime() - STARTED_AT.getTime());
    assert.equal(durationMs(incident, NOW), 2 * 60 * 60 * 1000);
  });

  it('runs from startedAt to resolvedAt once resolved, whatever now is', () => {
    const resolvedAt = new Date(STARTED_AT.getTime() + 45 * 60 * 1000);
    const incident = buildIncident({ status: 'resolved', startedAt: STARTED_AT, resolvedAt });
    assert.equal(durationMs(incident, NOW), 45 * 60 * 1000);
    assert.equal(durationMs(incident, LATER), 45 * 60 * 1000);
  });

  it('is zero at the moment it starts', () => {
    assert.equal(durationMs(buildIncident({ startedAt: NOW }), NOW), 0);
  });

  it('is never negative when now is before the start', () => {
    assert.equal(durationMs(buildIncident({ startedAt: LATER }), NOW), 0);
  });

  it('is never negative when resolvedAt is before the start', () => {
    const incident = buildIncident({ status: 'resolved', startedAt: LATER, resolvedAt: NOW });
    assert.equal(durationMs(incident, LATER), 0);
  });
});

describe('reopen guards untyped callers', () => {
  it('refuses to "reopen" to resolved, which would store a resolved incident with no resolution time', () => {
    const resolved = buildIncident({ status: 'resolved', resolvedAt: new Date('2024-03-01T12:00:00Z') });
    assert.throws(() => reopen(resolved, 'resolved' as never), { code: 'status_unknown' });
  });
});
