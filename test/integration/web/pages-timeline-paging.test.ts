// A long timeline on the incident page over real HTTP: 200 entries at a time (the newest first
// shown), Earlier / Later links keyed on entries, counts of the whole timeline, participants from all
// of it, and curation that lands back on the window holding the entry it changed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { banner, decodeHtml, pageText, section } from '../../support/page-client.ts';
import { type PageService, startPageService } from '../../support/page-service.ts';

const WINDOW = 200;
const ENTRIES = 450;

/** The ids of the timeline entries listed on a page, in order. */
const listed = (html: string): number[] =>
  [...html.matchAll(/<li class="app-timeline__entry[^"]*" id="entry-(\d+)">/g)].map((m) => Number(m[1]));

/** The href of a pagination link (rel prev or next), decoded, or null. */
const pagingLink = (html: string, rel: 'prev' | 'next'): string | null => {
  const href = new RegExp(`href="([^"]+)" rel="${rel}"`).exec(html)?.[1];
  return href ? decodeHtml(href) : null;
};

describe('incident page: a long timeline, a window at a time', () => {
  let p: PageService;
  let id: number;
  /** Every entry in timeline order, with whether it is hidden. */
  let all: { id: number; hidden: boolean }[] = [];
  const visible = () => all.filter((entry) => !entry.hidden).map((entry) => entry.id);

  const readTimeline = async () => {
    const { rows } = await p.service.db.executeSql(
      'select id, hidden from timeline_entries where incident_id = $1 order by occurred_at, id',
      [id],
    );
    all = (rows as { id: string | number; hidden: boolean }[]).map((r) => ({ id: Number(r.id), hidden: r.hidden }));
  };

  before(async () => {
    p = await startPageService();
    await p.people({ U0ALICE: 'Alice Adams', U0BOB: 'Bob Brown', U0CAROL: 'Carol Chen', U0DAVE: 'Dave Diaz' });
    id = await p.declare({ title: 'Ledger out of balance' });
    // Two entries a minute, both at the same microsecond-precise time (as SQL's now() writes them):
    // a cursor rounded to milliseconds, or one ignoring the id, would skip or repeat entries.
    // Every 50th is hidden; Carol wrote one early entry only, Dave one hidden entry only.
    await p.service.db.executeSql(
      `insert into timeline_entries (incident_id, source, text, occurred_at, author_id, hidden)
       select $1, 'manual', 'Entry ' || n,
              timestamptz '2026-03-02 10:00:00.000123+00' + (n / 2) * interval '1 minute',
              case when n = 3 then 'U0CAROL' when n = 100 then 'U0DAVE'
                   when n % 2 = 0 then 'U0ALICE' else 'U0BOB' end,
              n % 50 = 0
       from generate_series(1, ${ENTRIES}) n`,
      [id],
    );
    await readTimeline();
  });
  after(() => p.stop());

  it('shows the newest 200 entries oldest first, says how many there are, links to earlier ones', async () => {
    const page = await p.browser.get(`/incidents/${id}`);
    assert.equal(page.status, 200);
    const shown = visible();
    assert.deepEqual(listed(page.html), shown.slice(-WINDOW));
    const text = pageText(section(page.html, 'id="timeline-paging"', '</p>'));
    assert.match(
      text,
      new RegExp(
        `^The timeline has ${shown.length} entries, shown 200 at a time\\. These are the latest 200, from .+ to .+\\.`,
      ),
    );
    assert.match(text, /The post-incident report shows the whole timeline on one page\./);
    assert.match(section(page.html, 'id="timeline-paging"', '</p>'), new RegExp(`href="/incidents/${id}/report"`));
    assert.match(pageText(page.html), /9 hidden entries are left out\. Show hidden entries/);
    const earlierTo = shown.at(-WINDOW - 1);
    assert.equal(pagingLink(page.html, 'prev'), `/incidents/${id}?until=${earlierTo}#entry-${earlierTo}`);
    assert.equal(pagingLink(page.html, 'next'), null, 'nothing later than the newest entries');
    // Participants come from the whole timeline, hidden entries included, not from the window.
    assert.match(pageText(page.html), /Participants Alice Adams, Bob Brown, Carol Chen, Dave Diaz/);
  });

  it('pages back and forth through the timeline, every entry exactly once', async () => {
    const seen: number[] = [];
    const rest = visible().length - 2 * WINDOW;
    let path: string | null = `/incidents/${id}`;
    let pages = 0;
    while (path && pages < 10) {
      const page = await p.browser.get(path);
      seen.unshift(...listed(page.html));
      path = pagingLink(page.html, 'prev');
      pages += 1;
      if (!path) {
        assert.match(pageText(page.html), new RegExp(`These are the first ${rest}, from `));
        const later = pagingLink(page.html, 'next');
        assert.ok(later);
        const forward = await p.browser.get(later);
        assert.deepEqual(
          listed(forward.html),
          visible().slice(rest, rest + WINDOW),
          'Later leads to the entries after',
        );
        assert.ok(pagingLink(forward.html, 'prev') && pagingLink(forward.html, 'next'), 'both ways from the middle');
      }
    }
    assert.equal(pages, 3);
    assert.deepEqual(seen, visible());
  });

  it('lists hidden entries in the window on request, keeping the window when switching', async () => {
    const anchor = visible().at(-WINDOW - 1);
    const plain = await p.browser.get(`/incidents/${id}?until=${anchor}`);
    const show = /<a class="govuk-link" href="([^"]+)">Show hidden entries<\/a>/.exec(plain.html)?.[1];
    assert.equal(decodeHtml(show ?? ''), `/incidents/${id}?until=${anchor}&hidden=include#timeline`);
    const withHidden = await p.browser.get(decodeHtml(show ?? ''));
    const upTo = all.findIndex((entry) => entry.id === anchor);
    assert.deepEqual(
      listed(withHidden.html),
      all.slice(upTo + 1 - WINDOW, upTo + 1).map((entry) => entry.id),
    );
    assert.match(pageText(withHidden.html), new RegExp(`The timeline has ${all.length} entries, shown 200 at a time`));
    const leave = /<a class="govuk-link" href="([^"]+)">Leave hidden entries out<\/a>/.exec(withHidden.html)?.[1];
    assert.equal(decodeHtml(leave ?? ''), `/incidents/${id}?until=${anchor}#timeline`);
    assert.match(pagingLink(withHidden.html, 'prev') ?? '', /&hidden=include#entry-/);
  });

  it('shows the newest entries for a window link to an entry it does not have', async () => {
    for (const query of ['from=999999', 'until=0', 'from=abc', 'until=-3', 'from=9999999999']) {
      const page = await p.browser.get(`/incidents/${id}?${query}`);
      assert.equal(page.status, 200, query);
      assert.deepEqual(listed(page.html), visible().slice(-WINDOW), query);
    }
  });

  it('hides an old entry and lands on the window that starts with it, shown marked', async () => {
    const old = visible()[10] as number;
    const hidden = await p.browser.submit(`/incidents/${id}/timeline/${old}/visibility`, { hidden: 'true' });
    assert.equal(
      hidden.redirectedTo,
      `/incidents/${id}?changed=timeline-hidden&from=${old}&hidden=include#entry-${old}`,
    );
    assert.match(banner(hidden.html) ?? '', /Timeline entry hidden/);
    assert.equal(listed(hidden.html)[0], old);
    assert.match(pageText(section(hidden.html, `id="entry-${old}"`, '</li>')), /Hidden/);

    const shown = await p.browser.submit(`/incidents/${id}/timeline/${old}/visibility`, { hidden: 'false' });
    assert.equal(shown.redirectedTo, `/incidents/${id}?changed=timeline-shown&from=${old}#entry-${old}`);
    assert.equal(listed(shown.html)[0], old);
    await readTimeline();
  });

  it('hides a recent entry and lands on the page as it opens, as before paging', async () => {
    const recent = visible().at(-5) as number;
    const hidden = await p.browser.submit(`/incidents/${id}/timeline/${recent}/visibility`, { hidden: 'true' });
    assert.equal(hidden.redirectedTo, `/incidents/${id}?changed=timeline-hidden&hidden=include#entry-${recent}`);
    assert.ok(listed(hidden.html).includes(recent));
    await p.browser.submit(`/incidents/${id}/timeline/${recent}/visibility`, { hidden: 'false' });
  });

  it('edits an old note from its own page, which links back to its window, and returns there', async () => {
    const old = visible()[20] as number;
    const form = await p.browser.get(`/incidents/${id}/timeline/${old}`);
    assert.equal(form.status, 200);
    const back = /<a href="([^"]+)" class="govuk-back-link">/.exec(form.html)?.[1];
    assert.equal(decodeHtml(back ?? ''), `/incidents/${id}?from=${old}#entry-${old}`);
    const saved = await p.browser.submit(`/incidents/${id}/timeline/${old}`, {
      text: 'Entry rewritten',
      date: '2026-03-02',
      time: '10:10',
    });
    assert.equal(saved.redirectedTo, `/incidents/${id}?changed=timeline-edited&from=${old}#entry-${old}`);
    assert.match(pageText(section(saved.html, `id="entry-${old}"`, '</li>')), /Entry rewritten/);
    await readTimeline();
  });

  it('adds a note at an old time and lands on its window; a note for now lands on the newest', async () => {
    const early = await p.browser.submit(`/incidents/${id}/timeline`, {
      text: 'Remembered later: the first alert',
      date: '2026-03-02',
      time: '10:01',
    });
    const added = /from=(\d+)#entry-(\d+)$/.exec(early.redirectedTo);
    assert.ok(added, early.redirectedTo);
    assert.equal(added[1], added[2]);
    assert.equal(listed(early.html)[0], Number(added[1]));
    assert.match(pageText(early.html), /Remembered later: the first alert/);

    p.service.clock.advance(5 * 60 * 60_000); // past the last entry: "now" is the newest
    const now = await p.browser.submit(`/incidents/${id}/timeline`, { text: 'Ledger balanced', date: '', time: '' });
    assert.match(now.redirectedTo, new RegExp(`^/incidents/${id}\\?changed=timeline-added#entry-\\d+$`));
    assert.equal(pageText(now.html).match(/Ledger balanced/)?.length, 1);
  });

  it('keeps the whole timeline on the report page', async () => {
    await readTimeline();
    const report = await p.browser.get(`/incidents/${id}/report`);
    const entries = section(report.html, 'class="app-timeline"', '</ol>').match(/<li class="app-timeline__entry/g);
    assert.equal(entries?.length, visible().length);
  });

  it('serves pages without an ETag: they are never cached, so hashing them is wasted', async () => {
    const page = await p.browser.get(`/incidents/${id}`);
    assert.equal(page.headers.get('etag'), null);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.equal(Number(page.headers.get('content-length')), Buffer.byteLength(page.html));
  });
});

describe('incident page: a short timeline', () => {
  let p: PageService;
  let id: number;

  before(async () => {
    p = await startPageService();
    id = await p.declare({ title: 'Short one' });
    for (const text of ['First', 'Second', 'Third']) {
      await p.browser.submit(`/incidents/${id}/timeline`, { text, date: '', time: '' });
    }
  });
  after(() => p.stop());

  it('lists every entry with no paging, counts or window links, as before', async () => {
    const page = await p.browser.get(`/incidents/${id}`);
    assert.match(pageText(section(page.html, 'class="app-timeline"', '</ol>')), /First.*Second.*Third/);
    assert.doesNotMatch(page.html, /timeline-paging|govuk-pagination|Earlier entries|Later entries/);
    const entry = listed(page.html)[0];
    const hidden = await p.browser.submit(`/incidents/${id}/timeline/${entry}/visibility`, { hidden: 'true' });
    assert.equal(hidden.redirectedTo, `/incidents/${id}?changed=timeline-hidden&hidden=include#entry-${entry}`);
    const form = await p.browser.get(`/incidents/${id}/timeline/${entry}`);
    assert.match(form.html, new RegExp(`<a href="/incidents/${id}#entry-${entry}" class="govuk-back-link">`));
  });
});
