// Percentiles and number formatting shared by the benchmark and its load generator.

/** Nearest-rank percentile of ascending `sorted` (p in 0..100); NaN when there are no samples. */
export const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
};

/** p50/p95/p99/max of unsorted samples, in the samples' unit. */
export const summarize = (samples: readonly number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
};

export type Summary = ReturnType<typeof summarize>;

/** Milliseconds with one decimal, or "–" when unknown. */
export const ms = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : '–');

/** Requests per second without decimals. */
export const rps = (value: number): string => (Number.isFinite(value) ? `${Math.round(value)}/s` : '–');
