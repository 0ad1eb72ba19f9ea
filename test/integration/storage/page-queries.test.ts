// What the pages added to the read side: the reported-date range of the list, and names from the
// Slack user cache (createPeopleQueries).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createPeopleQueries } from '../../../src/storage/incident-queries.ts';
import { slackUsers } from '../../../src/storage/schema.ts';
import { listIncidents } from '../../../src/usecases/list-incidents.ts';
import { namePeople } from '../../../src/usecases/name-people.ts';
import type { IncidentFilter } from '../../../src/usecases/ports.ts';
import { declare, type Harness, openHarness } from '../../support/storage-harness.ts';

const HOUR = 3_600_000;

describe('list by reported date, and people names', () => {
  let h: Harness;
  const ids: number[] = [];

  before(async () => {
    h = await openHarness();
    // Reported 10:00, 11:00, 12:00, 13:00 on 2 March 2026 (UTC).
    for (let i = 0; i < 4; i++) {
      ids.push((await declare(h, { title: `Incident ${i}` })).id);
      h.clock.advance(HOUR);
    }
    await h.db.insert(slackUsers).values([
      { id: 'U0BOB', name: 'Bob Brown' },
      { id: 'U0ALICE', name: 'Alice Adams' },
      { id: 'U0GONE', name: 'Gone Person', deleted: true },
    ]);
  });
  after(() => h.dispose());

  const listed = async (filter: IncidentFilter) =>
    (await listIncidents(h.read, { filter, limit: 100 })).items.map((i) => i.id);

  it('keeps incidents reported from `from` (included) to `to` (excluded)', async () => {
    const at = (hour: number) => new Date(`2026-03-02T${hour}:00:00Z`);
    assert.deepEqual(await listed({ from: at(11), to: at(13) }), [ids[2], ids[1]]);
    assert.deepEqual(await listed({ from: at(13) }), [ids[3]]);
    assert.deepEqual(await listed({ to: at(11) }), [ids[0]]);
    assert.deepEqual(await listed({ from: at(12), to: at(12) }), []);
  });

  it('pages through a date range with the usual cursor', async () => {
    const filter = { from: new Date('2026-03-02T10:30:00Z') };
    const first = await listIncidents(h.read, { filter, limit: 2 });
    assert.deepEqual(
      first.items.map((i) => i.id),
      [ids[3], ids[2]],
    );
    const second = await listIncidents(h.read, { filter, limit: 2, after: first.next });
    assert.deepEqual(
      second.items.map((i) => i.id),
      [ids[1]],
    );
    assert.equal(second.next, null);
  });

  it('names the ids the cache knows and leaves out the others', async () => {
    const names = await namePeople({ people: createPeopleQueries(h.db) }, ['U0BOB', 'U0NOBODY', 'U0BOB', 'U0GONE']);
    assert.deepEqual([...names].sort(), [
      ['U0BOB', 'Bob Brown'],
      ['U0GONE', 'Gone Person'],
    ]);
    assert.equal((await namePeople({ people: createPeopleQueries(h.db) }, [])).size, 0);
  });

  it('lists known people by name for pickers, without deactivated ones', async () => {
    assert.deepEqual(await createPeopleQueries(h.db).known(10), [
      { slackId: 'U0ALICE', name: 'Alice Adams' },
      { slackId: 'U0BOB', name: 'Bob Brown' },
    ]);
    assert.equal((await createPeopleQueries(h.db).known(1)).length, 1);
  });
});
