// Links and mentions in mrkdwn: which link targets may become an href, where a #channel link goes, whose
// names a text mentions, and the name shown for a mention.
// https://api.slack.com/reference/surfaces/formatting#linking-urls

/** Names for Slack user ids; an id without a name is shown as the id. */
export type PeopleNames = ReadonlyMap<string, string>;

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

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

/** The Slack link that opens a channel in the app or the browser. */
export const channelUrl = (channelId: string): string =>
  `https://slack.com/app_redirect?channel=${encodeURIComponent(channelId)}`;

/** Slack user ids mentioned in the text, to look their names up before rendering. */
export const mentionedUserIds = (source: string): string[] => {
  const ids = new Set<string>();
  for (const match of source.matchAll(/<@([UW][A-Z0-9]{1,40})(?:\|[^>]*)?>/g)) if (match[1]) ids.add(match[1]);
  return [...ids];
};

/** The name shown for a user mention: the looked-up name, else the mention's own label, else the id. */
export const userName = (node: { id: string; label: string | null }, names: PeopleNames): string =>
  names.get(node.id) ?? node.label ?? node.id;
