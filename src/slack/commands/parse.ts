// Reading command text as Slack sends it: `<@U123|name>` mentions, `<#C123|name>` channels (§7).

/** The command word (lower-cased) and the rest; null for empty text. */
export const splitCommand = (text: string): { name: string; args: string } | null => {
  const match = /^\s*(\S+)\s*([\s\S]*)$/.exec(text);
  if (!match?.[1]) return null;
  return { name: match[1].toLowerCase(), args: (match[2] ?? '').trim() };
};

/** Mention text without the leading `<@BOT>` that addressed it. */
export const withoutLeadingMention = (text: string): string =>
  text.replace(/^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>[\s:,]*/, '');

const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/;

/** The first user mentioned, if any. */
export const firstMention = (text: string): string | null => MENTION.exec(text)?.[1] ?? null;

/** Text with its first user mention taken out (for "action Fix it <@U1>" → "Fix it"). */
export const withoutFirstMention = (text: string): string =>
  text
    .replace(MENTION, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
