// Times as people read them, in the incident time zone, across daylight saving.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  endOfLocalDay,
  formatDateTime,
  isClockTime,
  isIsoDate,
  localDate,
  startOfLocalDay,
  zonedInstant,
} from '../../../src/web/presenters/pages/time.ts';

describe('page times', () => {
  it('shows date, time and zone, GMT in winter and BST in summer', () => {
    assert.equal(formatDateTime(new Date('2026-03-02T10:00:00Z'), 'Europe/London'), '2 Mar 2026, 10:00 GMT');
    assert.equal(formatDateTime(new Date('2026-07-01T10:00:00Z'), 'Europe/London'), '1 Jul 2026, 11:00 BST');
    assert.match(formatDateTime(new Date('2026-07-01T10:00:00Z'), 'America/New_York'), /^1 Jul 2026, 06:00 /);
  });

  it('turns a local date and time into the instant, either side of a clock change', () => {
    assert.equal(zonedInstant('2026-03-28', '12:00', 'Europe/London').toISOString(), '2026-03-28T12:00:00.000Z');
    assert.equal(zonedInstant('2026-03-30', '12:00', 'Europe/London').toISOString(), '2026-03-30T11:00:00.000Z');
    assert.equal(zonedInstant('2026-03-02', '09:00', 'Asia/Kolkata').toISOString(), '2026-03-02T03:30:00.000Z');
  });

  it('bounds local days for date filters', () => {
    assert.equal(startOfLocalDay('2026-07-01', 'Europe/London').toISOString(), '2026-06-30T23:00:00.000Z');
    assert.equal(endOfLocalDay('2026-07-01', 'Europe/London').toISOString(), '2026-07-01T23:00:00.000Z');
    // The night the clocks go forward is an hour short.
    const start = startOfLocalDay('2026-03-29', 'Europe/London').getTime();
    assert.equal(endOfLocalDay('2026-03-29', 'Europe/London').getTime() - start, 23 * 3_600_000);
    assert.equal(localDate(new Date('2026-06-30T23:30:00Z'), 'Europe/London'), '2026-07-01');
  });

  it('accepts only real dates and clock times', () => {
    assert.equal(isIsoDate('2026-02-28'), true);
    assert.equal(isIsoDate('2026-02-30'), false);
    assert.equal(isIsoDate('2026-2-3'), false);
    assert.equal(isClockTime('23:59'), true);
    assert.equal(isClockTime('24:00'), false);
  });
});
