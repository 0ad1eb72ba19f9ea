import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { slackTsToDate } from '../../../src/slack/slack-time.ts';

describe('slackTsToDate', () => {
  it('reads seconds and microseconds to the millisecond', () => {
    assert.equal(slackTsToDate('1712330400.001900').toISOString(), '2024-04-05T15:20:00.001Z');
  });

  it('rounds microseconds down rather than into the next millisecond', () => {
    assert.equal(slackTsToDate('1712330400.999999').toISOString(), '2024-04-05T15:20:00.999Z');
  });

  it('keeps message order for two messages in the same second', () => {
    const first = slackTsToDate('1712330400.000100');
    const second = slackTsToDate('1712330400.123456');
    assert.ok(first < second);
    assert.equal(second.toISOString(), '2024-04-05T15:20:00.123Z');
  });

  it('reads a ts without a fraction as a whole second', () => {
    assert.equal(slackTsToDate('1712330400').toISOString(), '2024-04-05T15:20:00.000Z');
  });

  it('reads a short fraction as the digits after the point, not as microseconds', () => {
    assert.equal(slackTsToDate('1712330400.5').toISOString(), '2024-04-05T15:20:00.500Z');
  });
});
