// The message list: one message (author, time, notes, blocks or text, reactions, tools), and the list kept in
// step with the state, re-rendering only the messages that changed and announcing new ones.
import { act } from './api.js';
import { renderBlocks } from './blocks.js';
import { $, h, syncChildren } from './dom.js';
import { EMOJI } from './emoji.js';
import { announce } from './feedback.js';
import { forgetMenuUnlessIn, openMenu, toggleMenu } from './message-menu.js';
import { mrkdwn, spoken } from './mrkdwn.js';
import { app, personName } from './state.js';

const time = (ts) => new Date(Number(ts.split('.')[0]) * 1000);

function renderMessage(message, state, ctx) {
  const key = `${message.kind}:${message.ts}`;
  const author = message.author ? personName(message.author) : 'Someone';
  const at = time(message.ts);
  const clock = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const isReply = message.threadTs && message.threadTs !== message.ts;
  const classes = ['message'];
  if (message.kind === 'ephemeral') classes.push('is-ephemeral');
  if (message.pinnedBy) classes.push('is-pinned');
  if (isReply) classes.push('is-reply');
  const blockCtx = { names: ctx.names, key, channel: state.channel.id, ts: message.ts, surface: 'message' };
  const body =
    Array.isArray(message.blocks) && message.blocks.length > 0
      ? renderBlocks(message.blocks, blockCtx)
      : [mrkdwn(message.text, blockCtx)];
  const item = h(
    'li',
    { class: classes.join(' '), id: `m-${message.ts}`, 'data-key': key, tabindex: '-1' },
    h(
      'div',
      { class: 'message-meta' },
      h('span', { class: 'author', text: author }),
      message.author?.isBot ? h('span', { class: 'app-tag', text: 'APP' }) : null,
      h('time', { class: 'message-time', datetime: at.toISOString(), text: clock }),
      message.edited ? h('span', { class: 'edited', text: '(edited)' }) : null,
    ),
    message.kind === 'ephemeral' ? h('p', { class: 'message-note', text: 'Only visible to you' }) : null,
    message.pinnedBy ? h('p', { class: 'message-note', text: `📌 Pinned by ${message.pinnedBy}` }) : null,
    isReply ? h('p', { class: 'message-note', text: 'Reply in a thread' }) : null,
    h('div', { class: 'message-body' }, body),
    reactions(message, key),
    h('div', { class: 'message-tools' }, tools(message, key, author, clock)),
  );
  return item;
}

function reactions(message, key) {
  if (message.reactions.length === 0) return null;
  return h(
    'ul',
    { class: 'reactions', 'aria-label': 'Reactions' },
    message.reactions.map((r) => {
      const emoji = EMOJI[r.name] ?? `:${r.name}:`;
      return h(
        'li',
        {},
        h('button', {
          type: 'button',
          class: 'reaction',
          'aria-pressed': r.mine ? 'true' : 'false',
          'aria-label': `${emoji} ${r.name}, ${r.count} ${r.count === 1 ? 'reaction' : 'reactions'} (${r.users.join(', ')})`,
          title: r.users.join(', '),
          'data-focus-key': `${key}:r:${r.name}`,
          text: `${emoji} ${r.count}`,
          onclick: () => act(r.mine ? 'unreact' : 'react', { channel: app.channelId, ts: message.ts, name: r.name }),
        }),
      );
    }),
  );
}

function tools(message, key, author, clock) {
  if (message.kind === 'ephemeral') {
    return h('button', {
      type: 'button',
      class: 'link-button',
      'data-focus-key': `${key}:dismiss`,
      text: 'Dismiss',
      'aria-label': `Dismiss the message only you can see, from ${clock}`,
      onclick: () => act('dismiss', { channel: app.channelId, ts: message.ts }),
    });
  }
  const button = h('button', {
    type: 'button',
    class: 'menu-button',
    'aria-haspopup': 'menu',
    'aria-expanded': 'false',
    'aria-label': `More actions for the message from ${author} at ${clock}`,
    'data-focus-key': `${key}:menu`,
    text: '⋯',
  });
  button.addEventListener('click', () => toggleMenu(button, message));
  button.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      openMenu(button, message, event.key === 'ArrowUp' ? -1 : 0);
    }
  });
  return button;
}

export function renderMessages(state, ctx) {
  const list = $('messages');
  const region = $('message-region');
  const channelId = state.channel?.id ?? '';
  const switched = channelId !== app.shownChannel;
  const atBottom = region.scrollHeight - region.scrollTop - region.clientHeight < 40;
  const namesSignature = JSON.stringify([state.people, state.channels.map((c) => [c.id, c.name]), state.me?.id]);
  if (switched || namesSignature !== app.namesSignature) app.rendered.clear();
  app.namesSignature = namesSignature;

  const messages = state.channel ? state.messages : [];
  const items = [];
  const fresh = [];
  const keys = new Set();
  for (const message of messages) {
    const key = `${message.kind}:${message.ts}`;
    keys.add(key);
    const json = JSON.stringify(message);
    let entry = app.rendered.get(key);
    if (!entry || entry.json !== json) {
      entry = { json, element: renderMessage(message, state, ctx) };
      app.rendered.set(key, entry);
    }
    items.push(entry.element);
    if (!switched && !app.shownKeys.has(key) && message.author?.id !== state.me?.id) fresh.push(message);
  }
  for (const key of app.rendered.keys()) if (!keys.has(key)) app.rendered.delete(key);
  forgetMenuUnlessIn(items);
  syncChildren(list, items);
  $('no-messages').hidden = messages.length > 0 || !state.channel;
  app.shownKeys = keys;
  app.shownChannel = channelId;

  if (app.focusTs) {
    const target = document.getElementById(`m-${app.focusTs}`);
    app.focusTs = null;
    if (target) {
      target.classList.add('is-highlighted');
      target.scrollIntoView({ block: 'center' });
      target.focus();
      return;
    }
  }
  if (switched || atBottom) region.scrollTop = region.scrollHeight;
  if (fresh.length > 0) {
    const last = fresh.slice(-3);
    announce(
      last
        .map((m) => {
          const who = m.author ? personName(m.author) : 'Someone';
          const what = spoken(m.text || '', ctx).slice(0, 200);
          return `${m.kind === 'ephemeral' ? 'Only visible to you: ' : ''}New message from ${who}: ${what}`;
        })
        .join('. '),
    );
  }
}
