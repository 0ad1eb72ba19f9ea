// bench/web's results as a Markdown section: printed to stdout and put into bench/README.md between
// its own "web run" markers (the rest of the README, bench/slack-ack's section included, is left alone).
import { readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { ms, type Summary } from './stats.ts';
import type { Step } from './web-steps.ts';

/** A statement one traced request ran, with PostgreSQL's own account of it. */
export interface TracedStatement {
  readonly text: string;
  /** Round trip as the pool saw it during the traced request. */
  readonly ms: number;
  readonly rows: number;
  /** EXPLAIN (ANALYZE, BUFFERS) of the same statement with the same parameters. */
  readonly plan: readonly string[];
  readonly executionMs: number;
}

/** One request of the benchmark and its baseline. */
export interface ScenarioResult {
  readonly name: string;
  readonly path: string;
  readonly group: 'list' | 'incident';
  readonly targetMs: number;
  /** Rows the request shows (incidents on the page, entries on the incident page, items from the API). */
  readonly rows: number;
  readonly server: Summary;
  readonly roundTrip: Summary;
  /** Wall time with at least one SQL statement of the request outstanding. */
  readonly database: Summary;
  /** Server time minus that: Express, sign-in check, presenting, Nunjucks, JSON. */
  readonly rest: Summary;
  readonly statements: number;
  readonly bytes: number;
  readonly baseline: {
    readonly sql: string;
    readonly rows: number;
    readonly time: Summary;
    readonly sameRows: boolean;
  };
  readonly traced: readonly TracedStatement[];
}

/** Everything one run measured. */
export interface WebRunReport {
  readonly date: Date;
  readonly machine: string;
  readonly postgres: string;
  readonly settings: {
    readonly requests: number;
    readonly warmup: number;
    /** The host's 1-minute load average as the timing began and ended: other work on the host shows here. */
    readonly loadAverage: readonly [number, number];
  };
  readonly data: {
    readonly incidents: number;
    readonly openIncidents: number;
    readonly timelineEntries: number;
    readonly actions: number;
    readonly bigIncidentId: number;
    readonly bigIncidentEntries: number;
    readonly bigIncidentHidden: number;
    readonly matches: { readonly common: number; readonly rare: number };
    readonly words: { readonly common: string; readonly rare: string };
    readonly loadSeconds: number;
  };
  readonly scenarios: readonly ScenarioResult[];
  readonly incidentSteps: { readonly steps: readonly Step[]; readonly htmlBytes: number; readonly runs: number };
}

const START = '<!-- web-run:start -->';
const END = '<!-- web-run:end -->';

const met = (ok: boolean) => (ok ? '**met**' : '**missed**');
const times = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}×` : '–');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim();
const short = (sql: string, max = 160) => {
  const line = oneLine(sql);
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** The plan's node lines (not the timing footer), trimmed to `max` lines. */
const planLines = (plan: readonly string[], max: number) => {
  const end = plan.findIndex((line) => /^(Planning|Execution)/.test(line));
  const nodes = end >= 0 ? plan.slice(0, end) : plan;
  return nodes.length > max ? [...nodes.slice(0, max), `… (${nodes.length - max} more lines)`] : nodes;
};

/** The statement PostgreSQL spent longest executing. */
const longestExecuting = (s: ScenarioResult) =>
  s.traced.reduce<TracedStatement | undefined>(
    (worst, t) => (!worst || t.executionMs > worst.executionMs ? t : worst),
    undefined,
  );

/** What a statement reads, for a one-line label: its first table, whether it searches or counts. */
const label = (t: TracedStatement) => {
  const table = /\bfrom\s+"?(\w+)"?/i.exec(t.text)?.[1] ?? 'statement';
  const search = /@@/.test(t.text) ? ' + search' : '';
  const grouped = /\bgroup by\b/i.test(t.text) ? ' grouped' : '';
  return `${table}${search}${grouped}`;
};

/** The "Latest run" section. */
export const renderWebReport = (run: WebRunReport): string => {
  const d = run.data;
  const cpuCount = cpus().length;
  const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const lines = [
    `### ${run.date.toISOString().replace('T', ' ').slice(0, 16)} UTC`,
    '',
    `Machine: ${run.machine}; PostgreSQL ${run.postgres} on the same host.`,
    `Data: ${d.incidents} incidents over two years (${d.openIncidents} open), ${d.timelineEntries} timeline entries, ${d.actions} actions; incident ${d.bigIncidentId} has ${d.bigIncidentEntries} entries (${d.bigIncidentHidden} hidden). \`${d.words.common}\` finds ${d.matches.common} incidents (${((d.matches.common / d.incidents) * 100).toFixed(1)} %), \`${d.words.rare}\` ${d.matches.rare}. Loaded and analysed in ${d.loadSeconds.toFixed(0)} s.`,
    `Settings: ${run.settings.requests} timed requests of each kind, one at a time over one keep-alive connection, each followed by its baseline (after ${run.settings.warmup} rounds of warm-up, not counted). Host load average (1 min, ${cpuCount} cores) ${run.settings.loadAverage[0].toFixed(1)} as the timing began, ${run.settings.loadAverage[1].toFixed(1)} as it ended.`,
    '',
    row([
      'Request',
      'rows',
      'server p50',
      '**server p95**',
      'server max',
      'baseline `SELECT` p50 / p95 / max',
      'p95 ÷ baseline p95',
      'target',
    ]),
    '|---|---|---|---|---|---|---|---|',
    ...run.scenarios.map((s) =>
      row([
        `${s.name}<br>\`${s.path}\``,
        String(s.rows),
        ms(s.server.p50),
        `**${ms(s.server.p95)}**`,
        ms(s.server.max),
        `${ms(s.baseline.time.p50)} / ${ms(s.baseline.time.p95)} / ${ms(s.baseline.time.max)}${s.baseline.sameRows ? '' : ' (rows differ!)'}`,
        times(s.server.p95, s.baseline.time.p95),
        `≤ ${s.targetMs} ms`,
      ]),
    ),
    '',
    'Where the server time goes (medians; "database" is the wall time with at least one statement of the request outstanding, "the rest" is Express, the session or token check, presenting, Nunjucks or JSON):',
    '',
    row([
      'Request',
      'statements',
      'database p50',
      'the rest p50',
      'the rest p95',
      'round trip p95 (client)',
      'response',
    ]),
    '|---|---|---|---|---|---|---|',
    ...run.scenarios.map((s) =>
      row([
        s.name,
        String(s.statements),
        ms(s.database.p50),
        ms(s.rest.p50),
        ms(s.rest.p95),
        ms(s.roundTrip.p95),
        kb(s.bytes),
      ]),
    ),
    '',
    'Baselines, each one statement through the same `pg` pool:',
    '',
    ...run.scenarios.map((s) => `- ${s.name}: \`${short(s.baseline.sql, 400)}\` (${s.baseline.rows} rows)`),
    '',
    'Targets (p95 server time):',
    '',
    ...run.scenarios.map(
      (s) => `- ${s.name} ≤ ${s.targetMs} ms: ${ms(s.server.p95)}, ${met(s.server.p95 <= s.targetMs)}`,
    ),
    '',
    'Every statement of one traced request, as "what it reads (rows): round trip as the pool saw it / execution inside PostgreSQL (EXPLAIN ANALYZE, same parameters)"; statements a route sends together (the incident page\'s incident, timeline window, timeline summary and actions) wait for each other\'s rows to be parsed, so their round trips overlap. For a missed target, the plan of the statement that executes longest:',
    '',
  ];
  for (const s of run.scenarios) {
    const statements = s.traced.map((t) => `${label(t)} (${t.rows}): ${ms(t.ms)} / ${ms(t.executionMs)}`);
    lines.push(`- ${s.name}: ${statements.join('; ')}`);
    const worst = longestExecuting(s);
    if (worst && s.server.p95 > s.targetMs) {
      lines.push(
        '',
        `  \`${short(worst.text, 300)}\``,
        '',
        '  ```',
        ...planLines(worst.plan, 30).map((line) => `  ${line}`),
        '  ```',
        '',
      );
    }
  }
  const steps = run.incidentSteps;
  const incident = run.scenarios.find((s) => s.group === 'incident');
  const total = steps.steps.filter((step) => !step.within).reduce((sum, step) => sum + step.time.p50, 0);
  if (lines.at(-1) !== '') lines.push('');
  lines.push(
    `The incident page step by step: the use cases, presenter and template its route calls, timed in process (${steps.runs} runs after the timing; the page is ${kb(steps.htmlBytes)} of HTML):`,
    '',
    row(['Step', 'p50', 'p95']),
    '|---|---|---|',
    ...steps.steps.map((step) =>
      row([step.within ? `&nbsp;&nbsp;${step.name}` : step.name, ms(step.time.p50), ms(step.time.p95)]),
    ),
    row([
      `sum of the steps (p50s)${incident ? `; the page's server time p50 was ${ms(incident.server.p50)}` : ''}`,
      ms(total),
      '',
    ]),
  );
  return lines.join('\n');
};

const TEMPLATE = `# Benchmarks

## \`bench/web\`

### Latest run

${START}
${END}
`;

/** Puts `section` between the web-run markers in the README (adding a bench/web section if needed). */
export const writeWebReadme = async (path: string, section: string): Promise<void> => {
  const current = await readFile(path, 'utf8').catch(() => TEMPLATE);
  const base =
    current.indexOf(START) >= 0 && current.indexOf(END) > current.indexOf(START)
      ? current
      : `${current.trimEnd()}\n\n## \`bench/web\`\n\n### Latest run\n\n${START}\n${END}\n`;
  const s = base.indexOf(START);
  const e = base.indexOf(END);
  await writeFile(path, `${base.slice(0, s + START.length)}\n${section}\n${base.slice(e)}`);
};
