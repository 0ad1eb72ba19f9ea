// Slack message timestamps ("1712330400.001900") are seconds and microseconds since the epoch.

/** The moment a Slack `ts` names (to the millisecond). */
export const slackTsToDate = (ts: string): Date => {
  const [seconds = '0', micros = '0'] = ts.split('.');
  return new Date(Number(seconds) * 1000 + Math.floor(Number(micros.padEnd(6, '0').slice(0, 6)) / 1000));
};
