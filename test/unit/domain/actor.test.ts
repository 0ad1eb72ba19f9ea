import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeActor, SYSTEM, userActor } from '../../../src/domain/actor.ts';

describe('SYSTEM', () => {
  it('is the system actor', () => {
    assert.deepEqual(SYSTEM, { kind: 'system' });
  });
});

describe('userActor', () => {
  it('makes a user actor from a Slack user id', () => {
    assert.deepEqual(userActor('U123ABC'), { kind: 'user', userId: 'U123ABC' });
  });
});

describe('describeActor', () => {
  it('names a person as a raw Slack mention', () => {
    assert.equal(describeActor(userActor('U123ABC')), '<@U123ABC>');
  });

  it('names an API token by its name', () => {
    assert.equal(describeActor({ kind: 'token', tokenName: 'deploy-bot' }), 'API token deploy-bot');
  });

  it('names the bot itself', () => {
    assert.equal(describeActor(SYSTEM), 'Incident Bot');
  });
});
