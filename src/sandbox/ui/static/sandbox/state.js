// What the page shows and for whom: the person acting, the conversation open, the last state the sandbox
// sent (GET ui/state), and refresh(), which fetches the state and renders the page from it.
import { request } from './api.js';
import { pageBanners } from './feedback.js';
import { closeMenus } from './message-menu.js';
import { render } from './page.js';

const STORE = { user: 'sandbox-slack:user', channel: 'sandbox-slack:channel' };

const params = new URLSearchParams(location.search);
export const app = {
  /** @type {any} the last /ui/state answer */
  state: null,
  userId: localStorage.getItem(STORE.user) ?? '',
  channelId: params.get('channel') ?? localStorage.getItem(STORE.channel) ?? '',
  /** ts to scroll to once (from a permalink). */
  focusTs: params.get('ts'),
  /** Per conversation, the newest ts the person has seen (for "new messages" markers). */
  seen: new Map(),
  /** Whether `seen` holds what the person found on arrival (which counts as read). */
  seenReady: false,
  /** Keys of the messages shown, to announce new ones. */
  shownKeys: new Set(),
  shownChannel: '',
  namesSignature: '',
  /** Rendered message elements by key, with the JSON they were rendered from. */
  rendered: new Map(),
};

let loading = null;
let reloadAfter = false;

/** Fetches the state and renders it; calls during a fetch are folded into one more fetch after it. */
export function refresh() {
  if (loading) {
    reloadAfter = true;
    return loading;
  }
  loading = load().finally(() => {
    loading = null;
    if (reloadAfter) {
      reloadAfter = false;
      refresh();
    }
  });
  return loading;
}

async function load() {
  const query = new URLSearchParams();
  if (app.userId) query.set('user', app.userId);
  if (app.channelId) query.set('channel', app.channelId);
  const state = await request(`ui/state?${query}`);
  if (state.ok === false) {
    pageBanners.error(state.error);
    return;
  }
  // Pick a person and a conversation when the stored ones are gone (a fresh sandbox after a restart).
  const people = state.people.filter((p) => !p.isBot);
  if (!people.some((p) => p.id === app.userId) && people.length > 0) {
    setUser(people[0].id);
    return load();
  }
  const conversations = [...state.channels, ...state.dms];
  if (!state.channel && conversations.length > 0) {
    const preferred = state.channels.find((c) => c.name === 'incidents') ?? conversations[0];
    if (preferred.id !== app.channelId) {
      setChannel(preferred.id, false);
      return load();
    }
  }
  app.state = state;
  render(state);
}

export function setUser(id) {
  app.userId = id;
  localStorage.setItem(STORE.user, id);
  app.seen.clear();
  app.seenReady = false;
}

function setChannel(id, push = true) {
  app.channelId = id;
  localStorage.setItem(STORE.channel, id);
  const url = new URL(location.href);
  url.searchParams.set('channel', id);
  url.searchParams.delete('ts');
  if (push) history.pushState({ channel: id }, '', url);
  else history.replaceState({ channel: id }, '', url);
}

/** Opens a conversation (a sidebar link, a #channel link, a button's app_redirect URL). */
export function selectChannel(id) {
  if (id === app.channelId) return;
  closeMenus();
  pageBanners.clear();
  setChannel(id);
  refresh();
}

window.addEventListener('popstate', () => {
  const id = new URLSearchParams(location.search).get('channel');
  if (id && id !== app.channelId) {
    app.channelId = id;
    refresh();
  }
});

// Names, for mentions.

export function names(state) {
  const users = new Map(state.people.map((p) => [p.id, p]));
  const channels = new Map([...state.channels, ...state.dms].map((c) => [c.id, c]));
  return { users, channels, me: state.me?.id ?? '', botId: state.bot.id };
}

export const personName = (person) => (person.isBot ? person.realName : person.realName || person.name);
