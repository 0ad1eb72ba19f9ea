/**
 * How long something has run, as people say it: "2 hrs 5 mins", "1 hr", "1 min", "40 secs",
 * "3 days 4 hrs" (Response's wording; the two largest units only, so it stays short).
 */
export const describeElapsed = (ms: number): string => {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} ${seconds === 1 ? 'sec' : 'secs'}`;
  const units: [number, string, string][] = [
    [Math.floor(seconds / 86_400), 'day', 'days'],
    [Math.floor((seconds % 86_400) / 3_600), 'hr', 'hrs'],
    [Math.floor((seconds % 3_600) / 60), 'min', 'mins'],
  ];
  const first = units.findIndex(([n]) => n > 0);
  return units
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`)
    .join(' ');
};
