// The benchmark's results as a Markdown section: printed to stdout and put into bench/README.md
// between the "latest run" markers (the rest of the README is left as written).
import { readFile, writeFile } from 'node:fs/promises';
import type { LoadResult } from './load-generator.ts';
import { ms, rps, type Summary } from './stats.ts';

export type Target = 'bare' | 'bot';

/** One measured phase against one server. */
export interface PhaseReport {
  readonly target: Target;
  readonly name: string;
  readonly result: LoadResult;
  /** CPU time of the bench process (bot, sandbox, bare server; not the load generator or PostgreSQL) per request. */
  readonly cpuMsPerRequest: number;
  /** That CPU time as a share of one core over the phase. */
  readonly cpuShare: number;
  readonly loopDelayP99Ms: number;
  /** The machine's 1-minute load average as the phase ended: other work on the host shows here. */
  readonly loadAverage: number;
  /** The bot only: events answered but not yet handled when the load stopped, and finishing them. */
  readonly backlog?: {
    readonly pendingAtEnd: number;
    readonly drainedMs: number;
    /** CPU per request counting the work finished after the load too. */
    readonly cpuMsPerRequest: number;
  };
}

/** Slack-side counters: what the bot actually did behind its 200s. */
export interface SlackSide {
  readonly viewsOpened: number;
  readonly viewsFailed: number;
  readonly viewsFailedCodes: readonly string[];
  readonly ephemeralsViaResponseUrl: number;
  readonly pinEntries: number;
  readonly eventReceipts: number;
  readonly eventsFailed: number;
}

/** Everything one run measured. */
export interface RunReport {
  readonly date: Date;
  readonly machine: string;
  readonly postgres: string;
  readonly settings: {
    readonly duration: number;
    readonly rate: number;
    readonly connections: number;
    readonly warmup: number;
    readonly saturationDuration: number;
    readonly saturationConnections: number;
    readonly saturationPool: number;
    readonly pins: number;
    readonly submissions: number;
  };
  readonly phases: readonly PhaseReport[];
  readonly slack: {
    readonly before: SlackSide;
    readonly afterFixed: SlackSide;
    readonly afterSaturation: SlackSide;
    readonly expectedPins: number;
  };
  readonly flow: { readonly ack: Summary; readonly channel: Summary; readonly headline: Summary };
}

const START = '<!-- latest-run:start -->';
const END = '<!-- latest-run:end -->';

const failures = (r: LoadResult) => r.responses - r.ok + r.errors + r.timeouts;
const ratio = (bot: number, bare: number) => (bare > 0 ? `${((bot / bare) * 100).toFixed(0)} %` : '–');
const met = (ok: boolean) => (ok ? '**met**' : '**missed**');
const statusList = (r: LoadResult) =>
  Object.entries(r.statuses)
    .map(([code, count]) => `${code}×${count}`)
    .join(', ') || 'none';

const kindLatency = (r: LoadResult, kind: string) => {
  const k = r.byKind[kind];
  return k ? `${ms(k.p50)} / ${ms(k.p99)}` : '–';
};

const find = (phases: readonly PhaseReport[], target: Target, name: string): PhaseReport => {
  const found = phases.find((p) => p.target === target && p.name === name);
  if (!found) throw new Error(`no ${name} phase for ${target}`);
  return found;
};

const delta = (after: SlackSide, before: SlackSide) => ({
  viewsOpened: after.viewsOpened - before.viewsOpened,
  viewsFailed: after.viewsFailed - before.viewsFailed,
  ephemerals: after.ephemeralsViaResponseUrl - before.ephemeralsViaResponseUrl,
});

const backlog = (p: PhaseReport) => (p.backlog ? `${p.backlog.pendingAtEnd} / ${ms(p.backlog.drainedMs)}` : '–');

/** The "Latest run" section. */
export const renderReport = (run: RunReport): string => {
  const s = run.settings;
  const fixed = { bare: find(run.phases, 'bare', 'fixed'), bot: find(run.phases, 'bot', 'fixed') };
  const sat = { bare: find(run.phases, 'bare', 'saturation'), bot: find(run.phases, 'bot', 'saturation') };
  const row = (label: string, bare: string, bot: string, both = '') => `| ${label} | ${bare} | ${bot} | ${both} |`;
  const botFailures = failures(fixed.bot.result) + failures(sat.bot.result);
  const fixedSlack = delta(run.slack.afterFixed, run.slack.before);
  const satSlack = delta(run.slack.afterSaturation, run.slack.afterFixed);
  const slackFailures = fixedSlack.viewsFailed + satSlack.viewsFailed;
  const p99Met = fixed.bot.result.latency.p99 <= 25;
  const errorsMet = botFailures === 0 && slackFailures === 0 && run.slack.afterSaturation.eventsFailed === 0;
  const throughputShare = sat.bot.result.throughput / sat.bare.result.throughput;
  const throughputMet = throughputShare >= 0.5;
  const headlineMet = run.flow.headline.p95 <= 1000;
  const rateHeld = fixed.bot.result.throughput >= s.rate * 0.95;
  const flowRow = (label: string, x: Summary) => `| ${label} | ${ms(x.p50)} | ${ms(x.p95)} | ${ms(x.max)} |`;
  const lines = [
    `#### ${run.date.toISOString().replace('T', ' ').slice(0, 16)} UTC`,
    '',
    `Machine: ${run.machine}; PostgreSQL ${run.postgres} on the same host; load generator, bot and PostgreSQL share the cores.`,
    `Settings: ${s.rate} requests/s for ${s.duration} s over ${s.connections} connections (after ${s.warmup} s warm-up, not counted); saturation ${s.saturationDuration} s over ${s.saturationConnections} connections, unthrottled; ${s.pins} pinnable messages; ${s.submissions} report submissions.`,
    '',
    row('Load: half `/incident`, half `pin_added`', 'bare `node:http`', 'bot', 'bot / bare'),
    '|---|---|---|---|',
    row(
      `${s.rate}/s: p50 latency`,
      ms(fixed.bare.result.latency.p50),
      ms(fixed.bot.result.latency.p50),
      fixed.bare.result.latency.p50 > 0
        ? `${(fixed.bot.result.latency.p50 / fixed.bare.result.latency.p50).toFixed(1)}×`
        : '–',
    ),
    row(
      `${s.rate}/s: p99 latency`,
      ms(fixed.bare.result.latency.p99),
      ms(fixed.bot.result.latency.p99),
      fixed.bare.result.latency.p99 > 0
        ? `${(fixed.bot.result.latency.p99 / fixed.bare.result.latency.p99).toFixed(1)}×`
        : '–',
    ),
    row(
      `${s.rate}/s: \`/incident\` p50 / p99`,
      kindLatency(fixed.bare.result, 'command'),
      kindLatency(fixed.bot.result, 'command'),
    ),
    row(
      `${s.rate}/s: \`pin_added\` p50 / p99`,
      kindLatency(fixed.bare.result, 'pin'),
      kindLatency(fixed.bot.result, 'pin'),
    ),
    row(`${s.rate}/s: max latency`, ms(fixed.bare.result.latency.max), ms(fixed.bot.result.latency.max)),
    row(
      `${s.rate}/s: throughput achieved`,
      rps(fixed.bare.result.throughput),
      rps(fixed.bot.result.throughput),
      ratio(fixed.bot.result.throughput, fixed.bare.result.throughput),
    ),
    row(`${s.rate}/s: responses (status×count)`, statusList(fixed.bare.result), statusList(fixed.bot.result)),
    row(
      `${s.rate}/s: errors (non-2xx + socket errors + timeouts)`,
      String(failures(fixed.bare.result)),
      String(failures(fixed.bot.result)),
    ),
    row(
      `${s.rate}/s: bench-process CPU per request / share of a core`,
      `${fixed.bare.cpuMsPerRequest.toFixed(2)} ms / ${(fixed.bare.cpuShare * 100).toFixed(0)} %`,
      `${fixed.bot.cpuMsPerRequest.toFixed(2)} ms / ${(fixed.bot.cpuShare * 100).toFixed(0)} %`,
      `${(fixed.bot.cpuMsPerRequest / fixed.bare.cpuMsPerRequest).toFixed(1)}×`,
    ),
    row(
      `${s.rate}/s: events answered, not yet handled when the load stopped / all handled after`,
      '–',
      backlog(fixed.bot),
    ),
    row(`${s.rate}/s: event-loop delay p99`, ms(fixed.bare.loopDelayP99Ms), ms(fixed.bot.loopDelayP99Ms)),
    row(
      `${s.rate}/s: host load average (1 min) at the end`,
      fixed.bare.loadAverage.toFixed(2),
      fixed.bot.loadAverage.toFixed(2),
    ),
    row(
      '**Saturation: throughput**',
      `**${rps(sat.bare.result.throughput)}**`,
      `**${rps(sat.bot.result.throughput)}**`,
      `**${ratio(sat.bot.result.throughput, sat.bare.result.throughput)}**`,
    ),
    row(
      'Saturation: p50 / p99 latency',
      `${ms(sat.bare.result.latency.p50)} / ${ms(sat.bare.result.latency.p99)}`,
      `${ms(sat.bot.result.latency.p50)} / ${ms(sat.bot.result.latency.p99)}`,
    ),
    row(
      'Saturation: host load average (1 min) at the end',
      sat.bare.loadAverage.toFixed(2),
      sat.bot.loadAverage.toFixed(2),
    ),
    row('Saturation: errors', String(failures(sat.bare.result)), String(failures(sat.bot.result))),
    row(
      'Saturation: events answered, not yet handled when the load stopped / all handled after',
      '–',
      backlog(sat.bot),
    ),
    row(
      'Saturation: bot throughput counting the time to handle every answered event',
      '–',
      rps(sat.bot.result.responses / (sat.bot.result.seconds + (sat.bot.backlog?.drainedMs ?? 0) / 1000)),
      ratio(
        sat.bot.result.responses / (sat.bot.result.seconds + (sat.bot.backlog?.drainedMs ?? 0) / 1000),
        sat.bare.result.throughput,
      ),
    ),
    row(
      'Saturation: bench-process CPU per request',
      `${sat.bare.cpuMsPerRequest.toFixed(2)} ms`,
      `${sat.bot.cpuMsPerRequest.toFixed(2)} ms`,
      `${(sat.bot.cpuMsPerRequest / sat.bare.cpuMsPerRequest).toFixed(1)}×`,
    ),
    row(
      'Saturation: bench-process CPU per request, with the work finished after the load',
      '–',
      sat.bot.backlog ? `${sat.bot.backlog.cpuMsPerRequest.toFixed(2)} ms` : '–',
    ),
    '',
    `Behind the bot's 200s (sandbox and database): in the warm-up and the ${s.rate}/s phase ${fixedSlack.viewsOpened} report modals opened, ${fixedSlack.viewsFailed} \`views.open\` failures, ${fixedSlack.ephemerals} error ephemerals; at saturation ${satSlack.viewsOpened} opened, ${satSlack.viewsFailed} failed${run.slack.afterSaturation.viewsFailedCodes.length ? ` (${run.slack.afterSaturation.viewsFailedCodes.join(', ')})` : ''}, ${satSlack.ephemerals} error ephemerals. Requests that reused a body because a pool ran out: ${fixed.bot.result.reused} at ${s.rate}/s, ${sat.bot.result.reused} at saturation (pool: ${s.saturationPool} commands and as many pins). Pins on the timeline: ${run.slack.afterSaturation.pinEntries} of ${run.slack.expectedPins} messages; event receipts stored: ${run.slack.afterSaturation.eventReceipts}, of which failed for good: ${run.slack.afterSaturation.eventsFailed}.`,
    '',
    `Submit → channel → headline (${s.submissions} reports one at a time, healthy sandbox Slack):`,
    '',
    '| from pressing Submit to | p50 | p95 | max |',
    '|---|---|---|---|',
    flowRow('the bot answering the submission', run.flow.ack),
    flowRow('the incident channel created', run.flow.channel),
    flowRow('the headline posted in #incidents', run.flow.headline),
    '',
    'Targets:',
    '',
    `- bot p99 at ${s.rate}/s ≤ 25 ms: ${ms(fixed.bot.result.latency.p99)}, ${met(p99Met)}${rateHeld ? '' : ` (and the rate was not held: ${rps(fixed.bot.result.throughput)} answered, since ${s.connections} connections waiting on answers this slow cannot send ${s.rate}/s)`}`,
    `- zero errors (bot HTTP answers, Slack-side \`views.open\`, events that failed for good): ${botFailures} HTTP, ${slackFailures} Slack-side, ${run.slack.afterSaturation.eventsFailed} events, ${met(errorsMet)}`,
    `- bot ≥ 50 % of the bare server's throughput at saturation: ${(throughputShare * 100).toFixed(0)} %, ${met(throughputMet)}`,
    `- submit → headline p95 ≤ 1 s: ${ms(run.flow.headline.p95)}, ${met(headlineMet)}`,
  ];
  return lines.join('\n');
};

const TEMPLATE = `# Benchmarks

## Latest run

${START}
${END}
`;

/** Puts `section` between the markers in the README (creating it if needed). */
export const writeReadme = async (path: string, section: string): Promise<void> => {
  const current = await readFile(path, 'utf8').catch(() => TEMPLATE);
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const base = start >= 0 && end > start ? current : `${current.trimEnd()}\n\n## Latest run\n\n${START}\n${END}\n`;
  const s = base.indexOf(START);
  const e = base.indexOf(END);
  await writeFile(path, `${base.slice(0, s + START.length)}\n${section}\n${base.slice(e)}`);
};
