import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isKind, KINDS, parseKind } from '../../../src/domain/kind.ts';

describe('KINDS', () => {
  it('is live and report', () => {
    assert.deepEqual(KINDS, ['live', 'report']);
  });
});

describe('isKind', () => {
  it('accepts live and report only', () => {
    assert.equal(isKind('live'), true);
    assert.equal(isKind('report'), true);
    for (const value of ['Live', 'REPORT', 'past', '', ' live', 0, null, undefined]) {
      assert.equal(isKind(value), false, `isKind(${JSON.stringify(value)})`);
    }
  });
});

describe('parseKind', () => {
  it('reads each kind', () => {
    assert.equal(parseKind('live'), 'live');
    assert.equal(parseKind('report'), 'report');
  });

  it('ignores case and surrounding whitespace', () => {
    assert.equal(parseKind('LIVE'), 'live');
    assert.equal(parseKind('  Report\n'), 'report');
  });

  for (const input of ['lve', 'rep', 'reports', 'past', '1', 'live report', '', '   ']) {
    it(`refuses ${JSON.stringify(input)} as kind_unknown on the kind field`, () => {
      assert.throws(() => parseKind(input), { name: 'DomainError', code: 'kind_unknown', field: 'kind' });
    });
  }

  it('lists the choices in the message', () => {
    assert.throws(() => parseKind(' past '), { message: '"past" is not a kind. Use live or report.' });
  });
});
