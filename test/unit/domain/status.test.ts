import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  assertStatusMove,
  isOpen,
  isStatus,
  parseStatus,
  STATUSES,
  type Status,
  statusLabel,
} from '../../../src/domain/status.ts';

const OPEN: readonly Status[] = ['investigating', 'identified', 'monitoring'];

describe('STATUSES', () => {
  it('lists the statuses in their usual order', () => {
    assert.deepEqual(STATUSES, ['investigating', 'identified', 'monitoring', 'resolved']);
  });
});

describe('isStatus', () => {
  it('accepts every status', () => {
    for (const status of STATUSES) assert.equal(isStatus(status), true);
  });

  it('refuses anything else', () => {
    for (const value of ['Resolved', 'open', 'closed', '', ' monitoring', 1, null, undefined]) {
      assert.equal(isStatus(value), false, `isStatus(${JSON.stringify(value)})`);
    }
  });
});

describe('statusLabel', () => {
  it('capitalises each status', () => {
    assert.equal(statusLabel('investigating'), 'Investigating');
    assert.equal(statusLabel('identified'), 'Identified');
    assert.equal(statusLabel('monitoring'), 'Monitoring');
    assert.equal(statusLabel('resolved'), 'Resolved');
  });
});

describe('isOpen', () => {
  it('is true for every status but resolved', () => {
    for (const status of OPEN) assert.equal(isOpen(status), true, status);
    assert.equal(isOpen('resolved'), false);
  });
});

describe('parseStatus', () => {
  it('reads each status', () => {
    for (const status of STATUSES) assert.equal(parseStatus(status), status);
  });

  it('ignores case and surrounding whitespace', () => {
    assert.equal(parseStatus('RESOLVED'), 'resolved');
    assert.equal(parseStatus('  Monitoring\n'), 'monitoring');
    assert.equal(parseStatus('\tIdentified '), 'identified');
  });

  for (const input of ['investigate', 'inv', 'open', 'closed', '1', 'resolved.', 're solved', '', '  ']) {
    it(`refuses ${JSON.stringify(input)} as status_unknown on the status field`, () => {
      assert.throws(() => parseStatus(input), { name: 'DomainError', code: 'status_unknown', field: 'status' });
    });
  }

  it('lists the choices in the message', () => {
    assert.throws(() => parseStatus(' closed '), {
      message: '"closed" is not a status. Use one of investigating, identified, monitoring, resolved.',
    });
  });
});

describe('assertStatusMove', () => {
  it('lets an open status move to any other open status, both ways', () => {
    for (const from of OPEN) {
      for (const to of OPEN) assert.doesNotThrow(() => assertStatusMove(from, to), `${from} → ${to}`);
    }
  });

  it('lets an open status move to resolved', () => {
    for (const from of OPEN) assert.doesNotThrow(() => assertStatusMove(from, 'resolved'), from);
  });

  it('lets resolved stay resolved', () => {
    assert.doesNotThrow(() => assertStatusMove('resolved', 'resolved'));
  });

  for (const to of OPEN) {
    it(`refuses resolved → ${to} with incident_already_resolved`, () => {
      assert.throws(() => assertStatusMove('resolved', to), {
        name: 'DomainError',
        code: 'incident_already_resolved',
        field: 'status',
        message: /reopen it/,
      });
    });
  }
});
