// The event inbox without a database: an in-memory EventReceipts with the same contract, and a
// handler that records what it ran. The storage half is tested on the real database
// (test/integration/storage/event-receipts.test.ts); the whole path over HTTP in test/integration/slack.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Request, Response } from 'express';
import pino from 'pino';
import { createBackgroundWork } from '../../../src/slack/background.ts';
import { createEventInbox } from '../../../src/slack/event-inbox.ts';
import type { EventReceipts, InboxEvent } from '../../../src/usecases/index.ts';

interface Row {
  payload: unknown;
  attempts: number;
  done: boolean;
  dueNow: boolean;
  error?: string;
}

const memoryReceipts = (failStore = false) => {
  const rows = new Map<string, Row>();
  const receipts: EventReceipts = {
    claim: async () => true,
    complete: async (key) => {
      const row = rows.get(key);
      if (row) Object.assign(row, { done: true, payload: null });
    },
    release: async (key) => {
      rows.delete(key);
    },
    accept: async (key, json) => {
      if (failStore) throw new Error('database unavailable');
      if (rows.has(key)) return false;
      // As the database hands jsonb back: parsed.
      rows.set(key, { payload: JSON.parse(json), attempts: 1, done: false, dueNow: false });
      return true;
    },
    renew: async (key, attempts) => {
      const row = rows.get(key);
      return Boolean(row && !row.done && row.attempts === attempts);
    },
    retryLater: async (key, error) => {
      const row = rows.get(key);
      if (row) Object.assign(row, { error, dueNow: true });
    },
    giveUp: async (key, error) => {
      const row = rows.get(key);
      if (row) Object.assign(row, { error, done: true });
    },
    takeDue: async (limit) => {
      const due: InboxEvent[] = [];
      for (const [key, row] of rows) {
        if (due.length >= limit || row.done || !row.dueNow) continue;
        row.attempts++;
        row.dueNow = false;
        due.push({ key, payload: row.payload, attempts: row.attempts });
      }
      return due;
    },
    prune: async () => 0,
  };
  return { rows, receipts };
};

const eventBody = (eventId: string, event: Record<string, unknown>) => ({
  type: 'event_callback',
  event_id: eventId,
  event,
});

/** Calls the inbox's Express handler with just what it reads and writes. */
const deliver = async (takeIn: ReturnType<typeof createEventInbox>['takeIn'], body: unknown) => {
  const answer = { status: 0, nextCalled: false };
  const res = {
    locals: { slackRequest: { body, text: JSON.stringify(body) } },
    status(code: number) {
      answer.status = code;
      return res;
    },
    type: () => res,
    send: () => res,
    end: () => res,
  };
  await takeIn({} as Request, res as unknown as Response, () => {
    answer.nextCalled = true;
  });
  return answer;
};

const setUp = (handle: (body: Record<string, unknown>) => Promise<void>, failStore = false, renewAfterMs?: number) => {
  const memory = memoryReceipts(failStore);
  const background = createBackgroundWork((error) => {
    throw error;
  });
  const inbox = createEventInbox({
    receipts: memory.receipts,
    handle,
    background,
    logger: pino({ level: 'silent' }),
    ...(renewAfterMs === undefined ? {} : { renewAfterMs }),
  });
  return { ...memory, background, inbox };
};

/** Sweeps often until the event is done (or a few seconds pass), then waits for the handling to end. */
const sweepUntilDone = async (
  { inbox, background, rows }: Pick<ReturnType<typeof setUp>, 'inbox' | 'background' | 'rows'>,
  key: string,
) => {
  inbox.startSweep(0.01);
  try {
    const deadline = Date.now() + 3_000;
    while (!rows.get(key)?.done && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  } finally {
    inbox.stopSweep();
  }
  await background.idle();
};

describe('event inbox', () => {
  it('answers an event once stored, then handles it; a redelivery is answered and not handled again', async () => {
    const handled: string[] = [];
    const { inbox, background, rows } = setUp(async (body) => {
      handled.push(String(body.event_id));
    });
    const body = eventBody('Ev1', { type: 'pin_added', channel_id: 'C1' });
    assert.deepEqual(await deliver(inbox.takeIn, body), { status: 200, nextCalled: false });
    assert.deepEqual(await deliver(inbox.takeIn, body), { status: 200, nextCalled: false });
    await background.idle();
    assert.deepEqual(handled, ['Ev1']);
    assert.equal(rows.get('Ev1')?.done, true);
  });

  it('passes anything but an event callback on to Bolt', async () => {
    const { inbox } = setUp(async () => assert.fail('not an event'));
    assert.equal((await deliver(inbox.takeIn, { type: 'url_verification', challenge: 'x' })).nextCalled, true);
    assert.equal((await deliver(inbox.takeIn, { type: 'block_actions' })).nextCalled, true);
  });

  it('answers 500 when the event cannot be stored, so Slack delivers it again', async () => {
    const { inbox, background } = setUp(async () => assert.fail('not stored, not handled'), true);
    assert.deepEqual(await deliver(inbox.takeIn, eventBody('Ev2', { type: 'pin_added' })), {
      status: 500,
      nextCalled: false,
    });
    await background.idle();
  });

  it('handles the events of one message in arrival order, other messages and channels alongside', async () => {
    const log: string[] = [];
    const { inbox, background } = setUp(async (body) => {
      const id = String(body.event_id);
      log.push(`start ${id}`);
      // The first pin is slow: its unpin must still wait for it.
      await new Promise((resolve) => setTimeout(resolve, id === 'Ev-pin' ? 30 : 1));
      log.push(`end ${id}`);
    });
    const pinned = { type: 'message', channel: 'C1', message: { ts: '1.1' } };
    await deliver(inbox.takeIn, eventBody('Ev-pin', { type: 'pin_added', channel_id: 'C1', item: pinned }));
    await deliver(inbox.takeIn, eventBody('Ev-unpin', { type: 'pin_removed', channel_id: 'C1', item: pinned }));
    await deliver(
      inbox.takeIn,
      eventBody('Ev-edit', { type: 'message', subtype: 'message_changed', channel: 'C1', message: { ts: '1.1' } }),
    );
    await deliver(
      inbox.takeIn,
      eventBody('Ev-other-message', { type: 'reaction_added', item: { type: 'message', channel: 'C1', ts: '2.2' } }),
    );
    await deliver(inbox.takeIn, eventBody('Ev-other-channel', { type: 'member_joined_channel', channel: 'C2' }));
    await background.idle();
    const at = (line: string) => log.indexOf(line);
    assert.ok(at('end Ev-pin') < at('start Ev-unpin'), log.join(', '));
    assert.ok(at('end Ev-unpin') < at('start Ev-edit'), log.join(', '));
    assert.ok(at('end Ev-other-message') < at('end Ev-pin'), 'another message does not wait');
    assert.ok(at('end Ev-other-channel') < at('end Ev-pin'), 'another channel does not wait');
  });

  it('handles only a few events at once, so answering keeps up in a burst; the rest follow', async () => {
    let running = 0;
    let most = 0;
    const handled: string[] = [];
    const { inbox, background } = setUp(async (body) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      handled.push(String(body.event_id));
      running--;
    });
    for (let i = 0; i < 10; i++) {
      const answer = await deliver(
        inbox.takeIn,
        eventBody(`Ev-burst-${i}`, { type: 'member_joined_channel', channel: `C${i}` }),
      );
      assert.equal(answer.status, 200);
    }
    await background.idle();
    assert.equal(handled.length, 10);
    assert.ok(most >= 1 && most <= 2, `at most two at once, saw ${most}`);
  });

  it('skips an event that waited past its lease and was taken over elsewhere; renews one that was not', async () => {
    const handled: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { inbox, background, rows } = setUp(
      async (body) => {
        if (body.event_id === 'Ev-first') await gate;
        handled.push(String(body.event_id));
      },
      false,
      0,
    );
    const item = { type: 'message', channel: 'C1', message: { ts: '1.1' } };
    await deliver(inbox.takeIn, eventBody('Ev-first', { type: 'pin_added', channel_id: 'C1', item }));
    await deliver(inbox.takeIn, eventBody('Ev-taken', { type: 'pin_removed', channel_id: 'C1', item }));
    await deliver(inbox.takeIn, eventBody('Ev-kept', { type: 'pin_added', channel_id: 'C1', item }));
    // While they wait behind the first, another replica's sweep takes one over (its attempt count moves on).
    const taken = rows.get('Ev-taken');
    if (taken) taken.attempts++;
    release();
    await background.idle();
    assert.deepEqual(handled, ['Ev-first', 'Ev-kept']);
    assert.equal(rows.get('Ev-taken')?.done, false, 'left to the replica that took it');
  });

  it('retries a failed event from the sweep until it works', async () => {
    let calls = 0;
    const { inbox, background, rows } = setUp(async () => {
      calls++;
      if (calls === 1) throw new Error('database blip');
    });
    await deliver(inbox.takeIn, eventBody('Ev3', { type: 'pin_added', channel_id: 'C1' }));
    await background.idle();
    assert.equal(rows.get('Ev3')?.error, 'database blip');
    assert.equal(rows.get('Ev3')?.done, false);
    await sweepUntilDone({ inbox, background, rows }, 'Ev3');
    assert.equal(calls, 2);
    assert.equal(rows.get('Ev3')?.done, true);
    assert.equal(rows.get('Ev3')?.attempts, 2);
  });

  it('gives up after the fifth attempt and keeps the error', async () => {
    let calls = 0;
    const { inbox, background, rows } = setUp(async () => {
      calls++;
      throw new Error(`failure ${calls}`);
    });
    await deliver(inbox.takeIn, eventBody('Ev4', { type: 'pin_added', channel_id: 'C1' }));
    await sweepUntilDone({ inbox, background, rows }, 'Ev4');
    assert.equal(calls, 5);
    assert.equal(rows.get('Ev4')?.done, true);
    assert.equal(rows.get('Ev4')?.error, 'failure 5');
  });
});
