import { isIP } from 'node:net';
import { parseDuration } from './duration.ts';

// Each rule reads one raw environment value and returns what the program uses, or throws an Error whose message
// completes the sentence "VARIABLE: …". Rules for secret variables never put the value in that message.

/** Quotes a non-secret value for a problem line: ` (got "abc")`. */
export const got = (raw: string): string => ` (got ${JSON.stringify(raw)})`;

/** A TCP port, 1–65535. */
export function port(raw: string): number {
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= 1 && value <= 65535)) throw new Error(`must be a whole number from 1 to 65535${got(raw)}`);
  return value;
}

/** An absolute http(s) URL with no trailing slash, so callers can append `/path` without doubling it. */
export function httpUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`must be an http:// or https:// URL${got(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`must be an http:// or https:// URL${got(raw)}`);
  }
  // Links are built by appending paths; a query or fragment would end up in the middle of every one of them.
  if (url.search || url.hash) throw new Error(`must not have a ?query or #fragment${got(raw)}`);
  return raw.replace(/\/+$/, '');
}

/** A PostgreSQL connection string; may hold a password, so the problem shows at most its scheme. */
export function databaseUrl(raw: string): string {
  if (/^postgres(ql)?:\/\//.test(raw)) return raw;
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(raw)?.[0];
  const hint = scheme ? ` (it starts with "${scheme}")` : '';
  throw new Error(`must start with postgres:// or postgresql://${hint}; unset it to use the embedded database`);
}

/** A Slack bot token; only its xox?- prefix (which says the token's kind, not the secret) may be shown. */
export function botToken(raw: string): string {
  if (raw.startsWith('xoxb-')) return raw;
  const prefix = /^xox[a-z]-/.exec(raw)?.[0];
  const hint = prefix ? ` (this one starts with "${prefix}", which is not a bot token)` : '';
  throw new Error(`must be a bot token starting with xoxb-${hint}: copy the Bot User OAuth Token from the Slack app`);
}

/** A cookie-signing secret of at least 32 characters. */
export function sessionSecret(raw: string): string {
  if (raw.length >= 32) return raw;
  throw new Error('is too short: use at least 32 random characters, e.g. the output of `openssl rand -hex 32`');
}

/** A Slack channel ID: channel names change and are not unique over time, IDs are stable. */
export function channelId(raw: string): string {
  if (/^[CG][A-Z0-9]{8,}$/.test(raw)) return raw;
  const looksLikeName = raw.startsWith('#') || /[a-z]/.test(raw);
  const advice = looksLikeName
    ? "use the channel's ID, not its name: in Slack open the channel details, the ID (like C0123456789) is at the bottom"
    : 'must be a channel ID like C0123456789 (in Slack: channel details, at the bottom)';
  throw new Error(`${advice}${got(raw)}`);
}

/** A Slack workspace (team) ID like T0123456789. */
export function teamId(raw: string): string {
  if (/^T[A-Z0-9]{8,}$/.test(raw)) return raw;
  throw new Error(`must be a Slack team ID like T0123456789${got(raw)}`);
}

const TEMPLATE_TOKENS = ['{id}', '{slug}', '{yyyy}', '{mm}', '{dd}', '{severity}'];

/** A channel name template; every problem in it is reported, not only the first. */
export function channelNameTemplate(raw: string): string {
  const problems: string[] = [];
  const unknown = [...new Set(raw.match(/\{[^{}]*\}/g) ?? [])].filter((token) => !TEMPLATE_TOKENS.includes(token));
  if (unknown.length > 0) {
    problems.push(`has unknown token${unknown.length > 1 ? 's' : ''} ${unknown.join(' ')}`);
  }
  if (/[{}]/.test(raw.replace(/\{[^{}]*\}/g, ''))) problems.push('has an unmatched { or }');
  // Slack refuses a second channel with the same name, so each incident's name must differ.
  if (!raw.includes('{id}')) problems.push('must contain {id} so every incident gets its own channel name');
  if (problems.length === 0) return raw;
  throw new Error(`${problems.join('; ')}; the tokens are ${TEMPLATE_TOKENS.join(' ')}${got(raw)}`);
}

/** An IANA time zone name that this Node.js knows. */
export function timeZone(raw: string): string {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: raw });
    return raw;
  } catch {
    throw new Error(`must be an IANA time zone name like Europe/London or America/New_York${got(raw)}`);
  }
}

/** An emoji name as Slack spells it in reactions: no colons, lower case (pushpin, +1, white_check_mark). */
export function emojiName(raw: string): string {
  if (/^[a-z0-9_+'-]+$/.test(raw)) return raw;
  const bare = raw.replace(/^:+|:+$/g, '');
  const hint = bare !== raw && /^[a-z0-9_+'-]+$/.test(bare) ? `; write it without colons: ${bare}` : '';
  throw new Error(`must be an emoji name: lower-case letters, digits and _ + ' - only, like pushpin${hint}${got(raw)}`);
}

/** A reminder interval: a duration longer than zero. */
export function positiveDuration(raw: string): number {
  const ms = parseDuration(raw);
  if (ms <= 0) throw new Error(`must be longer than zero${got(raw)}`);
  return ms;
}

/** A comma-separated list of IPv4/IPv6 CIDRs; a bare address means just that host (/32 or /128). */
export function cidrList(raw: string): string[] {
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new Error(`must list at least one CIDR, like 10.0.0.0/8${got(raw)}`);
  const bad = entries.filter((entry) => cidr(entry) === null);
  if (bad.length > 0) {
    const list = bad.map((entry) => JSON.stringify(entry)).join(', ');
    throw new Error(
      `${list} ${bad.length > 1 ? 'are not CIDRs' : 'is not a CIDR'}; use forms like 10.0.0.0/8 or fd00::/8`,
    );
  }
  return entries.map((entry) => cidr(entry) as string);
}

function cidr(entry: string): string | null {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return null;
  const bits = family === 4 ? 32 : 128;
  if (prefix === undefined) return `${address}/${bits}`;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > bits) return null;
  return `${address}/${Number(prefix)}`;
}

/** One of a fixed list of words, matched exactly. */
export function oneOf<const T extends string>(choices: readonly T[]): (raw: string) => T {
  return (raw) => {
    if ((choices as readonly string[]).includes(raw)) return raw as T;
    throw new Error(`must be one of ${choices.join(', ')}${got(raw)}`);
  };
}
