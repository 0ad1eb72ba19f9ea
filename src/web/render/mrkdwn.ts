// Slack mrkdwn → HTML (or Markdown) through an allow-list. Text is stored as Slack sent it (or as a
// person typed it on the web) and rendered here, at display time: *bold*, _italic_, ~strike~, `code`,
// ```blocks```, <url|links> (http, https and mailto only), <@U…> and <#C…|name> mentions. Everything
// else is text, and every piece of text is escaped, so the output can only contain the tags below.
// https://api.slack.com/reference/surfaces/formatting
import { escapeHtml } from './escape.ts';

/** One piece of parsed mrkdwn. */
export type MrkdwnNode =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'break' }
  | { readonly type: 'code'; readonly text: string }
  | { readonly type: 'pre'; readonly text: string }
  | { readonly type: 'strong' | 'em' | 'strike'; readonly children: readonly MrkdwnNode[] }
  | { readonly type: 'link'; readonly href: string; readonly label: string }
  | { readonly type: 'user'; readonly id: string; readonly label: string | null }
  | { readonly type: 'channel'; readonly id: string; readonly label: string | null }
  | { readonly type: 'special'; readonly text: string };

/** Names for Slack user ids; an id without a name is shown as the id. */
export type PeopleNames = ReadonlyMap<string, string>;

const USER_ID = /^[UW][A-Z0-9]{1,40}$/;
const CHANNEL_ID = /^[CGD][A-Z0-9]{1,40}$/;
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** Slack escapes exactly these three in message text; web-typed text rarely contains them. */
const decodeEntities = (text: string): string =>
  text.replace(/&(amp|lt|gt);/g, (_, name: string) => (name === 'amp' ? '&' : name === 'lt' ? '<' : '>'));

/** A link target we are willing to put in an href, normalised; anything else (javascript:, data:…) is null. */
export const safeUrl = (raw: string): string | null => {
  const text = raw.trim();
  // Only absolute URLs: a relative one would resolve against our own origin.
  if (!/^(https?:\/\/|mailto:)/i.test(text)) return null;
  try {
    const url = new URL(text);
    return SAFE_SCHEMES.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
};

/** What is inside `<…>`: a mention, a link, a special mention, or nothing we know (then it stays text). */
const angleToken = (inner: string): MrkdwnNode | null => {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? null : decodeEntities(inner.slice(bar + 1));
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return USER_ID.test(id) ? { type: 'user', id, label: label || null } : null;
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return CHANNEL_ID.test(id) ? { type: 'channel', id, label: label || null } : null;
  }
  if (target.startsWith('!')) {
    // <!here>, <!channel>, <!everyone>, <!subteam^S1|@team>, <!date^…|fallback>: show what Slack shows.
    const name = target.slice(1).split('^')[0] ?? '';
    if (label) return { type: 'special', text: label };
    return ['here', 'channel', 'everyone'].includes(name) ? { type: 'special', text: `@${name}` } : null;
  }
  const href = safeUrl(decodeEntities(target));
  if (href) return { type: 'link', href, label: label || decodeEntities(target) };
  // A link we refuse (javascript:, data:, relative…): its label, or the whole thing, as plain text.
  return /^[a-z][a-z0-9+.-]*:/i.test(target) ? { type: 'text', text: label ?? decodeEntities(`<${inner}>`) } : null;
};

/** Text runs, single formatting marks (`*`, `_`, `~`) and atoms (code spans, links, mentions). */
type Unit = string | MrkdwnNode;

/** A line as units: formatting may surround atoms but never enter them. */
const lineUnits = (line: string): Unit[] => {
  const units: Unit[] = [];
  const pushText = (raw: string) => {
    for (const part of decodeEntities(raw).split(/([*_~])/)) if (part !== '') units.push(part);
  };
  const atoms = /`([^`]+)`|<([^<>]+)>/g;
  let last = 0;
  for (let match = atoms.exec(line); match; match = atoms.exec(line)) {
    const node: MrkdwnNode | null =
      match[1] !== undefined ? { type: 'code', text: decodeEntities(match[1]) } : angleToken(match[2] ?? '');
    if (!node) continue;
    pushText(line.slice(last, match.index));
    units.push(node);
    last = match.index + match[0].length;
  }
  pushText(line.slice(last));
  return units;
};

const DELIMITERS: Record<string, 'strong' | 'em' | 'strike'> = { '*': 'strong', _: 'em', '~': 'strike' };
// Formatting opens after a boundary and closes before one, so snake_case and 2*3*4 stay as typed.
const BOUNDARY = /[\s.,;:!?()[\]{}"'/\\*_~-]/;

/** The character touching a mark from one side; an atom counts as a letter. */
const edge = (unit: Unit | undefined, side: 'last' | 'first'): string | undefined =>
  unit === undefined ? undefined : typeof unit === 'string' ? (side === 'last' ? unit.at(-1) : unit[0]) : 'a';

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);
const isBoundary = (c: string | undefined): boolean => c === undefined || BOUNDARY.test(c);

interface Frame {
  readonly delimiter: string;
  readonly children: MrkdwnNode[];
}

const pushText = (children: MrkdwnNode[], text: string) => {
  const last = children.at(-1);
  if (last?.type === 'text') children[children.length - 1] = { type: 'text', text: last.text + text };
  else children.push({ type: 'text', text });
};

const pushNode = (children: MrkdwnNode[], node: MrkdwnNode) => {
  if (node.type === 'text') pushText(children, node.text);
  else children.push(node);
};

/** An opener that never closed is just its character again, followed by what came after it. */
const flatten = (frame: Frame, into: MrkdwnNode[]) => {
  pushText(into, frame.delimiter);
  for (const child of frame.children) pushNode(into, child);
};

/** Bold, italic and strike on one line, always properly nested (a delimiter stack, as CommonMark does). */
const formatLine = (units: readonly Unit[]): MrkdwnNode[] => {
  const root: Frame = { delimiter: '', children: [] };
  const stack: Frame[] = [root];
  const top = () => stack[stack.length - 1] ?? root;
  for (const [i, unit] of units.entries()) {
    if (typeof unit !== 'string') {
      pushNode(top().children, unit);
      continue;
    }
    const type = DELIMITERS[unit];
    if (!type) {
      pushText(top().children, unit);
      continue;
    }
    const prev = edge(units[i - 1], 'last');
    const next = edge(units[i + 1], 'first');
    const opener = stack.findLastIndex((frame) => frame.delimiter === unit);
    if (opener > 0 && prev !== undefined && !isSpace(prev) && prev !== unit && isBoundary(next)) {
      while (stack.length - 1 > opener) {
        const inner = stack.pop() as Frame;
        flatten(inner, top().children);
      }
      const frame = stack.pop() as Frame;
      top().children.push({ type, children: frame.children });
      continue;
    }
    if (isBoundary(prev) && next !== undefined && !isSpace(next) && next !== unit) {
      stack.push({ delimiter: unit, children: [] });
      continue;
    }
    pushText(top().children, unit);
  }
  while (stack.length > 1) {
    const inner = stack.pop() as Frame;
    flatten(inner, top().children);
  }
  return root.children;
};

/** Text with nothing to format: most timeline entries. */
const PLAIN = /^[^*_~`<&]*$/;

/** Parses mrkdwn into nodes: code blocks first (nothing inside them is formatting), then line by line. */
export const parseMrkdwn = (source: string): MrkdwnNode[] => {
  const nodes: MrkdwnNode[] = [];
  const parts = source.replace(/\r\n?/g, '\n').split(/```/);
  // Odd parts are inside ``` fences; an unclosed fence is text.
  const closed = parts.length % 2 === 1;
  parts.forEach((part, index) => {
    const inFence = index % 2 === 1 && (closed || index < parts.length - 1);
    if (inFence) {
      nodes.push({ type: 'pre', text: decodeEntities(part.replace(/^\n/, '').replace(/\n$/, '')) });
      return;
    }
    const text = index % 2 === 1 ? `\`\`\`${part}` : part;
    text.split('\n').forEach((line, n) => {
      if (n > 0) nodes.push({ type: 'break' });
      for (const node of formatLine(lineUnits(line))) nodes.push(node);
    });
  });
  return nodes;
};

/** Slack user ids mentioned in the text, to look their names up before rendering. */
export const mentionedUserIds = (source: string): string[] => {
  const ids = new Set<string>();
  for (const match of source.matchAll(/<@([UW][A-Z0-9]{1,40})(?:\|[^>]*)?>/g)) if (match[1]) ids.add(match[1]);
  return [...ids];
};

const userName = (node: { id: string; label: string | null }, names: PeopleNames): string =>
  names.get(node.id) ?? node.label ?? node.id;

/** The Slack link that opens a channel in the app or the browser. */
export const channelUrl = (channelId: string): string =>
  `https://slack.com/app_redirect?channel=${encodeURIComponent(channelId)}`;

const nodeHtml = (node: MrkdwnNode, names: PeopleNames): string => {
  switch (node.type) {
    case 'text':
      return escapeHtml(node.text);
    case 'break':
      return '<br>';
    case 'code':
      return `<code class="app-mrkdwn__code">${escapeHtml(node.text)}</code>`;
    case 'pre':
      return `<pre class="app-mrkdwn__pre"><code>${escapeHtml(node.text)}</code></pre>`;
    case 'strong':
      return `<strong>${nodesHtml(node.children, names)}</strong>`;
    case 'em':
      return `<em>${nodesHtml(node.children, names)}</em>`;
    case 'strike':
      return `<s>${nodesHtml(node.children, names)}</s>`;
    case 'link':
      return `<a class="govuk-link" href="${escapeHtml(node.href)}" rel="noopener noreferrer nofollow">${escapeHtml(node.label)}</a>`;
    case 'user':
      return `<span class="app-mention">@${escapeHtml(userName(node, names))}</span>`;
    case 'channel':
      return `<a class="govuk-link app-mention" href="${escapeHtml(channelUrl(node.id))}">#${escapeHtml(node.label ?? node.id)}</a>`;
    case 'special':
      return `<span class="app-mention">${escapeHtml(node.text)}</span>`;
  }
};

const nodesHtml = (nodes: readonly MrkdwnNode[], names: PeopleNames): string =>
  nodes.map((node) => nodeHtml(node, names)).join('');

/** Safe HTML for mrkdwn: only the allow-listed tags, every text escaped, links only http(s) and mailto. */
export const mrkdwnToHtml = (source: string, names: PeopleNames = new Map()): string =>
  PLAIN.test(source) ? escapeHtml(source).replace(/\r?\n/g, '<br>') : nodesHtml(parseMrkdwn(source), names);

// Markdown punctuation that would change the meaning of plain text.
const escapeMarkdown = (text: string): string => text.replace(/[\\`*_~[\]<>#|]/g, (c) => `\\${c}`);

/** A run of backticks longer than any inside the text, so the text cannot close it early. */
const fence = (text: string, min: number): string =>
  '`'.repeat(Math.max(min, 1 + Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))));

const nodeMarkdown = (node: MrkdwnNode, names: PeopleNames, indent: string): string => {
  switch (node.type) {
    case 'text':
      return escapeMarkdown(node.text);
    case 'break':
      return `  \n${indent}`;
    case 'code': {
      const ticks = fence(node.text, 1);
      return `${ticks}${node.text.startsWith('`') || node.text.endsWith('`') ? ` ${node.text} ` : node.text}${ticks}`;
    }
    case 'pre': {
      const ticks = fence(node.text, 3);
      const body = node.text.split('\n').join(`\n${indent}`);
      return `\n${indent}${ticks}\n${indent}${body}\n${indent}${ticks}\n${indent}`;
    }
    case 'strong':
      return `**${nodesMarkdown(node.children, names, indent)}**`;
    case 'em':
      return `_${nodesMarkdown(node.children, names, indent)}_`;
    case 'strike':
      return `~~${nodesMarkdown(node.children, names, indent)}~~`;
    case 'link':
      return `[${escapeMarkdown(node.label)}](<${node.href}>)`;
    case 'user':
      return `@${escapeMarkdown(userName(node, names))}`;
    case 'channel':
      return `#${escapeMarkdown(node.label ?? node.id)}`;
    case 'special':
      return escapeMarkdown(node.text);
  }
};

const nodesMarkdown = (nodes: readonly MrkdwnNode[], names: PeopleNames, indent: string): string =>
  nodes.map((node) => nodeMarkdown(node, names, indent)).join('');

/**
 * Markdown for mrkdwn, for the report download. `indent` prefixes continuation lines, so a
 * multi-line entry stays inside its list item.
 */
export const mrkdwnToMarkdown = (source: string, names: PeopleNames = new Map(), indent = ''): string =>
  nodesMarkdown(parseMrkdwn(source), names, indent).trim();

/** Plain text for mrkdwn (mentions as names, links as their labels), e.g. for a page title. */
export const mrkdwnToText = (source: string, names: PeopleNames = new Map()): string => {
  const text = (nodes: readonly MrkdwnNode[]): string =>
    nodes
      .map((node) => {
        switch (node.type) {
          case 'break':
            return '\n';
          case 'strong':
          case 'em':
          case 'strike':
            return text(node.children);
          case 'link':
            return node.label;
          case 'user':
            return `@${userName(node, names)}`;
          case 'channel':
            return `#${node.label ?? node.id}`;
          default:
            return node.text;
        }
      })
      .join('');
  return text(parseMrkdwn(source));
};
