import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSeverity, parseSeverity, SEVERITIES, severityLabel } from '../../../src/domain/severity.ts';

describe('SEVERITIES', () => {
  it('lists the severities most severe first', () => {
    assert.deepEqual(SEVERITIES, ['critical', 'major', 'minor', 'trivial']);
  });
});

describe('isSeverity', () => {
  it('accepts every severity', () => {
    for (const severity of SEVERITIES) assert.equal(isSeverity(severity), true);
  });

  it('refuses anything else, including other cases and numbers', () => {
    for (const value of ['Critical', 'MAJOR', 'maj', '1', 1, '', ' minor', null, undefined, {}]) {
      assert.equal(isSeverity(value), false, `isSeverity(${JSON.stringify(value)})`);
    }
  });
});

describe('severityLabel', () => {
  it('capitalises each severity', () => {
    assert.equal(severityLabel('critical'), 'Critical');
    assert.equal(severityLabel('major'), 'Major');
    assert.equal(severityLabel('minor'), 'Minor');
    assert.equal(severityLabel('trivial'), 'Trivial');
  });
});

describe('parseSeverity', () => {
  it('reads each name', () => {
    for (const severity of SEVERITIES) assert.equal(parseSeverity(severity), severity);
  });

  it('reads the numbers 1 to 4, most severe first', () => {
    assert.equal(parseSeverity('1'), 'critical');
    assert.equal(parseSeverity('2'), 'major');
    assert.equal(parseSeverity('3'), 'minor');
    assert.equal(parseSeverity('4'), 'trivial');
  });

  it('ignores case', () => {
    assert.equal(parseSeverity('CRITICAL'), 'critical');
    assert.equal(parseSeverity('Major'), 'major');
    assert.equal(parseSeverity('mInOr'), 'minor');
  });

  it('ignores surrounding whitespace', () => {
    assert.equal(parseSeverity('  trivial  '), 'trivial');
    assert.equal(parseSeverity('\t2\n'), 'major');
    assert.equal(parseSeverity(' Critical '), 'critical');
  });

  for (const input of ['maj', 'crit', '0', '5', '01', '1.0', '-1', 'sev1', 'sev 1', 'major!', 'majors', '', '   ']) {
    it(`refuses ${JSON.stringify(input)} as severity_unknown on the severity field`, () => {
      assert.throws(() => parseSeverity(input), { name: 'DomainError', code: 'severity_unknown', field: 'severity' });
    });
  }

  it('lists the choices, with their numbers, in the message', () => {
    assert.throws(() => parseSeverity('maj'), {
      code: 'severity_unknown',
      message: '"maj" is not a severity. Use one of critical (1), major (2), minor (3), trivial (4).',
    });
  });

  it('quotes the trimmed input in the message', () => {
    assert.throws(() => parseSeverity('  sev1  '), { message: /^"sev1" is not a severity\./ });
  });
});
