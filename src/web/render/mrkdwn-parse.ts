// Slack mrkdwn parsed into nodes, for the renderers in mrkdwn.ts: ```code blocks``` first (nothing inside them
// is formatting), then each line's atoms (`code`, <links and mentions>) and its *bold*, _italic_ and ~strike~,
// always properly nested. Anything else, and any link we refuse, stays text.
// https://api.slack.com/reference/surfaces/formatting
import { safeUrl } from './mrkdwn-links.ts';

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

const USER_ID = /^[UW][A-Z0-9]{1,40}$/;
const CHANNEL_ID = /^[CGD][A-Z0-9]{1,40}$/;

/** Slack escapes exactly these three in message text; web-typed text rarely contains them. */
const decodeEntities = (text: string): string =>
  text.replace(/&(amp|lt|gt);/g, (_, name: string) => (name === 'amp' ? '&' : name === 'lt' ? '<' : '>'));

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
