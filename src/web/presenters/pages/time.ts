// Times as people read them: in INCIDENT_TIMEZONE, with the zone named ("2 Mar 2026, 10:00 GMT").
// The database holds UTC; only pages and reports convert.
import { describeElapsed } from '../../../domain/index.ts';

const formats = new Map<string, Intl.DateTimeFormat>();
const format = (key: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
  const id = `${key}|${timeZone}`;
  let found = formats.get(id);
  if (!found) {
    found = new Intl.DateTimeFormat('en-GB', { timeZone, ...options });
    formats.set(id, found);
  }
  return found;
};

const parts = (date: Date, timeZone: string): Record<string, string> =>
  Object.fromEntries(
    format('parts', timeZone, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );

/** Whether the name is a time zone this runtime knows (config checks it too; this keeps pages safe). */
export const isTimeZone = (timeZone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
};

// A long timeline shows thousands of times; zones change offset only on whole minutes, so one
// formatting per minute and zone does (bounded, so a long-running process does not grow it forever).
const shown = new Map<string, string>();
const SHOWN_MAX = 20_000;

/** "2 Mar 2026, 10:00 GMT". */
export const formatDateTime = (date: Date, timeZone: string): string => {
  const key = `${timeZone}|${Math.floor(date.getTime() / 60_000)}`;
  const cached = shown.get(key);
  if (cached !== undefined) return cached;
  const p = Object.fromEntries(
    format('datetime', timeZone, {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  const text = `${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} ${p.timeZoneName}`;
  if (shown.size >= SHOWN_MAX) shown.clear();
  shown.set(key, text);
  return text;
};

/** "2 Mar 2026". */
export const formatDate = (date: Date, timeZone: string): string =>
  format('date', timeZone, { day: 'numeric', month: 'short', year: 'numeric' }).format(date);

/** "10:00" (24-hour). */
export const formatTime = (date: Date, timeZone: string): string =>
  format('time', timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);

/** The zone's short name at that moment: "GMT", "BST". */
export const zoneName = (date: Date, timeZone: string): string => parts(date, timeZone).timeZoneName ?? timeZone;

/** The local calendar date (YYYY-MM-DD) of an instant. */
export const localDate = (date: Date, timeZone: string): string => {
  const p = parts(date, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
};

/** The local wall-clock time (HH:MM) of an instant. */
export const localTime = (date: Date, timeZone: string): string => {
  const p = parts(date, timeZone);
  return `${p.hour}:${p.minute}`;
};

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
const offsetAt = (instant: number, timeZone: string): number => {
  const p = parts(new Date(instant), timeZone);
  const wall = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return wall - Math.floor(instant / 1000) * 1000;
};

/** The instant a local wall-clock time (YYYY-MM-DD, HH:MM) happens in the zone. */
export const zonedInstant = (date: string, time: string, timeZone: string): Date => {
  const wall = Date.parse(`${date}T${time}:00Z`);
  // Twice: the first guess may sit on the other side of a daylight-saving change.
  const first = wall - offsetAt(wall, timeZone);
  return new Date(wall - offsetAt(first, timeZone));
};

/** Midnight at the start of a local date. */
export const startOfLocalDay = (date: string, timeZone: string): Date => zonedInstant(date, '00:00', timeZone);

/** Midnight after a local date: the exclusive end of "up to and including that day". */
export const endOfLocalDay = (date: string, timeZone: string): Date => {
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return zonedInstant(next, '00:00', timeZone);
};

/** "2 hrs 5 mins". */
export const formatDuration = (ms: number): string => describeElapsed(ms);

/** A real calendar date written YYYY-MM-DD. */
export const isIsoDate = (text: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
};

/** A real wall-clock time written HH:MM. */
export const isClockTime = (text: string): boolean => /^([01]\d|2[0-3]):[0-5]\d$/.test(text);
