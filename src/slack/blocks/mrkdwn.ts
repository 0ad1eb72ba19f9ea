// Text that goes into Slack mrkdwn. Only &, < and > are control characters (§7); people's text
// is escaped so a title like "<!channel> down" cannot ping a whole channel.

/** Escapes user text for mrkdwn. */
export const escapeMrkdwn = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A user mention, or a dash when nobody is set. */
export const mention = (userId: string | null | undefined): string => (userId ? `<@${userId}>` : '—');

/** A channel link; Slack shows its current name. */
export const channelLink = (channelId: string): string => `<#${channelId}>`;

/** A link with escaped text. */
export const link = (url: string, text: string): string => `<${url}|${escapeMrkdwn(text)}>`;

/** Cuts text to at most `max` UTF-16 units, marking the cut, never splitting an emoji (a surrogate pair). */
export const clip = (text: string, max: number): string => {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
};

/** Escapes, then cuts to `max`, never leaving half an entity like `&am` behind. */
export const escapeAndClip = (text: string, max: number): string => {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  return `${clip(escaped, max)
    .slice(0, -1)
    .replace(/&[a-z]*$/, '')}…`;
};
