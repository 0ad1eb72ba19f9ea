// The incident page's window of a long timeline: what it says and where its links lead.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TimelineEntryView, TimelineWindow } from '../../../src/usecases/ports.ts';
import { timelinePaging, windowQuery } from '../../../src/web/presenters/pages/timeline-paging.ts';

const entry = (id: number, minute: number) =>
  ({ id, occurredAt: new Date(Date.UTC(2026, 2, 2, 10, minute)) }) as TimelineEntryView;
const summary = { total: 600, hidden: 12, participants: [] };
const paging = (window: TimelineWindow, showHidden = false) =>
  timelinePaging({ window, summary, showHidden, incidentHref: '/incidents/7', timeZone: 'Europe/London' });

describe('timeline paging', () => {
  it('says nothing and links nowhere when the window is the whole timeline', () => {
    assert.equal(paging({ entries: [entry(1, 0)], previousId: null, nextId: null }), null);
  });

  it('names the window, counts the entries shown, and links to the entries either side', () => {
    const middle = paging({ entries: [entry(40, 5), entry(41, 6)], previousId: 39, nextId: 42 });
    assert.deepEqual(middle, {
      text: 'The timeline has 588 entries, shown 200 at a time. These are 2, from 2 Mar 2026, 10:05 GMT to 2 Mar 2026, 10:06 GMT.',
      earlierHref: '/incidents/7?until=39#entry-39',
      laterHref: '/incidents/7?from=42#entry-42',
    });
    assert.match(paging({ entries: [entry(1, 0)], previousId: null, nextId: 2 })?.text ?? '', /These are the first 1,/);
    assert.match(
      paging({ entries: [entry(9, 0)], previousId: 8, nextId: null })?.text ?? '',
      /These are the latest 1,/,
    );
  });

  it('counts hidden entries, and keeps them listed through the links, when they are shown', () => {
    const shown = paging({ entries: [entry(40, 5)], previousId: 39, nextId: null }, true);
    assert.match(shown?.text ?? '', /^The timeline has 600 entries/);
    assert.equal(shown?.earlierHref, '/incidents/7?until=39&hidden=include#entry-39');
  });

  it('writes a window as its query string, nothing for the newest entries', () => {
    assert.equal(windowQuery(null, false), '');
    assert.equal(windowQuery(null, true), '?hidden=include');
    assert.equal(windowQuery({ from: 5 }, false), '?from=5');
    assert.equal(windowQuery({ until: 5 }, true), '?until=5&hidden=include');
  });
});
