// Sandbox Slack in the browser: renders the workspace the sandbox holds (GET ui/state), listens for changes
// (server-sent events on events/stream) and sends what the person does to the action API (POST ui/<action>).
// No framework, no build step. Every piece of text from the workspace goes into the page with textContent,
// never as HTML. All URLs are relative to the page, which the sandbox serves at <base path>/.

const STORE = { user: 'sandbox-slack:user', channel: 'sandbox-slack:channel' };

/** Slack's :shortcodes: for the emoji the bot uses (and a few people type). */
const EMOJI = {
  pushpin: '📌',
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  question: '❓',
  warning: '⚠️',
  mag: '🔍',
  bulb: '💡',
  eyes: '👀',
  red_circle: '🔴',
  large_orange_circle: '🟠',
  large_yellow_circle: '🟡',
  large_green_circle: '🟢',
  large_blue_circle: '🔵',
  white_circle: '⚪',
  black_circle: '⚫',
  door: '🚪',
  pencil2: '✏️',
  firefighter: '🧑‍🚒',
  mega: '📣',
  memo: '📝',
  closed_book: '📕',
  rotating_light: '🚨',
  wave: '👋',
  timer_clock: '⏲️',
  black_square_button: '🔲',
  information_source: 'ℹ️',
  zzz: '💤',
  x: '❌',
  fire: '🔥',
  tada: '🎉',
  '+1': '👍',
  thumbsup: '👍',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  link: '🔗',
  calendar: '📅',
  clipboard: '📋',
  speech_balloon: '💬',
  bell: '🔔',
  lock: '🔒',
};

// ---------------------------------------------------------------------------------------------------------
// Small DOM helpers: elements are built with properties and textContent only.

/**
 * An element with attributes and children. `text` sets textContent; `on*` functions become listeners;
 * `false`/`null`/`undefined` attributes are left out; children may be strings, nodes, arrays or nothing.
 * @param {string} tag
 * @param {Record<string, unknown>} [attrs]
 * @param {...unknown} children
 * @returns {HTMLElement}
 */
function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'class') node.className = String(value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

/** Appends strings (as text), nodes and nested arrays of them. */
function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

const $ = (id) => document.getElementById(id);

/**
 * Replaces a container's children, keeping keyboard focus on the "same" control when it is rebuilt
 * (controls carry data-focus-key).
 */
function replaceKeepingFocus(container, children) {
  const active = document.activeElement;
  const key = active && container.contains(active) ? active.getAttribute('data-focus-key') : null;
  container.replaceChildren(...children);
  if (key) focusKey(container, key);
}

function focusKey(container, key) {
  for (const node of container.querySelectorAll('[data-focus-key]')) {
    if (node.getAttribute('data-focus-key') === key) {
      node.focus();
      return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Talking to the sandbox.

/** GET or POST JSON; never throws: a failure comes back as {ok:false, error}. */
async function request(path, body) {
  try {
    const response = await fetch(path, {
      method: body ? 'POST' : 'GET',
      headers: body
        ? { 'content-type': 'application/json', accept: 'application/json' }
        : { accept: 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
      cache: 'no-store',
    });
    const data = await response
      .json()
      .catch(() => ({ ok: false, error: `The sandbox answered HTTP ${response.status}.` }));
    if (!response.ok && data.ok !== false) return { ok: false, error: `The sandbox answered HTTP ${response.status}.` };
    return data;
  } catch {
    return { ok: false, error: 'The sandbox could not be reached. Is it still running?' };
  }
}

/**
 * Runs an action as the current person; shows its error (or notice) and refreshes.
 * @returns {Promise<Record<string, any>>}
 */
async function act(name, body = {}, where = pageBanners) {
  const result = await request(`ui/${name}`, { user: app.userId, ...body });
  if (result.ok === false) where.error(result.error ?? 'Something went wrong.');
  else if (result.notice) where.notice(result.notice);
  refresh();
  return result;
}

function banner(element) {
  const text = element.querySelector('.banner-text');
  element.querySelector('.banner-dismiss')?.addEventListener('click', () => {
    element.hidden = true;
  });
  return {
    show(message) {
      text.textContent = message;
      element.hidden = false;
    },
    hide() {
      element.hidden = true;
    },
  };
}

const pageBanners = {
  alert: banner($('page-alert')),
  status: banner($('page-status')),
  error(message) {
    this.status.hide();
    this.alert.show(message);
  },
  notice(message) {
    this.status.show(message);
  },
  clear() {
    this.alert.hide();
    this.status.hide();
  },
};

// ---------------------------------------------------------------------------------------------------------
// App state.

const params = new URLSearchParams(location.search);
const app = {
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
function refresh() {
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

function setUser(id) {
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

function selectChannel(id) {
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

// ---------------------------------------------------------------------------------------------------------
// Names, for mentions.

function names(state) {
  const users = new Map(state.people.map((p) => [p.id, p]));
  const channels = new Map([...state.channels, ...state.dms].map((c) => [c.id, c]));
  return { users, channels, me: state.me?.id ?? '', botId: state.bot.id };
}

const personName = (person) => (person.isBot ? person.realName : person.realName || person.name);

// ---------------------------------------------------------------------------------------------------------
// mrkdwn (Slack's markup) into DOM nodes.

const decode = (text) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const WORDISH = /[\p{L}\p{N}]/u;

/** A whole mrkdwn text: ```pre``` blocks, > quotes, then inline markup. */
function mrkdwn(text, ctx, tag = 'div') {
  const container = h(tag, { class: 'mrkdwn' });
  const parts = String(text).split('```');
  parts.forEach((part, i) => {
    const isPre = i % 2 === 1 && i < parts.length - 1;
    if (isPre) container.append(h('pre', {}, h('code', { text: decode(part.replace(/^\n/, '')) })));
    else appendLines(container, i % 2 === 1 ? `\`\`\`${part}` : part, ctx);
  });
  return container;
}

function appendLines(container, text, ctx) {
  const lines = text.split('\n');
  let run = [];
  let quoting = false;
  const flush = () => {
    if (run.length === 0) return;
    const joined = run.join('\n');
    if (quoting) container.append(h('blockquote', {}, inline(joined, ctx)));
    else container.append(...inline(joined, ctx));
    run = [];
  };
  lines.forEach((line, index) => {
    const quote = /^(?:>|&gt;) ?(.*)$/.exec(line);
    if (Boolean(quote) !== quoting) {
      // Keep the newline that ended the previous plain run.
      if (!quoting && run.length > 0) run[run.length - 1] += '\n';
      flush();
      quoting = Boolean(quote);
    }
    run.push(quote ? quote[1] : line);
    if (index === lines.length - 1) flush();
  });
}

const INLINE = /`([^`\n]+)`|<([^<>\n]+)>|([*_~])(?=\S)([^\n]*?\S)\3|:([a-z0-9_+'-]+):/g;

/** Inline markup: `code`, <links and mentions>, *bold*, _italic_, ~strike~, :emoji:. */
function inline(text, ctx) {
  const out = [];
  const pattern = new RegExp(INLINE.source, 'g');
  let literalFrom = 0;
  let match = pattern.exec(text);
  while (match) {
    const start = match.index;
    const end = start + match[0].length;
    const node = inlineNode(match, text, start, end, ctx);
    if (node) {
      if (start > literalFrom) out.push(decode(text.slice(literalFrom, start)));
      out.push(node);
      literalFrom = end;
      pattern.lastIndex = end;
    } else {
      pattern.lastIndex = start + 1;
    }
    match = pattern.exec(text);
  }
  if (literalFrom < text.length) out.push(decode(text.slice(literalFrom)));
  return out.map((part) => (typeof part === 'string' ? document.createTextNode(part) : part));
}

function inlineNode(match, text, start, end, ctx) {
  const [, code, angle, marker, styled, emoji] = match;
  if (code !== undefined) return h('code', { text: decode(code) });
  if (angle !== undefined) return special(angle, ctx);
  if (marker !== undefined) {
    // Slack styles only at word boundaries: not inside snake_case or 2*3*4.
    const before = start > 0 ? text[start - 1] : '';
    const after = end < text.length ? text[end] : '';
    if (WORDISH.test(before) || WORDISH.test(after)) return null;
    const tag = marker === '*' ? 'strong' : marker === '_' ? 'em' : 's';
    return h(tag, {}, inline(styled, ctx));
  }
  if (emoji !== undefined && Object.hasOwn(EMOJI, emoji))
    return h('span', { class: 'emoji', title: `:${emoji}:`, text: EMOJI[emoji] });
  return null;
}

/** Links, mentions and Slack's special forms inside <…>. */
function special(inner, ctx) {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? undefined : decode(inner.slice(bar + 1));
  if (target.startsWith('@')) {
    const id = target.slice(1);
    const person = ctx.names.users.get(id);
    const shown = person ? person.name : (label ?? id);
    return h('span', { class: id === ctx.names.me ? 'mention mention-me' : 'mention', text: `@${shown}` });
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    const channel = ctx.names.channels.get(id);
    const shown = channel ? channel.name : (label ?? 'private-channel');
    return channel ? channelLink(id, `#${shown}`) : h('span', { class: 'mention', text: `#${shown}` });
  }
  if (target.startsWith('!')) {
    const [kind] = target.slice(1).split('^');
    if (kind === 'here' || kind === 'channel' || kind === 'everyone')
      return h('span', { class: 'mention', text: `@${kind}` });
    if (kind === 'subteam') return h('span', { class: 'mention', text: label ?? '@group' });
    if (kind === 'date') {
      const seconds = Number(target.split('^')[1]);
      const time = h('time', { text: label ?? '' });
      if (Number.isFinite(seconds)) time.setAttribute('datetime', new Date(seconds * 1000).toISOString());
      return time;
    }
    return document.createTextNode(label ?? `@${kind}`);
  }
  const url = decode(target);
  const redirect = appRedirect(url);
  if (redirect) return channelLink(redirect, label ?? url);
  if (/^https?:\/\//i.test(url))
    return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text: label ?? url });
  return document.createTextNode(label ?? url);
}

/** Slack's https://slack.com/app_redirect?channel=C… opens the channel here. */
function appRedirect(url) {
  try {
    const parsed = new URL(url);
    if (parsed.hostname === 'slack.com' && parsed.pathname === '/app_redirect')
      return parsed.searchParams.get('channel');
  } catch {
    // not a URL
  }
  return null;
}

function channelLink(id, text) {
  return h('a', {
    href: `?channel=${encodeURIComponent(id)}`,
    text,
    onclick: (event) => {
      event.preventDefault();
      selectChannel(id);
    },
  });
}

/** A plain_text object (emoji converted unless emoji: false), or mrkdwn (in a span inside labels). */
function textObject(object, ctx, tag = 'div') {
  if (!object || typeof object !== 'object') return h('span');
  if (object.type === 'mrkdwn') return mrkdwn(object.text ?? '', ctx, tag);
  return h('span', { class: 'plain-text', text: plain(object) });
}

/** A plain_text object as a string. */
function plain(object) {
  if (!object || typeof object !== 'object') return '';
  const text = String(object.text ?? '');
  if (object.emoji === false) return text;
  return text.replace(/:([a-z0-9_+'-]+):/g, (all, name) => (Object.hasOwn(EMOJI, name) ? EMOJI[name] : all));
}

/** What a text says, without markup (for the live region and labels). */
const spoken = (text, ctx) => mrkdwn(text, ctx).textContent.replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------------------------------------------------
// Block Kit: messages and the non-input blocks of modals.

/**
 * @param {any[]} blocks
 * @param {{names: any, key: string, channel?: string, ts?: string, surface: 'message' | 'modal'}} ctx
 */
function renderBlocks(blocks, ctx) {
  return blocks.map((block, index) => renderBlock(block, { ...ctx, blockIndex: index }));
}

function renderBlock(block, ctx) {
  switch (block.type) {
    case 'header':
      // Under the page's h1 in messages, under the modal's h2 in forms.
      return h(ctx.surface === 'modal' ? 'h3' : 'h2', { class: 'block block-header', text: plain(block.text) });
    case 'divider':
      return h('hr', { class: 'block block-divider' });
    case 'section': {
      const main = h('div', { class: 'block-section-main' });
      if (block.text) main.append(textObject(block.text, ctx));
      if (Array.isArray(block.fields)) {
        main.append(
          h(
            'div',
            { class: 'fields' },
            block.fields.map((f) => h('div', { class: 'field-item' }, textObject(f, ctx))),
          ),
        );
      }
      const accessory = block.accessory ? renderElement(block.accessory, ctx, 0) : null;
      return h('div', { class: 'block block-section' }, main, accessory);
    }
    case 'context':
      return h(
        'div',
        { class: 'block block-context' },
        (block.elements ?? []).map((e) =>
          e.type === 'image'
            ? h('span', { class: 'image-alt', text: `[${e.alt_text ?? 'image'}]` })
            : textObject(e, ctx),
        ),
      );
    case 'actions':
      return h(
        'div',
        { class: 'block block-actions' },
        (block.elements ?? []).map((e, i) => renderElement(e, ctx, i)),
      );
    case 'image':
      return h('p', { class: 'block unsupported', text: `[Image: ${block.alt_text ?? ''}]` });
    case 'rich_text':
      return h('p', { class: 'block plain-text', text: richText(block) });
    default:
      return h('p', { class: 'block unsupported', text: `[A ${block.type} block, which the sandbox does not show]` });
  }
}

function richText(block) {
  const texts = [];
  const walk = (node) => {
    if (!node || typeof node !== 'object') return;
    if (typeof node.text === 'string') texts.push(node.text);
    if (Array.isArray(node.elements)) node.elements.forEach(walk);
  };
  walk(block);
  return texts.join('');
}

function renderElement(element, ctx, index) {
  if (element.type === 'button') {
    const style = element.style === 'primary' ? ' is-primary' : element.style === 'danger' ? ' is-danger' : '';
    const button = h('button', {
      type: 'button',
      class: `button block-button${style}`,
      'data-focus-key': `${ctx.key}:b${ctx.blockIndex}:${index}`,
      text: plain(element.text),
    });
    button.addEventListener('click', () => pressButton(element, ctx, button));
    return button;
  }
  if (element.type === 'image') return h('span', { class: 'image-alt', text: `[${element.alt_text ?? 'image'}]` });
  return h('span', { class: 'unsupported', text: `[A ${element.type}, which the sandbox cannot use]` });
}

async function pressButton(element, ctx, button) {
  if (element.confirm && !(await confirmDialog(element.confirm, ctx, button))) return;
  if (element.url) {
    const channel = appRedirect(element.url);
    if (channel) selectChannel(channel);
    else if (/^https?:\/\//i.test(element.url)) window.open(element.url, '_blank', 'noopener,noreferrer');
  }
  if (ctx.surface !== 'message') {
    modalBanners.error('The sandbox does not send button clicks inside forms yet.');
    return;
  }
  button.disabled = true;
  await act('click', { channel: ctx.channel, ts: ctx.ts, actionId: element.action_id, value: element.value });
  button.disabled = false;
}

// ---------------------------------------------------------------------------------------------------------
// Confirmation dialogs (a button's `confirm`).

const confirmElement = /** @type {HTMLDialogElement} */ ($('confirm'));

/** Shows the confirm dialog; resolves true when the person confirms. */
function confirmDialog(confirm, ctx, returnTo) {
  $('confirm-title').textContent = plain(confirm.title) || 'Are you sure?';
  $('confirm-text').replaceChildren(textObject(confirm.text, ctx));
  const accept = $('confirm-accept');
  accept.textContent = plain(confirm.confirm) || 'Yes';
  accept.className = confirm.style === 'danger' ? 'button button-danger' : 'button';
  $('confirm-deny').textContent = plain(confirm.deny) || 'Cancel';
  const returnKey = returnTo?.getAttribute('data-focus-key') ?? null;
  confirmElement.returnValue = '';
  confirmElement.showModal();
  $('confirm-deny').focus();
  return new Promise((resolve) => {
    confirmElement.addEventListener(
      'close',
      () => {
        refocus(returnTo, returnKey);
        resolve(confirmElement.returnValue === 'confirm');
      },
      { once: true },
    );
  });
}

/** Focuses `node`, or (when a refresh replaced it) the control now carrying the same focus key. */
function refocus(node, key) {
  if (node?.isConnected) node.focus();
  else if (!(key && focusKey(document.body, key))) $('composer-text').focus();
}

$('confirm-accept').addEventListener('click', () => confirmElement.close('confirm'));
$('confirm-deny').addEventListener('click', () => confirmElement.close('deny'));

// ---------------------------------------------------------------------------------------------------------
// Messages.

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

// ---------------------------------------------------------------------------------------------------------
// Message menus: a menu button with role=menu items; arrows move, Escape closes, focus returns to the button.

let openMenuState = null;

function closeMenus(returnFocus = false) {
  if (!openMenuState) return;
  const { button, menu } = openMenuState;
  openMenuState = null;
  menu.remove();
  button.setAttribute('aria-expanded', 'false');
  if (returnFocus && button.isConnected) button.focus();
}

function toggleMenu(button, message) {
  if (openMenuState?.button === button) closeMenus(true);
  else openMenu(button, message, 0);
}

function openMenu(button, message, focusIndex) {
  closeMenus();
  const pushpin = message.reactions.find((r) => r.name === 'pushpin');
  const items = [
    message.pinnedBy
      ? { label: 'Un-pin from channel', run: () => act('unpin', { channel: app.channelId, ts: message.ts }) }
      : { label: 'Pin to channel', run: () => act('pin', { channel: app.channelId, ts: message.ts }) },
    pushpin?.mine
      ? {
          label: 'Remove 📌 reaction',
          run: () => act('unreact', { channel: app.channelId, ts: message.ts, name: 'pushpin' }),
        }
      : {
          label: 'React with 📌',
          run: () => act('react', { channel: app.channelId, ts: message.ts, name: 'pushpin' }),
        },
    {
      label: 'Add to incident timeline',
      run: () => act('shortcut', { channel: app.channelId, ts: message.ts, callbackId: 'add-to-timeline' }),
    },
  ];
  const menuId = `menu-${message.ts.replace('.', '-')}`;
  const menu = h('div', { class: 'menu', role: 'menu', id: menuId, 'aria-label': 'Message actions' });
  const buttons = items.map((item) =>
    h('button', {
      type: 'button',
      class: 'menu-item',
      role: 'menuitem',
      tabindex: '-1',
      text: item.label,
      onclick: () => {
        closeMenus(true);
        item.run();
      },
    }),
  );
  menu.append(...buttons);
  menu.addEventListener('keydown', (event) => {
    const at = buttons.indexOf(/** @type {HTMLElement} */ (document.activeElement));
    const move = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (move !== undefined) {
      event.preventDefault();
      buttons[(move + buttons.length) % buttons.length].focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      closeMenus(true);
    } else if (event.key === 'Tab') {
      closeMenus(false);
    }
  });
  button.setAttribute('aria-controls', menuId);
  button.setAttribute('aria-expanded', 'true');
  button.after(menu);
  openMenuState = { button, menu };
  buttons.at(focusIndex)?.focus();
}

document.addEventListener('click', (event) => {
  if (!openMenuState) return;
  const target = /** @type {Node} */ (event.target);
  if (!openMenuState.menu.contains(target) && !openMenuState.button.contains(target)) closeMenus();
});

// ---------------------------------------------------------------------------------------------------------
// Rendering the page.

function render(state) {
  const ctx = { names: names(state) };
  renderPeople(state);
  renderConversations(state);
  renderConversation(state, ctx);
  renderModal(state, ctx);
  renderDemo(state);
}

function renderDemo(state) {
  $('demo').hidden = !state.demo;
  if (!state.demo) return;
  const button = /** @type {HTMLButtonElement} */ ($('demo-button'));
  button.disabled = state.demo.running;
  button.textContent = state.demo.running ? 'Demo playing…' : 'Play a demo incident';
  const status = state.demo.running ? 'The demo is playing: watch the channels.' : (state.demo.error ?? '');
  if ($('demo-status').textContent !== status) $('demo-status').textContent = status;
}

$('demo-button').addEventListener('click', () => act('demo'));

function renderPeople(state) {
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

function renderConversations(state) {
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

function renderConversation(state, ctx) {
  const channel = state.channel;
  const title = channel
    ? channel.isIm
      ? channel.name
      : `${channel.isPrivate ? '🔒 ' : '#'}${channel.name}`
    : 'No conversation';
  $('conversation-title').textContent = title;
  document.title = `${title} – Sandbox Slack`;
  const topic = $('conversation-topic');
  topic.textContent = channel?.topic ? spoken(channel.topic, ctx) : '';
  topic.hidden = !channel?.topic;
  renderMessages(state, ctx);
  renderComposer(state);
}

function renderMessages(state, ctx) {
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
  if (openMenuState && !items.some((item) => item.contains(openMenuState.button))) openMenuState = null;
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

/** Makes a list's children exactly `items`, moving as few nodes as possible (focus in kept nodes stays). */
function syncChildren(list, items) {
  const active = document.activeElement;
  const key = active && list.contains(active) ? active.getAttribute('data-focus-key') : null;
  items.forEach((item, index) => {
    if (list.children[index] !== item) list.insertBefore(item, list.children[index] ?? null);
  });
  while (list.children.length > items.length) list.lastElementChild?.remove();
  if (key && !list.contains(document.activeElement)) focusKey(list, key);
}

function renderComposer(state) {
  const channel = state.channel;
  const composer = $('composer');
  const text = /** @type {HTMLTextAreaElement} */ ($('composer-text'));
  const joinBar = $('join-bar');
  const canWrite = Boolean(state.me && channel?.isMember && !channel.isArchived);
  composer.hidden = !canWrite;
  joinBar.hidden = canWrite || !state.me || !channel;
  if (!canWrite && state.me && channel) {
    const canJoin = !channel.isArchived && !channel.isPrivate;
    $('join-text').textContent = channel.isArchived
      ? `#${channel.name} is archived.`
      : canJoin
        ? `You are not in #${channel.name}.`
        : 'Only members can see and write in this private channel.';
    $('join-button').hidden = !canJoin;
  }
  $('composer-label').textContent = channel
    ? channel.isIm
      ? `Message ${channel.name}`
      : `Message #${channel.name}`
    : 'Message';
  text.disabled = !canWrite;
}

$('join-button').addEventListener('click', async () => {
  const result = await act('join', { channel: app.channelId });
  if (result.ok) $('composer-text').focus();
});

$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  send();
});

$('composer-text').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    send();
  }
});

async function send() {
  const box = /** @type {HTMLTextAreaElement} */ ($('composer-text'));
  const text = box.value.trim();
  if (text === '' || !app.state?.channel) return;
  pageBanners.clear();
  box.value = '';
  const channel = app.state.channel.id;
  const result = /^\/[\w-]+(\s|$)/.test(text)
    ? await act('command', { channel, text })
    : await act('message', { channel, text });
  if (result.ok === false && box.value === '') box.value = text;
  box.focus();
}

// ---------------------------------------------------------------------------------------------------------
// Modals: the top of the person's view stack, as a native <dialog> (focus moves in, Escape cancels).

const modal = /** @type {HTMLDialogElement} */ ($('modal'));
const modalBanners = {
  alert: banner($('modal-alert')),
  error(message) {
    this.alert.show(message);
  },
  notice(message) {
    this.alert.show(message);
  },
  clear() {
    this.alert.hide();
  },
};
const modalState = {
  /** The view shown: id and hash. */
  shown: null,
  /** A view the person cancelled, until the sandbox agrees it is closed. */
  closing: null,
  /** block_id → message from Slack's own checks (the sandbox's action API). */
  localErrors: {},
  /** Where focus goes back to when the modal closes (and that control's focus key, should it be rebuilt). */
  returnTo: null,
  returnKey: null,
  /** Set while the page closes the dialog itself (so 'close' does not cancel the view). */
  programmatic: false,
  fields: [],
};

function renderModal(state, ctx) {
  const view = state.view && state.view.id !== modalState.closing ? state.view : null;
  if (!view) {
    if (state.view?.id !== modalState.closing) modalState.closing = null;
    hideModal();
    return;
  }
  const changed = !modalState.shown || modalState.shown.id !== view.id || modalState.shown.hash !== view.hash;
  if (changed) {
    const kept = modalState.shown?.id === view.id ? currentValues() : {};
    buildModal(view, ctx, kept);
    modalState.shown = { id: view.id, hash: view.hash };
    modalState.localErrors = {};
    modalBanners.clear();
  }
  const hadErrors = !$('modal-summary').hidden;
  showErrors({ ...view.errors, ...modalState.localErrors });
  if (!modal.open) {
    const active = document.activeElement;
    modalState.returnTo = active instanceof HTMLElement && active !== document.body ? active : null;
    modalState.returnKey = modalState.returnTo?.getAttribute('data-focus-key') ?? null;
    modal.showModal();
    focusFirstField();
  } else if (changed) {
    focusFirstField();
  } else if (!hadErrors && !$('modal-summary').hidden) {
    $('modal-summary').focus();
  }
}

function focusFirstField() {
  const first = modalState.fields[0]?.focusTarget;
  if (first) first.focus();
  else $('modal-close').focus();
}

function hideModal() {
  modalState.shown = null;
  modalState.fields = [];
  if (!modal.open) return;
  modalState.programmatic = true;
  modal.close();
  modalState.programmatic = false;
  restoreFocus();
}

function restoreFocus() {
  const target = modalState.returnTo;
  modalState.returnTo = null;
  refocus(target, modalState.returnKey);
}

// Escape (the dialog's cancel) and the Cancel button both close the view in the sandbox too.
modal.addEventListener('close', () => {
  // 'close' comes a moment after close(): ignore the page's own closes and a dialog already reopened.
  if (modalState.programmatic || modal.open || !modalState.shown) return;
  cancelModal();
});
$('modal-close').addEventListener('click', () => {
  modalState.programmatic = true;
  modal.close();
  modalState.programmatic = false;
  cancelModal();
});

async function cancelModal() {
  const viewId = modalState.shown?.id;
  modalState.shown = null;
  modalState.fields = [];
  restoreFocus();
  if (!viewId) return;
  modalState.closing = viewId;
  const result = await act('close', { viewId });
  if (result.ok === false) modalState.closing = null;
}

$('modal-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!modalState.shown) return;
  const viewId = modalState.shown.id;
  const values = currentValues();
  const submit = /** @type {HTMLButtonElement} */ ($('modal-submit'));
  modalBanners.clear();
  modalState.localErrors = {};
  submit.disabled = true;
  submit.setAttribute('aria-busy', 'true');
  const result = await act('submit', { viewId, values }, modalBanners);
  submit.disabled = false;
  submit.removeAttribute('aria-busy');
  if (result.ok === false && result.fieldErrors && modalState.shown?.id === viewId) {
    modalState.localErrors = result.fieldErrors;
    showErrors(result.fieldErrors);
    $('modal-summary').focus();
  }
});

function buildModal(view, ctx, kept) {
  const v = view.view;
  $('modal-title').textContent = plain(v.title) || 'Form';
  const close = $('modal-close');
  close.textContent = plain(v.close) || (v.submit ? 'Cancel' : 'Close');
  const submit = $('modal-submit');
  submit.textContent = plain(v.submit) || 'Submit';
  submit.hidden = !v.submit;
  const blockCtx = { names: ctx.names, key: `v:${view.id}`, surface: 'modal' };
  const fields = [];
  const nodes = (v.blocks ?? []).map((block, index) => {
    if (block.type !== 'input') return renderBlock(block, { ...blockCtx, blockIndex: index });
    const field = inputField(block, index, ctx, kept[block.block_id]);
    fields.push(field);
    return field.node;
  });
  modalState.fields = fields;
  $('modal-body').replaceChildren(...nodes);
  $('modal-summary').hidden = true;
}

/**
 * One input block: label (or legend), hint, error slot, control. `read()` gives the value submitView takes.
 * @returns {{blockId: string, label: string, node: HTMLElement, focusTarget: HTMLElement | null, error: HTMLElement, read: () => unknown, controls: HTMLElement[]}}
 */
function inputField(block, index, ctx, kept) {
  const blockId = String(block.block_id);
  const element = block.element ?? {};
  const id = `field-${index}`;
  const label = plain(block.label) || blockId;
  const hint = block.hint ? h('p', { class: 'hint', id: `${id}-hint`, text: plain(block.hint) }) : null;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const optional = block.optional ? h('span', { class: 'optional', text: ' (optional)' }) : null;
  const described = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' ');
  const control = buildControl(element, id, described, ctx, kept);
  const grouped = element.type === 'radio_buttons' || element.type === 'checkboxes';
  const node = grouped
    ? h(
        'div',
        { class: 'field', id: `${id}-block`, 'data-block-id': blockId },
        h(
          'fieldset',
          { 'aria-describedby': described },
          h('legend', { id: `${id}-label` }, label, optional),
          hint,
          error,
          control.node,
        ),
      )
    : h(
        'div',
        { class: 'field', id: `${id}-block`, 'data-block-id': blockId },
        h('label', { class: 'field-label', for: id, id: `${id}-label` }, label, optional),
        hint,
        error,
        control.node,
      );
  return {
    blockId,
    label,
    node,
    error,
    focusTarget: control.focusTarget,
    read: control.read,
    controls: control.controls,
  };
}

const optionsOf = (element) => [
  ...(element.options ?? []),
  ...(element.option_groups ?? []).flatMap((group) => group.options ?? []),
];

function selectOptions(element, chosen, placeholder) {
  const option = (o) => h('option', { value: o.value, selected: chosen.includes(o.value), text: plain(o.text) });
  const nodes = [];
  if (placeholder !== null) nodes.push(h('option', { value: '', text: placeholder }));
  nodes.push(...(element.options ?? []).map(option));
  for (const group of element.option_groups ?? []) {
    nodes.push(h('optgroup', { label: plain(group.label) }, (group.options ?? []).map(option)));
  }
  return nodes;
}

function buildControl(element, id, described, ctx, kept) {
  const type = element.type;
  const common = { id, name: id, 'aria-describedby': described };
  const placeholder = element.placeholder ? plain(element.placeholder) : undefined;
  const single = (node, read) => ({ node, focusTarget: node, read, controls: [node] });
  const people = [...ctx.names.users.values()].filter((p) => !p.isBot);
  const channels = [...ctx.names.channels.values()].filter((c) => !c.isIm);

  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input': {
      const inputType = { email_text_input: 'email', url_text_input: 'url', number_input: 'number' }[type] ?? 'text';
      const node =
        type === 'plain_text_input' && element.multiline
          ? h('textarea', { ...common, rows: 4, placeholder })
          : h('input', {
              ...common,
              type: inputType,
              placeholder,
              step: type === 'number_input' && element.is_decimal_allowed ? 'any' : null,
              autocomplete: 'off',
            });
      node.value = kept ?? element.initial_value ?? '';
      return single(node, () => node.value);
    }
    case 'static_select':
    case 'external_select': {
      const chosen = [kept ?? element.initial_option?.value ?? ''];
      const node = h('select', common, selectOptions(element, chosen, placeholder ?? 'Choose an option'));
      return single(node, () => node.value);
    }
    case 'multi_static_select':
    case 'multi_external_select': {
      const chosen = kept ?? (element.initial_options ?? []).map((o) => o.value);
      const node = h(
        'select',
        { ...common, multiple: true, size: Math.min(6, optionsOf(element).length) },
        selectOptions(element, chosen, null),
      );
      return single(node, () => [...node.selectedOptions].map((o) => o.value));
    }
    case 'users_select':
    case 'multi_users_select': {
      const multiple = type === 'multi_users_select';
      const chosen =
        kept !== undefined ? [kept].flat() : multiple ? (element.initial_users ?? []) : [element.initial_user ?? ''];
      const options = people.map((p) =>
        h('option', { value: p.id, selected: chosen.includes(p.id), text: `${personName(p)} (@${p.name})` }),
      );
      const node = multiple
        ? h('select', { ...common, multiple: true, size: Math.min(6, people.length) }, options)
        : h('select', common, h('option', { value: '', text: placeholder ?? 'Choose a person' }), options);
      return single(node, () => (multiple ? [...node.selectedOptions].map((o) => o.value) : node.value));
    }
    case 'conversations_select':
    case 'channels_select': {
      const initial = element.initial_conversation ?? element.initial_channel ?? '';
      const chosen = kept ?? initial;
      const node = h(
        'select',
        common,
        h('option', { value: '', text: placeholder ?? 'Choose a channel' }),
        channels.map((c) => h('option', { value: c.id, selected: c.id === chosen, text: `#${c.name}` })),
      );
      return single(node, () => node.value);
    }
    case 'radio_buttons':
    case 'checkboxes': {
      const radio = type === 'radio_buttons';
      const chosen =
        kept !== undefined
          ? [kept].flat()
          : radio
            ? [element.initial_option?.value]
            : (element.initial_options ?? []).map((o) => o.value);
      const inputs = [];
      const node = h(
        'div',
        { class: 'choices' },
        (element.options ?? []).map((o, i) => {
          const input = h('input', {
            type: radio ? 'radio' : 'checkbox',
            id: `${id}-${i}`,
            name: id,
            value: o.value,
            checked: chosen.includes(o.value),
          });
          inputs.push(input);
          return h(
            'div',
            { class: 'choice' },
            input,
            h(
              'label',
              { for: `${id}-${i}` },
              textObject(o.text, ctx, 'span'),
              o.description ? h('span', { class: 'choice-description' }, textObject(o.description, ctx, 'span')) : null,
            ),
          );
        }),
      );
      const read = () => {
        const checked = inputs.filter((input) => input.checked).map((input) => input.value);
        return radio ? (checked[0] ?? '') : checked;
      };
      return { node, focusTarget: inputs.find((input) => input.checked) ?? inputs[0] ?? null, read, controls: inputs };
    }
    case 'datepicker': {
      const node = h('input', { ...common, type: 'date' });
      node.value = kept ?? element.initial_date ?? '';
      return single(node, () => node.value);
    }
    case 'timepicker': {
      const node = h('input', { ...common, type: 'time' });
      node.value = kept ?? element.initial_time ?? '';
      return single(node, () => node.value);
    }
    case 'datetimepicker': {
      const node = h('input', { ...common, type: 'datetime-local' });
      const initial = element.initial_date_time ? new Date(element.initial_date_time * 1000) : null;
      node.value = kept ?? (initial ? toLocalInput(initial) : '');
      return single(node, () => (node.value ? Math.floor(new Date(node.value).getTime() / 1000) : ''));
    }
    default: {
      const node = h('p', { class: 'unsupported', text: `[A ${type}, which the sandbox cannot show]` });
      return { node, focusTarget: null, read: () => undefined, controls: [] };
    }
  }
}

function toLocalInput(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** block_id → value, for every input the sandbox can fill in. */
function currentValues() {
  const values = {};
  for (const field of modalState.fields) {
    const value = field.read();
    if (value !== undefined) values[field.blockId] = value;
  }
  return values;
}

/** Shows each error under its field and in the summary at the top, GOV.UK style. */
function showErrors(errors) {
  const summary = $('modal-summary');
  const list = summary.querySelector('.error-summary-list');
  const links = [];
  for (const field of modalState.fields) {
    const message = errors[field.blockId];
    const block = field.node;
    block.classList.toggle('has-error', Boolean(message));
    field.error.hidden = !message;
    field.error.replaceChildren(
      ...(message ? [h('span', { class: 'visually-hidden', text: 'Error: ' }), message] : []),
    );
    for (const control of field.controls) {
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
    if (message) {
      links.push(
        h(
          'li',
          {},
          h('a', {
            href: `#${field.focusTarget?.id ?? block.id}`,
            text: message,
            onclick: (event) => {
              event.preventDefault();
              field.focusTarget?.focus();
            },
          }),
        ),
      );
    }
  }
  list.replaceChildren(...links);
  summary.hidden = links.length === 0;
}

// ---------------------------------------------------------------------------------------------------------
// Live updates and announcements.

let announcerTimer;

/** Says `text` through the live region, then empties it (so the text is not left twice in the page). */
function announce(text) {
  const region = $('announcer');
  region.replaceChildren(h('p', { text }));
  clearTimeout(announcerTimer);
  announcerTimer = setTimeout(() => region.replaceChildren(), 3000);
}

function connect() {
  const status = $('connection');
  const events = new EventSource('events/stream');
  const onVersion = (event) => {
    let version = null;
    try {
      version = JSON.parse(event.data).version;
    } catch {
      // a notice without a version: refresh anyway
    }
    if (version === null || version !== app.state?.version) refresh();
  };
  events.addEventListener('open', () => {
    status.dataset.state = 'live';
    status.textContent = 'Live';
  });
  events.addEventListener('hello', onVersion);
  events.addEventListener('changed', onVersion);
  events.addEventListener('error', () => {
    status.dataset.state = 'lost';
    status.textContent = 'Reconnecting…';
  });
}

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && openMenuState) closeMenus(true);
});

connect();
refresh();
