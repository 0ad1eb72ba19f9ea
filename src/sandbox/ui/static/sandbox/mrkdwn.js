// mrkdwn (Slack's markup) into DOM nodes: ```pre``` blocks, > quotes, `code`, <links and mentions>, *bold*,
// _italic_, ~strike~ and :emoji:. Text goes in as text nodes; nothing is parsed as HTML.
import { h } from './dom.js';
import { EMOJI } from './emoji.js';
import { selectChannel } from './state.js';

const decode = (text) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const WORDISH = /[\p{L}\p{N}]/u;

/** A whole mrkdwn text: ```pre``` blocks, > quotes, then inline markup. */
export function mrkdwn(text, ctx, tag = 'div') {
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
export function appRedirect(url) {
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
export function textObject(object, ctx, tag = 'div') {
  if (!object || typeof object !== 'object') return h('span');
  if (object.type === 'mrkdwn') return mrkdwn(object.text ?? '', ctx, tag);
  return h('span', { class: 'plain-text', text: plain(object) });
}

/** A plain_text object as a string. */
export function plain(object) {
  if (!object || typeof object !== 'object') return '';
  const text = String(object.text ?? '');
  if (object.emoji === false) return text;
  return text.replace(/:([a-z0-9_+'-]+):/g, (all, name) => (Object.hasOwn(EMOJI, name) ? EMOJI[name] : all));
}

/** What a text says, without markup (for the live region and labels). */
export const spoken = (text, ctx) => mrkdwn(text, ctx).textContent.replace(/\s+/g, ' ').trim();
