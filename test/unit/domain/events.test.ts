import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Actor, SYSTEM, userActor } from '../../../src/domain/actor.ts';
import { changeEvent, EVENT_TYPES, incidentSnapshot } from '../../../src/domain/events.ts';
import { applyPatch, type FieldChange, reopen, resolve } from '../../../src/domain/incident.ts';
import { buildIncident, REPORTED_AT, STARTED_AT } from '../../support/build-incident.ts';

const ALICE = userActor('U0ALICE');
const TOKEN: Actor = { kind: 'token', tokenName: 'statuspage' };
const NOW = new Date('2024-03-01T12:00:00.000Z');

describe('EVENT_TYPES', () => {
  it('lists every event type', () => {
    assert.deepEqual(EVENT_TYPES, [
      'incident.declared',
      'incident.updated',
      'incident.resolved',
      'incident.reopened',
      'timeline.added',
      'timeline.updated',
      'timeline.hidden',
      'timeline.shown',
      'action.added',
      'action.updated',
    ]);
  });
});

describe('incidentSnapshot', () => {
  it('holds the incident fields, with dates as ISO strings', () => {
    const incident = buildIncident({
      id: 9,
      summary: 'Errors on /pay',
      impact: 'Card payments fail',
      severity: 'critical',
      status: 'identified',
      kind: 'report',
      reporterId: 'U0REPORTER',
      leadId: 'U0LEAD',
    });
    assert.deepEqual(incidentSnapshot(incident), {
      id: 9,
      title: 'Payments API returning 500s',
      summary: 'Errors on /pay',
      impact: 'Card payments fail',
      severity: 'critical',
      status: 'identified',
      kind: 'report',
      reporterId: 'U0REPORTER',
      leadId: 'U0LEAD',
      reportedAt: '2024-03-01T10:05:00.000Z',
      startedAt: '2024-03-01T10:00:00.000Z',
      resolvedAt: null,
    });
  });

  it('keeps nulls as nulls', () => {
    const snapshot = incidentSnapshot(
      buildIncident({ summary: null, impact: null, severity: null, reporterId: null, leadId: null }),
    );
    assert.equal(snapshot.summary, null);
    assert.equal(snapshot.impact, null);
    assert.equal(snapshot.severity, null);
    assert.equal(snapshot.reporterId, null);
    assert.equal(snapshot.leadId, null);
  });

  it('is JSON-safe: it survives a round trip unchanged', () => {
    const snapshot = incidentSnapshot(buildIncident());
    assert.deepEqual(JSON.parse(JSON.stringify(snapshot)), snapshot);
    for (const value of Object.values(snapshot)) {
      assert.ok(value === null || ['string', 'number', 'boolean'].includes(typeof value), String(value));
    }
  });

  it('uses the dates of the incident', () => {
    const snapshot = incidentSnapshot(buildIncident());
    assert.equal(snapshot.reportedAt, REPORTED_AT.toISOString());
    assert.equal(snapshot.startedAt, STARTED_AT.toISOString());
  });
});

describe('changeEvent', () => {
  it('records field edits as incident.updated', () => {
    const changes: FieldChange[] = [
      { field: 'title', from: 'Payments API returning 500s', to: 'Payments API down' },
      { field: 'severity', from: 'major', to: 'critical' },
    ];
    assert.deepEqual(changeEvent(7, changes, ALICE, NOW), {
      incidentId: 7,
      type: 'incident.updated',
      actor: ALICE,
      before: { title: 'Payments API returning 500s', severity: 'major' },
      after: { title: 'Payments API down', severity: 'critical' },
      occurredAt: NOW,
    });
  });

  it('records a move between open statuses as incident.updated', () => {
    const changes: FieldChange[] = [{ field: 'status', from: 'investigating', to: 'monitoring' }];
    const event = changeEvent(7, changes, ALICE, NOW);
    assert.equal(event.type, 'incident.updated');
    assert.deepEqual(event.before, { status: 'investigating' });
    assert.deepEqual(event.after, { status: 'monitoring' });
  });

  it('records resolving as incident.resolved', () => {
    const changes: FieldChange[] = [{ field: 'status', from: 'monitoring', to: 'resolved' }];
    const event = changeEvent(7, changes, SYSTEM, NOW);
    assert.equal(event.type, 'incident.resolved');
    assert.deepEqual(event.before, { status: 'monitoring' });
    assert.deepEqual(event.after, { status: 'resolved' });
    assert.equal(event.actor, SYSTEM);
  });

  it('records reopening as incident.reopened', () => {
    const changes: FieldChange[] = [{ field: 'status', from: 'resolved', to: 'identified' }];
    const event = changeEvent(7, changes, TOKEN, NOW);
    assert.equal(event.type, 'incident.reopened');
    assert.deepEqual(event.before, { status: 'resolved' });
    assert.deepEqual(event.after, { status: 'identified' });
    assert.equal(event.actor, TOKEN);
  });

  it('is incident.resolved when a resolution comes with other changes, whatever their order', () => {
    const changes: FieldChange[] = [
      { field: 'severity', from: 'major', to: 'minor' },
      { field: 'status', from: 'identified', to: 'resolved' },
    ];
    const event = changeEvent(7, changes, ALICE, NOW);
    assert.equal(event.type, 'incident.resolved');
    assert.deepEqual(event.before, { severity: 'major', status: 'identified' });
    assert.deepEqual(event.after, { severity: 'minor', status: 'resolved' });
  });

  it('holds nulls for set and cleared fields', () => {
    const changes: FieldChange[] = [
      { field: 'leadId', from: null, to: 'U0LEAD' },
      { field: 'summary', from: 'Errors on /pay', to: null },
    ];
    const event = changeEvent(7, changes, ALICE, NOW);
    assert.deepEqual(event.before, { leadId: null, summary: 'Errors on /pay' });
    assert.deepEqual(event.after, { leadId: 'U0LEAD', summary: null });
  });

  it('holds exactly the changed fields of a real patch', () => {
    const incident = buildIncident({ severity: 'major', leadId: 'U0LEAD', summary: 'Errors on /pay' });
    const { changes } = applyPatch(incident, {
      title: incident.title,
      summary: ' Errors on /pay ',
      severity: 'critical',
      leadId: 'U0LEAD',
      kind: 'report',
    });
    const event = changeEvent(incident.id, changes, ALICE, NOW);
    assert.equal(event.type, 'incident.updated');
    assert.deepEqual(event.before, { severity: 'major', kind: 'live' });
    assert.deepEqual(event.after, { severity: 'critical', kind: 'report' });
  });

  it('matches resolve and reopen', () => {
    const incident = buildIncident({ id: 3 });
    const resolved = resolve(incident, NOW);
    const resolvedEvent = changeEvent(3, resolved.changes, ALICE, NOW);
    assert.equal(resolvedEvent.type, 'incident.resolved');
    assert.deepEqual(resolvedEvent.after, { status: 'resolved' });
    const reopenedEvent = changeEvent(3, reopen(resolved.incident).changes, ALICE, NOW);
    assert.equal(reopenedEvent.type, 'incident.reopened');
    assert.deepEqual(reopenedEvent.before, { status: 'resolved' });
    assert.deepEqual(reopenedEvent.after, { status: 'investigating' });
  });

  it('keeps the incident id, actor and time it was given', () => {
    const event = changeEvent(99, [{ field: 'kind', from: 'live', to: 'report' }], TOKEN, NOW);
    assert.equal(event.incidentId, 99);
    assert.equal(event.actor, TOKEN);
    assert.equal(event.occurredAt, NOW);
  });

  it('is an empty incident.updated for no changes', () => {
    const event = changeEvent(7, [], ALICE, NOW);
    assert.equal(event.type, 'incident.updated');
    assert.deepEqual(event.before, {});
    assert.deepEqual(event.after, {});
  });
});
