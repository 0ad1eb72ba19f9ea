import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SYSTEM, userActor } from '../../../src/domain/index.ts';
import { addTimelineEntry } from '../../../src/usecases/add-timeline-entry.ts';
import { editTimelineEntry } from '../../../src/usecases/edit-timeline-entry.ts';
import { getTimeline } from '../../../src/usecases/get-timeline.ts';
import { hideTimelineEntry } from '../../../src/usecases/hide-timeline-entry.ts';
import { setSeverity } from '../../../src/usecases/set-severity.ts';
import {
  ALICE,
  declare,
  eventRows,
  expectRefused,
  type Harness,
  openHarness,
  rowCounts,
  timelineRows,
} from '../../support/storage-harness.ts';

describe('timeline entries through the real storage', () => {
  let h: Harness;
  before(async () => {
    h = await openHarness();
  });
  after(() => h.dispose());

  const lastEvent = async (id: number) => (await eventRows(h.db, id)).at(-1);
  const message = (ts: string, channelId = 'C0INC') => ({ channelId, ts, permalink: `https://x.slack.com/p${ts}` });

  it('adds a typed entry: stored trimmed, authored by the actor, with a timeline.added event', async () => {
    const incident = await declare(h);
    h.clock.advance(2_000);
    const outcome = await addTimelineEntry(h.write, {
      incidentId: incident.id,
      source: 'manual',
      text: '  Rolled back deploy 42  ',
      actor: ALICE,
    });
    const { entry, created } = outcome.value;
    assert.equal(created, true);
    assert.deepEqual(
      [entry.text, entry.source, entry.authorId, entry.hidden, entry.slack],
      ['Rolled back deploy 42', 'manual', 'U0ALICE', false, null],
    );
    assert.deepEqual(entry.occurredAt, h.clock.now());
    const [shown] = await getTimeline(h.read, { incidentId: incident.id });
    assert.equal(shown?.text, 'Rolled back deploy 42');
    const event = await lastEvent(incident.id);
    assert.equal(event?.type, 'timeline.added');
    assert.deepEqual([event?.actorKind, event?.actorId, event?.before], ['user', 'U0ALICE', null]);
    assert.deepEqual(event?.after, { entryId: entry.id, source: 'manual', text: 'Rolled back deploy 42' });
    assert.equal(outcome.events[0]?.id, event?.id);
  });

  it('keeps one entry per Slack message however often it is captured', async () => {
    const incident = await declare(h);
    const pinnedAt = new Date('2026-03-02T09:58:00Z');
    const first = await addTimelineEntry(h.write, {
      incidentId: incident.id,
      source: 'pin',
      text: 'Database failover started',
      actor: ALICE,
      authorId: 'U0BOB',
      occurredAt: pinnedAt,
      slack: message('1700000000.000100'),
    });
    assert.deepEqual([first.value.entry.authorId, first.value.entry.occurredAt], ['U0BOB', pinnedAt]);
    const before = await rowCounts(h.db);
    for (const source of ['pin', 'reaction', 'shortcut'] as const) {
      const again = await addTimelineEntry(h.write, {
        incidentId: incident.id,
        source,
        text: 'Different text',
        actor: userActor('U0CAROL'),
        slack: message('1700000000.000100'),
      });
      assert.equal(again.value.created, false);
      assert.deepEqual(again.value.entry, first.value.entry, 'the first capture is kept as it was');
      assert.deepEqual(again.events, []);
    }
    assert.deepEqual(await rowCounts(h.db), before, 'redeliveries write nothing');

    const otherChannel = await addTimelineEntry(h.write, {
      incidentId: incident.id,
      source: 'pin',
      text: 'Same ts, other channel',
      actor: ALICE,
      slack: message('1700000000.000100', 'C0OTHER'),
    });
    const otherIncident = await declare(h);
    const elsewhere = await addTimelineEntry(h.write, {
      incidentId: otherIncident.id,
      source: 'pin',
      text: 'Same message, other incident',
      actor: ALICE,
      slack: message('1700000000.000100'),
    });
    assert.equal(otherChannel.value.created, true);
    assert.equal(elsewhere.value.created, true);
  });

  it('refuses empty text and unknown incidents, writing nothing', async () => {
    const incident = await declare(h);
    await expectRefused(h, 'timeline_text_required', () =>
      addTimelineEntry(h.write, { incidentId: incident.id, source: 'manual', text: '  ', actor: ALICE }),
    );
    await expectRefused(h, 'incident_not_found', () =>
      addTimelineEntry(h.write, { incidentId: 31_337, source: 'manual', text: 'Hello', actor: ALICE }),
    );
  });

  it('hides and shows an entry, by id or by its Slack message, each with its event', async () => {
    const incident = await declare(h);
    const { entry } = (
      await addTimelineEntry(h.write, {
        incidentId: incident.id,
        source: 'reaction',
        text: 'Noise',
        actor: ALICE,
        slack: message('1700000000.000200'),
      })
    ).value;
    const byId = { incidentId: incident.id, target: { entryId: entry.id }, hidden: true, actor: ALICE };
    const hidden = await hideTimelineEntry(h.write, byId);
    assert.equal(hidden.value.hidden, true);
    assert.deepEqual(await getTimeline(h.read, { incidentId: incident.id }), []);
    assert.equal((await getTimeline(h.read, { incidentId: incident.id, includeHidden: true }))[0]?.hidden, true);
    const hideEvent = await lastEvent(incident.id);
    assert.equal(hideEvent?.type, 'timeline.hidden');
    assert.deepEqual(hideEvent?.before, { entryId: entry.id, hidden: false });
    assert.deepEqual(hideEvent?.after, { entryId: entry.id, hidden: true });

    const before = await rowCounts(h.db);
    assert.deepEqual((await hideTimelineEntry(h.write, byId)).events, []);
    assert.deepEqual(await rowCounts(h.db), before, 'hiding a hidden entry writes nothing');

    await hideTimelineEntry(h.write, {
      incidentId: incident.id,
      target: { slack: { channelId: 'C0INC', ts: '1700000000.000200' } },
      hidden: false,
      actor: SYSTEM,
    });
    assert.equal((await getTimeline(h.read, { incidentId: incident.id }))[0]?.text, 'Noise');
    const showEvent = await lastEvent(incident.id);
    assert.deepEqual([showEvent?.type, showEvent?.actorKind], ['timeline.shown', 'system']);
    assert.deepEqual(showEvent?.after, { entryId: entry.id, hidden: false });
  });

  it('an entry of another incident, or none at all, is timeline_entry_not_found', async () => {
    const mine = await declare(h);
    const theirs = await declare(h);
    const { entry } = (
      await addTimelineEntry(h.write, { incidentId: theirs.id, source: 'manual', text: 'Theirs', actor: ALICE })
    ).value;
    await expectRefused(h, 'timeline_entry_not_found', () =>
      hideTimelineEntry(h.write, { incidentId: mine.id, target: { entryId: entry.id }, hidden: true, actor: ALICE }),
    );
    await expectRefused(h, 'timeline_entry_not_found', () =>
      editTimelineEntry(h.write, { incidentId: mine.id, target: { entryId: entry.id }, text: 'Mine', actor: ALICE }),
    );
    await expectRefused(h, 'timeline_entry_not_found', () =>
      editTimelineEntry(h.write, {
        incidentId: mine.id,
        target: { slack: { channelId: 'C0NONE', ts: '1.2' } },
        text: 'x',
        actor: SYSTEM,
      }),
    );
    assert.equal((await timelineRows(h.db, theirs.id))[0]?.text, 'Theirs');
  });

  it('edits a manual entry text and time with a timeline.updated event holding both versions', async () => {
    const incident = await declare(h);
    const { entry } = (
      await addTimelineEntry(h.write, { incidentId: incident.id, source: 'manual', text: 'Restartd', actor: ALICE })
    ).value;
    const earlier = new Date(entry.occurredAt.getTime() - 600_000);
    const outcome = await editTimelineEntry(h.write, {
      incidentId: incident.id,
      target: { entryId: entry.id },
      text: ' Restarted the workers ',
      occurredAt: earlier,
      actor: userActor('U0BOB'),
    });
    assert.deepEqual([outcome.value.text, outcome.value.occurredAt], ['Restarted the workers', earlier]);
    const [stored] = await timelineRows(h.db, incident.id);
    assert.deepEqual(
      [stored?.text, stored?.occurredAt, stored?.authorId],
      ['Restarted the workers', earlier, 'U0ALICE'],
    );
    const event = await lastEvent(incident.id);
    assert.deepEqual([event?.type, event?.actorId], ['timeline.updated', 'U0BOB']);
    assert.deepEqual(event?.before, {
      entryId: entry.id,
      text: 'Restartd',
      occurredAt: entry.occurredAt.toISOString(),
    });
    assert.deepEqual(event?.after, {
      entryId: entry.id,
      text: 'Restarted the workers',
      occurredAt: earlier.toISOString(),
    });

    const before = await rowCounts(h.db);
    const same = await editTimelineEntry(h.write, {
      incidentId: incident.id,
      target: { entryId: entry.id },
      text: 'Restarted the workers',
      actor: ALICE,
    });
    assert.deepEqual(same.events, []);
    assert.deepEqual(await rowCounts(h.db), before, 'an edit to the same text writes nothing');
    await expectRefused(h, 'timeline_text_required', () =>
      editTimelineEntry(h.write, { incidentId: incident.id, target: { entryId: entry.id }, text: ' ', actor: ALICE }),
    );
  });

  it('captured Slack messages are edited only by the bot; change and update records by nobody', async () => {
    const incident = await declare(h);
    const slack = message('1700000000.000300');
    await addTimelineEntry(h.write, { incidentId: incident.id, source: 'pin', text: 'Typo', actor: ALICE, slack });
    const target = { slack: { channelId: slack.channelId, ts: slack.ts } };
    await expectRefused(h, 'timeline_entry_not_editable', () =>
      editTimelineEntry(h.write, { incidentId: incident.id, target, text: 'Fixed by hand', actor: ALICE }),
    );
    await editTimelineEntry(h.write, { incidentId: incident.id, target, text: 'Fixed in Slack', actor: SYSTEM });
    assert.equal((await getTimeline(h.read, { incidentId: incident.id }))[0]?.text, 'Fixed in Slack');

    await setSeverity(h.write, { incidentId: incident.id, severity: 'critical', actor: ALICE });
    const { entry: update } = (
      await addTimelineEntry(h.write, { incidentId: incident.id, source: 'update', text: 'All good', actor: ALICE })
    ).value;
    const change = (await timelineRows(h.db, incident.id)).find((e) => e.source === 'change');
    assert.ok(change);
    for (const entryId of [change.id, update.id]) {
      for (const actor of [ALICE, SYSTEM]) {
        await expectRefused(h, 'timeline_entry_not_editable', () =>
          editTimelineEntry(h.write, { incidentId: incident.id, target: { entryId }, text: 'Rewritten', actor }),
        );
      }
    }
    assert.equal(
      (await timelineRows(h.db, incident.id)).find((e) => e.id === change.id)?.text,
      'Severity changed from Major to Critical by <@U0ALICE>',
    );
  });
});
