const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Largest first: parsing demands this order and formatting produces it, so "1h30m" round-trips.
const UNITS = [
  ['d', DAY],
  ['h', HOUR],
  ['m', MINUTE],
  ['s', SECOND],
  ['ms', 1],
] as const;

// Each unit at most once, largest first, optionally separated by spaces ("1h30m" or "1m 30s", as formatDuration
// writes). `m(?!s)` keeps "500ms" from being read as 500 minutes followed by a stray "s".
const PATTERN = /^\s*(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m(?!s))?\s*(?:(\d+)s)?\s*(?:(\d+)ms)?\s*$/;

const ACCEPTED_FORM =
  'use whole numbers with a unit (ms, s, m, h or d), largest unit first, e.g. 500ms, 30s, 2m, 1h30m, 24h or 2d';

/** Reads a duration such as `30s`, `2m`, `1h30m`, `500ms` or `2d` into milliseconds; throws on anything else. */
export function parseDuration(text: string): number {
  const match = PATTERN.exec(text);
  // Every group is optional, so a blank string matches too: demand at least one number.
  if (!match || match.slice(1).every((group) => group === undefined)) {
    throw new Error(`${JSON.stringify(text)} is not a duration: ${ACCEPTED_FORM}`);
  }
  const total = UNITS.reduce((sum, [, size], index) => sum + Number(match[index + 1] ?? 0) * size, 0);
  if (!Number.isSafeInteger(total)) {
    throw new Error(`${JSON.stringify(text)} is too long a duration to count in milliseconds`);
  }
  return total;
}

/** Writes milliseconds for people, largest unit first: 90000 → "1m 30s", 3600000 → "1h", 0 → "0s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new RangeError(`formatDuration needs a finite number of milliseconds, 0 or more (got ${ms})`);
  }
  let rest = Math.round(ms);
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count}${unit}`);
  }
  return parts.length > 0 ? parts.join(' ') : '0s';
}
