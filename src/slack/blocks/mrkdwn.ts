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

/** Cuts text to `max` characters, marking the cut. */
export const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
