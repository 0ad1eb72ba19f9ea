import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDuration, parseDuration } from '../../src/duration.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('parseDuration', () => {
  it('reads each unit', () => {
    assert.equal(parseDuration('500ms'), 500);
    assert.equal(parseDuration('30s'), 30 * SECOND);
    assert.equal(parseDuration('2m'), 2 * MINUTE);
    assert.equal(parseDuration('24h'), 24 * HOUR);
    assert.equal(parseDuration('2d'), 2 * DAY);
  });

  it('adds up several units written largest first', () => {
    assert.equal(parseDuration('1h30m'), HOUR + 30 * MINUTE);
    assert.equal(parseDuration('1m30s'), 90 * SECOND);
    assert.equal(parseDuration('1d2h3m4s5ms'), DAY + 2 * HOUR + 3 * MINUTE + 4 * SECOND + 5);
    assert.equal(parseDuration('2s500ms'), 2500);
  });

  it('reads what formatDuration writes, spaces and all', () => {
    assert.equal(parseDuration('1m 30s'), 90 * SECOND);
    assert.equal(parseDuration('1h 30m'), HOUR + 30 * MINUTE);
  });

  it('does not take milliseconds for minutes', () => {
    assert.equal(parseDuration('5ms'), 5);
    assert.equal(parseDuration('5m'), 5 * MINUTE);
  });

  it('allows zero and values past the next unit', () => {
    assert.equal(parseDuration('0s'), 0);
    assert.equal(parseDuration('90m'), 90 * MINUTE);
    assert.equal(parseDuration('1500ms'), 1500);
  });

  it('refuses words, signs, fractions, bare numbers and blanks, saying what is accepted', () => {
    for (const text of ['5 minutes', '-1m', '', '   ', '10', '1.5h', '+2m', 'm', '1 h', '2M', '1H', '1w', 'soon']) {
      assert.throws(
        () => parseDuration(text),
        (error: Error) => {
          assert.ok(error.message.startsWith(`${JSON.stringify(text)} is not a duration:`), error.message);
          assert.match(error.message, /ms, s, m, h or d/);
          assert.match(error.message, /e\.g\. .*30s.*1h30m/);
          return true;
        },
        `parseDuration(${JSON.stringify(text)})`,
      );
    }
  });

  it('refuses units out of order or repeated, so each duration has one spelling', () => {
    for (const text of ['30m1h', '1m1m', '30s2m', '5ms1s', '1h30']) {
      assert.throws(() => parseDuration(text), /is not a duration/, text);
    }
  });

  it('refuses durations too long to count exactly', () => {
    assert.throws(() => parseDuration('999999999999999d'), /too long/);
  });
});

describe('formatDuration', () => {
  it('writes the examples people read', () => {
    assert.equal(formatDuration(90 * SECOND), '1m 30s');
    assert.equal(formatDuration(0), '0s');
    assert.equal(formatDuration(HOUR), '1h');
  });

  it('leaves out units that are zero and keeps the largest first', () => {
    assert.equal(formatDuration(DAY + 5 * MINUTE), '1d 5m');
    assert.equal(formatDuration(2 * DAY), '2d');
    assert.equal(formatDuration(500), '500ms');
    assert.equal(formatDuration(1500), '1s 500ms');
    assert.equal(formatDuration(DAY + 2 * HOUR + 3 * MINUTE + 4 * SECOND + 5), '1d 2h 3m 4s 5ms');
  });

  it('rounds to whole milliseconds', () => {
    assert.equal(formatDuration(1999.6), '2s');
    assert.equal(formatDuration(0.4), '0s');
  });

  it('refuses negative and non-finite numbers', () => {
    for (const ms of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => formatDuration(ms), RangeError, String(ms));
    }
  });

  it('round-trips through parseDuration', () => {
    for (const ms of [0, 1, 999, SECOND, 90 * SECOND, HOUR + 30 * MINUTE, 3 * DAY + 7 * SECOND + 1]) {
      assert.equal(parseDuration(formatDuration(ms)), ms);
    }
  });
});
