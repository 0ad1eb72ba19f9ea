import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Actor, SYSTEM, userActor } from '../../../src/domain/actor.ts';
import { describeChange } from '../../../src/domain/change-text.ts';
import { applyPatch, type FieldChange, reopen, resolve } from '../../../src/domain/incident.ts';
import { buildIncident } from '../../support/build-incident.ts';

const ALICE = userActor('U0ALICE');
const TOKEN: Actor = { kind: 'token', tokenName: 'statuspage' };
const NOW = new Date('2024-03-01T12:00:00.000Z');

describe('describeChange', () => {
  describe('severity', () => {
    it('uses labels when set', () => {
      const change: FieldChange = { field: 'severity', from: null, to: 'critical' };
      assert.equal(describeChange(change, ALICE), 'Severity set to Critical by <@U0ALICE>');
    });

    it('uses labels when changed', () => {
      const change: FieldChange = { field: 'severity', from: 'major', to: 'critical' };
      assert.equal(describeChange(change, ALICE), 'Severity changed from Major to Critical by <@U0ALICE>');
    });

    it('says what it was when cleared', () => {
      const change: FieldChange = { field: 'severity', from: 'trivial', to: null };
      assert.equal(describeChange(change, ALICE), 'Severity cleared (was Trivial) by <@U0ALICE>');
    });

    it('labels minor too', () => {
      const change: FieldChange = { field: 'severity', from: 'minor', to: 'major' };
      assert.equal(describeChange(change, ALICE), 'Severity changed from Minor to Major by <@U0ALICE>');
    });
  });

  describe('status', () => {
    it('uses labels', () => {
      const change: FieldChange = { field: 'status', from: 'investigating', to: 'identified' };
      assert.equal(describeChange(change, ALICE), 'Status changed from Investigating to Identified by <@U0ALICE>');
    });

    it('describes resolving and reopening', () => {
      const resolving: FieldChange = { field: 'status', from: 'monitoring', to: 'resolved' };
      const reopening: FieldChange = { field: 'status', from: 'resolved', to: 'investigating' };
      assert.equal(describeChange(resolving, ALICE), 'Status changed from Monitoring to Resolved by <@U0ALICE>');
      assert.equal(describeChange(reopening, ALICE), 'Status changed from Resolved to Investigating by <@U0ALICE>');
    });
  });

  describe('lead', () => {
    it('mentions the new lead when set', () => {
      const change: FieldChange = { field: 'leadId', from: null, to: 'U0BOB' };
      assert.equal(describeChange(change, ALICE), 'Lead set to <@U0BOB> by <@U0ALICE>');
    });

    it('mentions both leads when changed', () => {
      const change: FieldChange = { field: 'leadId', from: 'U0BOB', to: 'U0CAROL' };
      assert.equal(describeChange(change, ALICE), 'Lead changed from <@U0BOB> to <@U0CAROL> by <@U0ALICE>');
    });

    it('mentions the old lead when cleared', () => {
      const change: FieldChange = { field: 'leadId', from: 'U0BOB', to: null };
      assert.equal(describeChange(change, ALICE), 'Lead cleared (was <@U0BOB>) by <@U0ALICE>');
    });
  });

  describe('text fields', () => {
    it('quotes a changed title', () => {
      const change: FieldChange = { field: 'title', from: 'Payments API returning 500s', to: 'Payments API down' };
      assert.equal(
        describeChange(change, ALICE),
        'Title changed from "Payments API returning 500s" to "Payments API down" by <@U0ALICE>',
      );
    });

    it('quotes a summary when set', () => {
      const change: FieldChange = { field: 'summary', from: null, to: 'Errors on /pay' };
      assert.equal(describeChange(change, ALICE), 'Summary set to "Errors on /pay" by <@U0ALICE>');
    });

    it('quotes the old impact when cleared', () => {
      const change: FieldChange = { field: 'impact', from: 'Card payments fail', to: null };
      assert.equal(describeChange(change, ALICE), 'Impact cleared (was "Card payments fail") by <@U0ALICE>');
    });
  });

  describe('kind', () => {
    it('uses labels', () => {
      const change: FieldChange = { field: 'kind', from: 'live', to: 'report' };
      assert.equal(describeChange(change, ALICE), 'Kind changed from Live to Report by <@U0ALICE>');
      const back: FieldChange = { field: 'kind', from: 'report', to: 'live' };
      assert.equal(describeChange(back, ALICE), 'Kind changed from Report to Live by <@U0ALICE>');
    });
  });

  describe('actors', () => {
    const change: FieldChange = { field: 'severity', from: 'major', to: 'critical' };

    it('names an API token', () => {
      assert.equal(describeChange(change, TOKEN), 'Severity changed from Major to Critical by API token statuspage');
    });

    it('names the bot', () => {
      assert.equal(describeChange(change, SYSTEM), 'Severity changed from Major to Critical by Incident Bot');
    });
  });

  it('describes the changes the incident rules produce', () => {
    const incident = buildIncident({ severity: 'major', leadId: null });
    const { changes } = applyPatch(incident, { severity: 'critical', leadId: 'U0BOB' });
    assert.deepEqual(
      changes.map((c) => describeChange(c, ALICE)),
      ['Severity changed from Major to Critical by <@U0ALICE>', 'Lead set to <@U0BOB> by <@U0ALICE>'],
    );
    const resolved = resolve(incident, NOW);
    assert.deepEqual(
      resolved.changes.map((c) => describeChange(c, SYSTEM)),
      ['Status changed from Investigating to Resolved by Incident Bot'],
    );
    assert.deepEqual(
      reopen(resolved.incident, 'monitoring').changes.map((c) => describeChange(c, TOKEN)),
      ['Status changed from Resolved to Monitoring by API token statuspage'],
    );
  });
});
