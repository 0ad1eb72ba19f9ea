// Open incidents first, then resolved ones: how the two keyset walks join across a page boundary.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Status } from '../../../src/domain/index.ts';
import { listIncidentsOpenFirst, type OpenFirstCursor } from '../../../src/usecases/list-incidents-open-first.ts';
import type { IncidentQueries, IncidentView } from '../../../src/usecases/ports.ts';

/** Incidents 1…n, newest = highest id; `resolved` ids are resolved. In memory, newest first, keyset by id. */
const queries = (n: number, resolved: readonly number[]): IncidentQueries => {
  const all = Array.from({ length: n }, (_, i) => n - i).map(
    (id) =>
      ({
        id,
        status: (resolved.includes(id) ? 'resolved' : 'investigating') as Status,
        reportedAt: new Date(Date.UTC(2026, 2, 2, 0, id)),
      }) as IncidentView,
  );
  return {
    async list(filter, limit, after) {
      const rows = all.filter(
        (i) => (!filter.status || filter.status.includes(i.status)) && (!after || i.id < after.id),
      );
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return { items, next: rows.length > limit && last ? { reportedAt: last.reportedAt, id: last.id } : null };
    },
    // A search is one statement in storage (open first, then resolved): the same walk, done at once.
    async listOpenFirst(filter, limit, after) {
      const section = (i: IncidentView) => (i.status === 'resolved' ? 'resolved' : 'open');
      const rank = (i: IncidentView) => (section(i) === 'open' ? 0 : 1);
      const ordered = all
        .filter((i) => !filter.status || filter.status.includes(i.status))
        .sort((a, b) => rank(a) - rank(b) || b.id - a.id);
      const rows = ordered.filter((i) => {
        if (!after) return true;
        if (after.section === 'resolved') return section(i) === 'resolved' && (!after.after || i.id < after.after.id);
        return section(i) === 'resolved' || !after.after || i.id < after.after.id;
      });
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      const following = rows[limit];
      if (!following || !last) return { items, next: null };
      const next = section(following);
      return {
        items,
        next: { section: next, after: next === section(last) ? { reportedAt: last.reportedAt, id: last.id } : null },
      };
    },
    get: async () => null,
    timeline: async () => [],
    timelineWindow: async () => null,
    timelineSummary: async () => ({ total: 0, hidden: 0, participants: [] }),
    actions: async () => [],
    eventsSince: async () => [],
  };
};

const walk = async (q: IncidentQueries, limit: number, status?: Status[], search?: string) => {
  const pages: { open: number[]; resolved: number[] }[] = [];
  let after: OpenFirstCursor | null = null;
  const filter = { ...(status && { status }), ...(search && { q: search }) };
  do {
    const page = await listIncidentsOpenFirst({ queries: q }, { filter, limit, after });
    pages.push({ open: page.open.map((i) => i.id), resolved: page.resolved.map((i) => i.id) });
    after = page.next;
  } while (after && pages.length < 20);
  return pages;
};

describe('open-first list', () => {
  it('fills a page with open incidents, then resolved ones, without gaps or repeats', async () => {
    assert.deepEqual(await walk(queries(7, [1, 2, 5]), 3), [
      { open: [7, 6, 4], resolved: [] },
      { open: [3], resolved: [5, 2] },
      { open: [], resolved: [1] },
    ]);
  });

  it('gives a Next link after a page that ends exactly with the last open incident, if resolved ones follow', async () => {
    assert.deepEqual(await walk(queries(5, [1, 2]), 3), [
      { open: [5, 4, 3], resolved: [] },
      { open: [], resolved: [2, 1] },
    ]);
    assert.deepEqual(await walk(queries(3, []), 3), [{ open: [3, 2, 1], resolved: [] }], 'no empty last page');
  });

  it('keeps to the statuses asked for', async () => {
    assert.deepEqual(await walk(queries(5, [1, 2]), 10, ['resolved']), [{ open: [], resolved: [2, 1] }]);
    assert.deepEqual(await walk(queries(5, [1, 2]), 10, ['investigating']), [{ open: [5, 4, 3], resolved: [] }]);
  });

  it('pages a search (one statement in storage) exactly as the section-by-section walk', async () => {
    for (const [n, resolved, limit] of [
      [7, [1, 2, 5], 3],
      [5, [1, 2], 3],
      [3, [], 3],
      [6, [1, 2, 3, 4, 5, 6], 4],
    ] as const) {
      assert.deepEqual(
        await walk(queries(n, resolved), limit, undefined, 'db'),
        await walk(queries(n, resolved), limit),
      );
    }
  });
});
