// The optional "when" of a form: a local date and a time in INCIDENT_TIMEZONE, both or neither.
import type { FieldError } from '../../presenters/pages/forms.ts';
import { isClockTime, isIsoDate, localDate, zonedInstant } from '../../presenters/pages/time.ts';

/**
 * Reads date and time fields. Both empty: null (the use case takes "now"). A time alone is today;
 * a date alone needs a time. Errors name the field to fix.
 */
export const readWhen = (
  date: string,
  time: string,
  timeZone: string,
  now: Date,
): { at: Date | null; errors: FieldError[] } => {
  const d = date.trim();
  const t = time.trim();
  if (d === '' && t === '') return { at: null, errors: [] };
  const errors: FieldError[] = [];
  if (d !== '' && !isIsoDate(d)) errors.push({ field: 'date', text: 'Enter a real date, for example 2026-03-02' });
  if (t === '') errors.push({ field: 'time', text: 'Enter a time as well as the date, for example 14:05' });
  else if (!isClockTime(t))
    errors.push({ field: 'time', text: 'Enter a time on the 24-hour clock, for example 14:05' });
  if (errors.length > 0) return { at: null, errors };
  return { at: zonedInstant(d || localDate(now, timeZone), t, timeZone), errors: [] };
};
