import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { userActor } from '../../../src/domain/index.ts';
import { addAction } from '../../../src/usecases/add-action.ts';
import { getActions } from '../../../src/usecases/get-actions.ts';
import { updateAction } from '../../../src/usecases/update-action.ts';
import {
  ALICE,
  cacheSlackUsers,
  declare,
  eventRows,
  expectRefused,
  type Harness,
  openHarness,
  rowCounts,
  timelineRows,
} from '../../support/storage-harness.ts';

describe('follow-up actions through the real storage', () => {
  let h: Harness;
  before(async () => {
    h = await openHarness();
    await cacheSlackUsers(h.db, { U0BOB: 'bob' });
  });
  after(() => h.dispose());

  const due = new Date('2026-03-09T17:00:00Z');
  const lastEvent = async (id: number) => (await eventRows(h.db, id)).at(-1);

  it('adds an action with owner and due date, and an action.added event', async () => {
    const incident = await declare(h);
    h.clock.advance(1_000);
    const outcome = await addAction(h.write, {
      incidentId: incident.id,
      text: '  Add an alert on 5xx rate ',
      ownerId: 'U0BOB',
      dueAt: due,
      actor: ALICE,
    });
    const action = outcome.value;
    assert.deepEqual(
      [action.incidentId, action.text, action.ownerId, action.done, action.dueAt, action.createdAt],
      [incident.id, 'Add an alert on 5xx rate', 'U0BOB', false, due, h.clock.now()],
    );
    const [listed] = await getActions(h.read, incident.id);
    assert.deepEqual(listed, { ...action, owner: { slackId: 'U0BOB', name: 'bob' } });

    const event = await lastEvent(incident.id);
    assert.equal(event?.type, 'action.added');
    assert.deepEqual([event?.actorKind, event?.actorId, event?.before], ['user', 'U0ALICE', null]);
    assert.deepEqual(event?.after, {
      actionId: action.id,
      text: 'Add an alert on 5xx rate',
      ownerId: 'U0BOB',
      dueAt: due.toISOString(),
    });
    assert.deepEqual(event?.occurredAt, h.clock.now());
    assert.equal(outcome.events[0]?.id, event?.id);
    assert.deepEqual(await timelineRows(h.db, incident.id), [], 'actions are not timeline entries');
  });

  it('lists actions oldest first, owners named from the cache or by id, unowned as null', async () => {
    const incident = await declare(h);
    for (const [text, ownerId] of [
      ['First', 'U0BOB'],
      ['Second', 'U0NOBODY'],
      ['Third', null],
    ] as const) {
      await addAction(h.write, { incidentId: incident.id, text, ownerId, actor: ALICE });
    }
    const listed = await getActions(h.read, incident.id);
    assert.deepEqual(
      listed.map((a) => [a.text, a.owner, a.dueAt]),
      [
        ['First', { slackId: 'U0BOB', name: 'bob' }, null],
        ['Second', { slackId: 'U0NOBODY', name: 'U0NOBODY' }, null],
        ['Third', null, null],
      ],
    );
    const other = await declare(h);
    assert.deepEqual(await getActions(h.read, other.id), [], 'actions belong to their incident');
  });

  it('refuses empty text and unknown incidents, writing nothing', async () => {
    const incident = await declare(h);
    await expectRefused(h, 'action_text_required', () =>
      addAction(h.write, { incidentId: incident.id, text: '   ', actor: ALICE }),
    );
    await expectRefused(h, 'incident_not_found', () =>
      addAction(h.write, { incidentId: 777_777, text: 'Orphan', actor: ALICE }),
    );
    await assert.rejects(getActions(h.read, 777_777), { code: 'incident_not_found' });
  });

  it('completes, reassigns, reschedules and rewords, with before and after in each event', async () => {
    const incident = await declare(h);
    const { value: action } = await addAction(h.write, {
      incidentId: incident.id,
      text: 'Write postmortem',
      ownerId: 'U0BOB',
      actor: ALICE,
    });
    const snapshot = { actionId: action.id, text: 'Write postmortem', ownerId: 'U0BOB', done: false, dueAt: null };
    h.clock.advance(3_600_000);
    const done = await updateAction(h.write, {
      incidentId: incident.id,
      actionId: action.id,
      patch: { done: true },
      actor: userActor('U0BOB'),
    });
    assert.equal(done.value.done, true);
    let event = await lastEvent(incident.id);
    assert.deepEqual([event?.type, event?.actorId], ['action.updated', 'U0BOB']);
    assert.deepEqual(event?.before, snapshot);
    assert.deepEqual(event?.after, { ...snapshot, done: true });
    assert.deepEqual(event?.occurredAt, h.clock.now());

    await updateAction(h.write, {
      incidentId: incident.id,
      actionId: action.id,
      patch: { text: ' Write and share postmortem ', ownerId: null, dueAt: due, done: false },
      actor: ALICE,
    });
    event = await lastEvent(incident.id);
    assert.deepEqual(event?.before, { ...snapshot, done: true });
    assert.deepEqual(event?.after, {
      actionId: action.id,
      text: 'Write and share postmortem',
      ownerId: null,
      done: false,
      dueAt: due.toISOString(),
    });
    const [stored] = await getActions(h.read, incident.id);
    assert.deepEqual(
      [stored?.text, stored?.ownerId, stored?.owner, stored?.done, stored?.dueAt],
      ['Write and share postmortem', null, null, false, due],
    );
    const types = (await eventRows(h.db, incident.id)).map((e) => e.type);
    assert.deepEqual(types, ['incident.declared', 'action.added', 'action.updated', 'action.updated']);
  });

  it('an update that changes nothing writes nothing', async () => {
    const incident = await declare(h);
    const { value: action } = await addAction(h.write, {
      incidentId: incident.id,
      text: 'Rotate keys',
      dueAt: due,
      actor: ALICE,
    });
    const before = await rowCounts(h.db);
    const outcome = await updateAction(h.write, {
      incidentId: incident.id,
      actionId: action.id,
      patch: { text: ' Rotate keys', done: false, ownerId: null, dueAt: new Date(due) },
      actor: ALICE,
    });
    assert.deepEqual(outcome.events, []);
    assert.deepEqual(outcome.value, action);
    assert.deepEqual(await rowCounts(h.db), before);
  });

  it('an unknown action, or one of another incident, is action_not_found and nothing changes', async () => {
    const mine = await declare(h);
    const theirs = await declare(h);
    const { value: action } = await addAction(h.write, { incidentId: theirs.id, text: 'Theirs', actor: ALICE });
    await expectRefused(h, 'action_not_found', () =>
      updateAction(h.write, { incidentId: mine.id, actionId: action.id, patch: { done: true }, actor: ALICE }),
    );
    await expectRefused(h, 'action_not_found', () =>
      updateAction(h.write, { incidentId: theirs.id, actionId: 888_888, patch: { done: true }, actor: ALICE }),
    );
    await expectRefused(h, 'action_text_required', () =>
      updateAction(h.write, { incidentId: theirs.id, actionId: action.id, patch: { text: ' ' }, actor: ALICE }),
    );
    const [stored] = await getActions(h.read, theirs.id);
    assert.deepEqual([stored?.text, stored?.done], ['Theirs', false]);
  });

  it('concurrent updates of one action each record a change from the value the previous one left', async () => {
    const incident = await declare(h);
    const { value: action } = await addAction(h.write, { incidentId: incident.id, text: 'v0', actor: ALICE });
    await Promise.all(
      ['v1', 'v2', 'v3', 'v4'].map((text) =>
        updateAction(h.write, { incidentId: incident.id, actionId: action.id, patch: { text }, actor: ALICE }),
      ),
    );
    const updates = (await eventRows(h.db, incident.id)).filter((e) => e.type === 'action.updated');
    assert.equal(updates.length, 4);
    let current = 'v0';
    for (const event of updates) {
      assert.equal((event.before as { text: string }).text, current);
      current = (event.after as { text: string }).text;
    }
    assert.equal((await getActions(h.read, incident.id))[0]?.text, current);
  });
});
