// The sidebar and top bar: the person you are acting as, the channel and DM lists (with "new messages"
// markers), and the demo button.
import { act, request } from './api.js';
import { $, h, replaceKeepingFocus } from './dom.js';
import { announce, pageBanners } from './feedback.js';
import { app, personName, refresh, selectChannel, setUser } from './state.js';

export function renderDemo(state) {
  $('demo').hidden = !state.demo;
  if (!state.demo) return;
  const button = /** @type {HTMLButtonElement} */ ($('demo-button'));
  button.disabled = state.demo.running;
  button.textContent = state.demo.running ? 'Demo playing…' : 'Play a demo incident';
  const status = state.demo.running ? 'The demo is playing: watch the channels.' : (state.demo.error ?? '');
  if ($('demo-status').textContent !== status) $('demo-status').textContent = status;
}

$('demo-button').addEventListener('click', () => act('demo'));

export function renderPeople(state) {
  const select = /** @type {HTMLSelectElement} */ ($('acting-as'));
  const people = state.people.filter((p) => !p.isBot);
  const signature = JSON.stringify([people, state.me?.id]);
  if (select.dataset.signature === signature) return;
  select.dataset.signature = signature;
  if (people.length === 0) {
    select.replaceChildren(h('option', { value: '', text: 'Nobody yet: add people to the sandbox' }));
    select.disabled = true;
    return;
  }
  select.replaceChildren(
    ...people.map((p) =>
      h('option', { value: p.id, selected: p.id === state.me?.id, text: `${personName(p)} (@${p.name})` }),
    ),
  );
  select.value = state.me?.id ?? '';
  select.disabled = false;
}

$('acting-as').addEventListener('change', async (event) => {
  const id = /** @type {HTMLSelectElement} */ (event.target).value;
  const result = await request('ui/switch-user', { user: id });
  if (result.ok === false) {
    pageBanners.error(result.error);
    return;
  }
  setUser(id);
  pageBanners.clear();
  announce(`Now acting as ${result.me.realName}.`);
  refresh();
});

export function renderConversations(state) {
  const everything = [...state.channels, ...state.dms];
  for (const c of everything) {
    // What was there when the person arrived counts as read; conversations that appear later are new.
    if (!app.seen.has(c.id)) app.seen.set(c.id, app.seenReady ? null : c.latest);
  }
  app.seenReady = true;
  if (state.channel) app.seen.set(state.channel.id, state.channel.latest);
  const item = (c) => {
    const current = state.channel?.id === c.id || (c.isIm && state.channel?.isIm);
    const seen = app.seen.get(c.id);
    const unread = !current && c.latest !== null && (seen === null || seen === undefined || c.latest > seen);
    const prefix = c.isIm ? '' : c.isPrivate ? '🔒 ' : '# ';
    return h(
      'li',
      {},
      h(
        'a',
        {
          href: `?channel=${encodeURIComponent(c.id)}`,
          class: unread ? 'unread' : null,
          'aria-current': current ? 'page' : null,
          'data-focus-key': `c:${c.isIm ? 'dm' : c.id}`,
          onclick: (event) => {
            event.preventDefault();
            selectChannel(c.id);
          },
        },
        h('span', { text: `${prefix}${c.name}${c.isArchived ? ' (archived)' : ''}` }),
        unread
          ? h('span', { class: 'unread-dot' }, '●', h('span', { class: 'visually-hidden', text: ' new messages' }))
          : null,
      ),
    );
  };
  const channelList = $('channel-list');
  const channels = state.channels.map(item);
  replaceKeepingFocus(channelList, channels.length > 0 ? channels : [h('li', { text: 'No channels yet.' })]);
  replaceKeepingFocus(
    $('dm-list'),
    state.dms.length > 0 ? state.dms.map(item) : [h('li', { text: 'Choose a person first.' })],
  );
}
