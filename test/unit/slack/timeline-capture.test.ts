// The pure parts of capturing messages: which reaction counts, when a message is still marked for
// the timeline, reading a message Slack only points at, and the welcome a newcomer reads.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WebClient } from '@slack/web-api';
import { welcomeText } from '../../../src/slack/blocks/welcome.ts';
import { baseEmoji, createMessageLookup, stillMarked } from '../../../src/slack/message-lookup.ts';

const CHANNEL = 'C0INC000042';

describe('the timeline reaction', () => {
  it('is the same reaction whatever the skin tone', () => {
    assert.equal(baseEmoji('+1::skin-tone-3'), '+1');
    assert.equal(baseEmoji('pushpin'), 'pushpin');
  });

  it("still marks a message while someone else's reaction or a pin is on it", () => {
    const mark = { emoji: 'pushpin', channelId: CHANNEL, except: 'U0ALICE0001' };
    const reactions = (users: string[]) => [{ name: 'pushpin', users }];
    assert.equal(stillMarked({ reactions: reactions(['U0BOB000001']), pinnedTo: [] }, mark), true);
    assert.equal(stillMarked({ reactions: [], pinnedTo: [CHANNEL] }, mark), true);
    // Slack's copy may still list the person who just took theirs off.
    assert.equal(stillMarked({ reactions: reactions(['U0ALICE0001']), pinnedTo: [] }, mark), false);
    assert.equal(stillMarked({ reactions: [{ name: 'eyes', users: ['U0BOB000001'] }], pinnedTo: [] }, mark), false);
    assert.equal(stillMarked({ reactions: [], pinnedTo: ['C0ELSEWHERE1'] }, mark), false);
  });
});

/** A WebClient that answers from canned Slack replies and records what was asked. */
const stubClient = (answers: { history: unknown[]; replies?: unknown[] | Error; permalink?: string | Error }) => {
  const asked: string[] = [];
  const answer = (method: string, value: unknown) => {
    asked.push(method);
    return value instanceof Error ? Promise.reject(value) : Promise.resolve(value);
  };
  const client = {
    conversations: {
      history: () => answer('conversations.history', { ok: true, messages: answers.history }),
      replies: () =>
        answer(
          'conversations.replies',
          answers.replies instanceof Error ? answers.replies : { ok: true, messages: answers.replies ?? [] },
        ),
    },
    chat: {
      getPermalink: () =>
        answer(
          'chat.getPermalink',
          answers.permalink instanceof Error ? answers.permalink : { ok: true, permalink: answers.permalink },
        ),
    },
  };
  return { client: client as unknown as WebClient, asked };
};

describe('reading a message a reaction points at', () => {
  const message = { type: 'message', ts: '1712330400.001900', user: 'U0BOB000001', text: 'Rolled back payments-api' };

  it('finds it in the channel history, with its link, reactions and pins', async () => {
    const { client, asked } = stubClient({
      history: [
        { ...message, reactions: [{ name: 'pushpin', users: ['U0ALICE0001'], count: 1 }], pinned_to: [CHANNEL] },
      ],
      permalink: 'https://acme.slack.com/archives/C0INC000042/p1712330400001900',
    });
    const found = await createMessageLookup(client).find(CHANNEL, message.ts);
    assert.equal(found?.text, 'Rolled back payments-api');
    assert.equal(found?.userId, 'U0BOB000001');
    assert.equal(found?.permalink, 'https://acme.slack.com/archives/C0INC000042/p1712330400001900');
    assert.deepEqual(found?.reactions, [{ name: 'pushpin', users: ['U0ALICE0001'] }]);
    assert.deepEqual(found?.pinnedTo, [CHANNEL]);
    assert.deepEqual(asked, ['conversations.history', 'chat.getPermalink']);
  });

  it('finds a reply in a thread, which the history leaves out, among the thread Slack returns', async () => {
    const reply = { ...message, ts: '1712330500.000100', thread_ts: message.ts, text: 'Error rate back to normal' };
    const { client, asked } = stubClient({ history: [message], replies: [message, reply], permalink: 'https://x' });
    const found = await createMessageLookup(client).find(CHANNEL, reply.ts);
    assert.equal(found?.text, 'Error rate back to normal');
    assert.deepEqual(asked, ['conversations.history', 'conversations.replies', 'chat.getPermalink']);
  });

  it('says a deleted message is gone, and keeps a message whose link Slack will not give', async () => {
    const gone = stubClient({ history: [], replies: new Error('thread_not_found') });
    assert.equal(await createMessageLookup(gone.client).find(CHANNEL, message.ts), null);
    const noLink = stubClient({ history: [message], permalink: new Error('message_not_found') });
    const found = await createMessageLookup(noLink.client).find(CHANNEL, message.ts);
    assert.equal(found?.text, 'Rolled back payments-api');
    assert.equal(found?.permalink, null);
  });
});

describe('the welcome in an incident channel', () => {
  const text = welcomeText(
    { id: 42, title: 'Payments <down> & out' },
    { publicUrl: 'https://incidents.example.com', timelineEmoji: 'round_pushpin' },
  );

  it('names the incident, escaping its title', () => {
    assert.match(text, /incident #42: \*Payments &lt;down&gt; &amp; out\*/);
  });

  it('says how to add to the timeline with the configured emoji, and lists the commands', () => {
    assert.match(text, /:round_pushpin:/);
    assert.match(text, /Add to timeline/);
    for (const command of ['lead', 'severity', 'status', 'update', 'close', 'help']) {
      assert.ok(text.includes(`/incident ${command}`), command);
    }
  });

  it('links the incident page', () => {
    assert.ok(text.includes('<https://incidents.example.com/incidents/42|the incident page>'));
  });
});
