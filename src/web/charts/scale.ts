// Axis arithmetic for the server-rendered charts: round maxima and evenly spaced ticks.

/** The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ `raw` (a step people can read off an axis). */
export const niceStep = (raw: number): number => {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((candidate) => candidate >= raw * (1 - 1e-9));
  return step ?? 10 * power;
};

/**
 * Ticks from 0 to a round number at or above `max`, about `count` intervals. `integers` keeps steps
 * whole (counts of incidents): never "0.5 incidents".
 */
export const axisTicks = (max: number, count = 5, integers = false): number[] => {
  const top = Math.max(max, integers ? 1 : 0);
  if (top <= 0) return [0, 1];
  let step = niceStep(top / count);
  if (integers) step = Math.max(1, Math.ceil(step));
  const intervals = Math.max(1, Math.ceil(top / step - 1e-9));
  return Array.from({ length: intervals + 1 }, (_, i) => Number((i * step).toPrecision(12)));
};

/** Maps a value on [0, top] to a length on [0, length]; values beyond top are clamped. */
export const scaleLinear =
  (top: number, length: number) =>
  (value: number): number =>
    top <= 0 ? 0 : (Math.min(Math.max(value, 0), top) / top) * length;

/** Rounds to 0.1 so SVG stays short and diffs stay readable. */
export const px = (value: number): number => Math.round(value * 10) / 10;

/** The unit a set of durations reads best in, by their largest value. */
export interface DurationUnit {
  readonly seconds: number;
  /** Plural, for the axis title: "hours". */
  readonly name: string;
}

/** Minutes up to 2 hours, hours up to 3 days, days beyond. */
export const durationUnit = (maxSeconds: number): DurationUnit =>
  maxSeconds <= 2 * 3600
    ? { seconds: 60, name: 'minutes' }
    : maxSeconds <= 72 * 3600
      ? { seconds: 3600, name: 'hours' }
      : { seconds: 86_400, name: 'days' };

/** A number for an axis or a label: whole when whole, else one decimal. */
export const formatNumber = (value: number): string =>
  Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
