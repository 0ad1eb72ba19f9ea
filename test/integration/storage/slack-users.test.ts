// The Slack user cache on the real database: pages name people once the cache knows them, a
// profile change renames them everywhere, and only people the cache lacks are looked up.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { userActor } from '../../../src/domain/index.ts';
import { slackUsers } from '../../../src/storage/schema.ts';
import { createSlackUsers } from '../../../src/storage/slack-users.ts';
import type { PersonProfile } from '../../../src/usecases/index.ts';
import { addTimelineEntry, noticePeople, rememberPerson, updatePerson } from '../../../src/usecases/index.ts';
import { declare, type Harness, openHarness } from '../../support/storage-harness.ts';

const ALICE: PersonProfile = {
  id: 'U0ALICE',
  name: 'alice',
  realName: 'Alice Adams',
  email: 'alice@example.com',
  timezone: 'Europe/London',
  deleted: false,
};

describe('Slack user cache', () => {
  let h: Harness;
  let people: ReturnType<typeof createSlackUsers>;
  before(async () => {
    h = await openHarness();
    people = createSlackUsers(h.db);
  });
  after(() => h.dispose());

  it('shows ids until a person is known, then their name on the incident and its timeline', async () => {
    const incident = await declare(h, { reporterId: 'U0ALICE', leadId: 'U0BOB' });
    await addTimelineEntry(h.write, {
      incidentId: incident.id,
      source: 'manual',
      text: 'Rolled back',
      actor: userActor('U0ALICE'),
    });
    const before = await h.read.queries.get(incident.id);
    assert.deepEqual(before?.reporter, { slackId: 'U0ALICE', name: 'U0ALICE' });

    await people.save(ALICE);
    const after = await h.read.queries.get(incident.id);
    assert.deepEqual(after?.reporter, { slackId: 'U0ALICE', name: 'alice' });
    assert.deepEqual(after?.lead, { slackId: 'U0BOB', name: 'U0BOB' }, 'Bob is not known yet');
    const [entry] = await h.read.queries.timeline(incident.id, { includeHidden: false });
    assert.equal(entry?.author?.name, 'alice');
  });

  it('renames a person everywhere when their profile changes, keeping one row', async () => {
    const incident = await declare(h, { reporterId: 'U0ALICE' });
    const [before] = await h.db.select().from(slackUsers).where(eq(slackUsers.id, 'U0ALICE'));
    await updatePerson({ people }, { ...ALICE, name: 'Alice A.', timezone: 'America/New_York', deleted: true });
    assert.equal((await h.read.queries.get(incident.id))?.reporter?.name, 'Alice A.');
    const rows = await h.db.select().from(slackUsers).where(eq(slackUsers.id, 'U0ALICE'));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.timezone, 'America/New_York');
    assert.equal(rows[0]?.deleted, true);
    assert.equal(rows[0]?.realName, 'Alice Adams');
    assert.ok((rows[0]?.updatedAt.getTime() ?? 0) >= (before?.updatedAt.getTime() ?? Infinity), 'updated_at moves on');
  });

  it('tells which people it knows', async () => {
    assert.deepEqual([...(await people.known(['U0ALICE', 'U0NOBODY', 'U0ALICE']))], ['U0ALICE']);
    assert.deepEqual([...(await people.known([]))], []);
  });

  it('queues lookups only for the people it does not know, each once', async () => {
    const queued: string[][] = [];
    const lookups = { lookUp: async (ids: readonly string[]) => void queued.push([...ids]) };
    assert.deepEqual(await noticePeople({ people, lookups }, ['U0ALICE', 'U0CAROL', 'U0CAROL', 'U0DAVE']), [
      'U0CAROL',
      'U0DAVE',
    ]);
    assert.deepEqual(await noticePeople({ people, lookups }, ['U0ALICE']), []);
    assert.deepEqual(queued, [['U0CAROL', 'U0DAVE']], 'nothing queued when everyone is known');
  });

  it('keeps what the directory says about a person, and nothing for an id it does not know', async () => {
    const directory = {
      lookup: async (id: string) => (id === 'U0CAROL' ? { ...ALICE, id, name: 'carol', realName: 'Carol Chen' } : null),
    };
    assert.equal((await rememberPerson({ people, directory }, 'U0CAROL'))?.name, 'carol');
    assert.equal(await rememberPerson({ people, directory }, 'U0GHOST'), null);
    assert.deepEqual([...(await people.known(['U0CAROL', 'U0GHOST']))], ['U0CAROL']);
  });
});
