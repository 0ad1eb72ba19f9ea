import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError, isDomainError } from '../../../src/domain/errors.ts';

describe('DomainError', () => {
  it('carries a code, a message and the field to fix', () => {
    const error = new DomainError('title_required', 'Give the incident a title.', 'title');
    assert.equal(error.code, 'title_required');
    assert.equal(error.message, 'Give the incident a title.');
    assert.equal(error.field, 'title');
  });

  it('is named DomainError and is an Error', () => {
    const error = new DomainError('incident_not_found', 'No such incident.');
    assert.equal(error.name, 'DomainError');
    assert.ok(error instanceof Error);
    assert.ok(error instanceof DomainError);
  });

  it('leaves the field undefined when no input is to blame', () => {
    assert.equal(new DomainError('incident_not_found', 'No such incident.').field, undefined);
  });
});

describe('isDomainError', () => {
  it('is true for domain errors', () => {
    assert.equal(isDomainError(new DomainError('kind_unknown', 'nope', 'kind')), true);
  });

  it('is false for other errors and non-errors', () => {
    assert.equal(isDomainError(new Error('boom')), false);
    assert.equal(isDomainError(new TypeError('boom')), false);
    assert.equal(isDomainError({ name: 'DomainError', code: 'kind_unknown', message: 'fake' }), false);
    assert.equal(isDomainError('DomainError'), false);
    assert.equal(isDomainError(null), false);
    assert.equal(isDomainError(undefined), false);
  });
});
