// Slack mrkdwn → HTML (or Markdown, or plain text) through an allow-list. Text is stored as Slack sent it (or
// as a person typed it on the web) and rendered here, at display time: *bold*, _italic_, ~strike~, `code`,
// ```blocks```, <url|links> (http, https and mailto only), <@U…> and <#C…|name> mentions. Everything
// else is text, and every piece of text is escaped, so the output can only contain the tags below.
// Parsing is in mrkdwn-parse.ts, links and mentions in mrkdwn-links.ts; this module exports them too.
// https://api.slack.com/reference/surfaces/formatting
import { escapeHtml } from './escape.ts';
import { channelUrl, type PeopleNames, userName } from './mrkdwn-links.ts';
import { type MrkdwnNode, parseMrkdwn } from './mrkdwn-parse.ts';

export { channelUrl, mentionedUserIds, type PeopleNames, safeUrl } from './mrkdwn-links.ts';
export { type MrkdwnNode, parseMrkdwn } from './mrkdwn-parse.ts';

/** Text with nothing to format: most timeline entries. */
const PLAIN = /^[^*_~`<&]*$/;

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
