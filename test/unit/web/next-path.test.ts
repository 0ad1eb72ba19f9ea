import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { safeNext, signInPath } from '../../../src/web/auth/next-path.ts';

describe('safeNext: after sign-in, only a path on this site', () => {
  it('keeps a same-site path with its query and fragment', () => {
    assert.equal(safeNext('/incidents/42'), '/incidents/42');
    assert.equal(safeNext('/?status=resolved&q=db#top'), '/?status=resolved&q=db#top');
    assert.equal(safeNext('/incidents/%2F..'), '/incidents/%2F..');
  });

  it('sends every way off the site to the home page', () => {
    for (const bad of [
      'https://evil.test/',
      '//evil.test/path',
      '/\\evil.test',
      '\\\\evil.test',
      'javascript:alert(1)',
      '/\t/evil.test',
      '/\n/evil.test',
      ' /incidents',
      'incidents/1',
      '',
      '/'.padEnd(2001, 'a'),
    ]) {
      assert.equal(safeNext(bad), '/', JSON.stringify(bad));
    }
    assert.equal(safeNext(['/a', '/b']), '/');
    assert.equal(safeNext(undefined), '/');
  });

  it('never sends someone back into sign-in (a loop)', () => {
    assert.equal(safeNext('/signin?next=/x'), '/');
    assert.equal(safeNext('/auth/slack/callback?code=1'), '/');
  });

  it('builds the sign-in address with next encoded', () => {
    assert.equal(signInPath('/'), '/signin');
    assert.equal(signInPath('/incidents/1?tab=timeline'), '/signin?next=%2Fincidents%2F1%3Ftab%3Dtimeline');
  });
});
