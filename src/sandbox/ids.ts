// Identifiers of Slack's shapes, so code that pattern-matches ids (or a spec validator) sees real-looking ones.
import { randomBytes, randomInt } from 'node:crypto';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const MIXED_ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

const pick = (alphabet: string, length: number): string =>
  Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');

/** Lower-case hex of `bytes` random bytes. */
export const randomHex = (bytes: number): string => randomBytes(bytes).toString('hex');

/** `C` + 10 upper-case alphanumerics (private channels too, as Slack does since 2021); `D…` for DMs, `U…`, `V…`. */
export const slackId = (prefix: 'C' | 'D' | 'U' | 'V' | 'Bk' | 'Ev' | 'EC'): string => prefix + pick(UPPER_ALNUM, 10);

/** A trigger id of Slack's shape `7001234567890.123456789012.0a1b…` (README §2.2). */
export const triggerId = (): string => `${randomInt(1e12, 1e13 - 1)}.${randomInt(1e11, 1e12 - 1)}.${randomHex(16)}`;

/** A view hash like `1712330001.aB3dE5fG`: seconds, then a random part. */
export const viewHash = (nowMs: number): string => `${Math.floor(nowMs / 1000)}.${pick(MIXED_ALNUM, 8)}`;

/** Slack's generated block or action id: a few random characters. */
export const generatedBlockId = (): string => pick(MIXED_ALNUM, 5);

/** A random opaque id for response URLs. */
export const opaqueId = (): string => pick(MIXED_ALNUM, 24);

/** Formats microseconds since the epoch as a message ts `1712330400.000100`. */
export const formatTs = (micros: number): string =>
  `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;

/** Parses a ts (or whole seconds, as `oldest=0` is often sent) into microseconds; NaN when it is neither. */
export const parseTs = (ts: string): number => {
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(ts);
  return match ? Number(match[1]) * 1e6 + Number((match[2] ?? '').padEnd(6, '0')) : Number.NaN;
};
