// bench/web: how fast the incident list, the incident page and the API list answer with 100 000
// incidents (one of them with 5 000 timeline entries, which its page shows 200 at a time), next to a
// baseline in the same run: one indexed SELECT returning the same rows, through the same pg pool.
// See bench/README.md for what it measures.
//
//   node --import tsx bench/web.ts [--incidents 100000] [--entries 5] [--big 5000] [--requests 200]
//        [--warmup 10] [--plans] [--no-readme]
import { randomBytes } from 'node:crypto';
import { Agent, createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { createApiTokens } from '../src/storage/api-tokens.ts';
import { openDatabase } from '../src/storage/db.ts';
import { createPeopleQueries } from '../src/storage/incident-queries.ts';
import { TIMELINE_WINDOW_SIZE } from '../src/usecases/get-incident-overview.ts';
import { endOfLocalDay, startOfLocalDay } from '../src/web/presenters/pages/time.ts';
import { encodeCursor } from '../src/web/routes/api-v1/cursor.ts';
import { assembleService } from '../src/wiring.ts';
import { summarize } from './stats.ts';
import { COMMON_WORD, loadData, RARE_WORD } from './web-data.ts';
import { renderWebReport, type ScenarioResult, type TracedStatement, writeWebReadme } from './web-report.ts';
import { incidentPageSteps } from './web-steps.ts';
import { SERVER_URL } from './world.ts';

const { values: flags } = parseArgs({
  options: {
    incidents: { type: 'string', default: '100000' },
    entries: { type: 'string', default: '5' },
    big: { type: 'string', default: '5000' },
    requests: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '10' },
    plans: { type: 'boolean', default: false },
    'no-readme': { type: 'boolean', default: false },
  },
});

const num = (name: 'incidents' | 'entries' | 'big' | 'requests' | 'warmup'): number => {
  const value = Number(flags[name]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  return value;
};

const settings = {
  incidents: num('incidents'),
  entriesPerIncident: num('entries'),
  bigIncidentEntries: num('big'),
  requests: num('requests'),
  warmup: num('warmup'),
};

const log = (line: string) => process.stderr.write(`[bench:web] ${line}\n`);
const TIMEZONE = 'Europe/London';

// ---------------------------------------------------------------------------------------------------
// Instrumentation: the server time of each request (from its arrival to the last byte handed to the
// socket), and the SQL it ran, seen by wrapping pg.Pool#query (the pool drizzle and executeSql use).
// Requests run one at a time, so whatever the pool does while one is open belongs to it.

interface Probe {
  readonly start: number;
  end: number;
  statements: number;
  outstanding: number;
  busySince: number;
  databaseMs: number;
  trace: { text: string; values: unknown[]; ms: number; rows: number }[] | null;
}

let probe: Probe | null = null;

type QueryFn = (this: pg.Pool, ...args: unknown[]) => unknown;
const poolPrototype = pg.Pool.prototype as unknown as { query: QueryFn };
const originalQuery = poolPrototype.query;
poolPrototype.query = function (this: pg.Pool, ...args: unknown[]) {
  const p = probe;
  if (!p || typeof args.at(-1) === 'function') return originalQuery.apply(this, args);
  const began = performance.now();
  p.statements += 1;
  if (p.outstanding++ === 0) p.busySince = began;
  const done = (rows: number) => {
    const now = performance.now();
    if (--p.outstanding === 0) p.databaseMs += now - p.busySince;
    if (p.trace) {
      const config = args[0] as string | { text: string; values?: unknown[] };
      const text = typeof config === 'string' ? config : config.text;
      const values = (args[1] as unknown[] | undefined) ?? (typeof config === 'string' ? [] : (config.values ?? []));
      p.trace.push({ text, values, ms: now - began, rows });
    }
  };
  return (originalQuery.apply(this, args) as Promise<{ rowCount: number | null; rows: unknown[] }>).then(
    (result) => {
      done(result.rows?.length ?? result.rowCount ?? 0);
      return result;
    },
    (error: unknown) => {
      done(0);
      throw error;
    },
  );
};

// ---------------------------------------------------------------------------------------------------
// HTTP, one request at a time over one keep-alive connection.

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

interface Answer {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly roundTripMs: number;
}

const get = (base: string, path: string, headers: Record<string, string>): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(`${base}${path}`, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          roundTripMs: performance.now() - started,
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });

// ---------------------------------------------------------------------------------------------------
// The requests and their baselines.

interface Scenario {
  readonly name: string;
  readonly path: string;
  readonly group: 'list' | 'incident';
  readonly targetMs: number;
  readonly auth: 'cookie' | 'token';
  /** What the answer shows, as ids in order (incidents, or timeline entries for the incident page). */
  readonly shown: (body: string) => number[];
  readonly baseline: { readonly sql: string; readonly values: unknown[] };
  /** The ids the baseline's rows stand for, to compare with what the answer shows. */
  readonly baselineIds: (rows: { id: number | string; hidden?: boolean }[]) => number[];
}

const INCIDENT_COLUMNS =
  'id, title, summary, impact, severity, status, kind, reporter_id, lead_id, reported_at, started_at, resolved_at';
const ENTRY_COLUMNS =
  'id, incident_id, source, text, occurred_at, author_id, hidden, slack_channel_id, slack_ts, slack_permalink, slack_files, created_at';
const OPEN = `('investigating', 'identified', 'monitoring')`;
// As the newest-first index is built (DESC NULLS LAST), so PostgreSQL walks it instead of sorting.
const NEWEST = 'order by reported_at desc nulls last, id desc nulls last';

const pageIncidents = (body: string) =>
  [...body.matchAll(/<a class="govuk-link" href="\/incidents\/(\d+)">/g)].map((m) => Number(m[1]));
const pageEntries = (body: string) =>
  [...body.matchAll(/<li class="app-timeline__entry[^"]*" id="entry-(\d+)">/g)].map((m) => Number(m[1]));
const apiIncidents = (body: string) => (JSON.parse(body) as { items: { id: number }[] }).items.map((i) => i.id);
const ids = (rows: { id: number | string }[]) => rows.map((r) => Number(r.id));

/** The list's search as one statement: both GIN indexes, open incidents first, then newest first. */
const searchBaseline = (word: string) => ({
  sql: `select ${INCIDENT_COLUMNS} from incidents
        where id in (select id from incidents where search @@ $1::tsquery
                     union select incident_id from timeline_entries where search @@ $1::tsquery and not hidden)
        order by status = 'resolved', reported_at desc nulls last, id desc nulls last limit 25`,
  values: [`${word}:*`],
});

/** Where a page deep in the list starts: after this many incidents, newest first. */
const DEEP = Math.min(50_000, Math.floor(settings.incidents / 100) * 50);

const scenarios = (
  bigIncidentId: number,
  middleEntryId: number,
  deep: { reportedAt: Date; id: number },
): Scenario[] => {
  // Reports of past incidents, reported in a three-month window a year ago.
  const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const from = day(400);
  const to = day(310);
  return [
    {
      name: 'List page',
      path: '/',
      group: 'list',
      targetMs: 50,
      auth: 'cookie',
      shown: pageIncidents,
      // Open incidents first, then resolved ones: two index walks of 25 at most, merged.
      baseline: {
        sql: `select * from (
                (select ${INCIDENT_COLUMNS} from incidents where status in ${OPEN} ${NEWEST} limit 25)
                union all
                (select ${INCIDENT_COLUMNS} from incidents where status = 'resolved' ${NEWEST} limit 25)) page
              order by status = 'resolved', reported_at desc nulls last, id desc nulls last limit 25`,
        values: [],
      },
      baselineIds: ids,
    },
    {
      name: 'List page, filtered (status, severity)',
      path: '/?status=resolved&severity=critical',
      group: 'list',
      targetMs: 50,
      auth: 'cookie',
      shown: pageIncidents,
      baseline: {
        sql: `select ${INCIDENT_COLUMNS} from incidents where status = 'resolved' and severity = 'critical' ${NEWEST} limit 25`,
        values: [],
      },
      baselineIds: ids,
    },
    {
      name: 'List page, filtered (kind, dates)',
      path: `/?kind=report&from=${from}&to=${to}`,
      group: 'list',
      targetMs: 50,
      auth: 'cookie',
      shown: pageIncidents,
      baseline: {
        sql: `select ${INCIDENT_COLUMNS} from incidents where kind = 'report' and reported_at >= $1 and reported_at < $2 ${NEWEST} limit 25`,
        values: [startOfLocalDay(from, TIMEZONE), endOfLocalDay(to, TIMEZONE)],
      },
      baselineIds: ids,
    },
    {
      name: `List page, searched (${COMMON_WORD})`,
      path: `/?q=${COMMON_WORD}`,
      group: 'list',
      targetMs: 50,
      auth: 'cookie',
      shown: pageIncidents,
      baseline: searchBaseline(COMMON_WORD),
      baselineIds: ids,
    },
    {
      name: `List page, searched (${RARE_WORD})`,
      path: `/?q=${RARE_WORD}`,
      group: 'list',
      targetMs: 50,
      auth: 'cookie',
      shown: pageIncidents,
      baseline: searchBaseline(RARE_WORD),
      baselineIds: ids,
    },
    {
      name: `Incident page (${settings.bigIncidentEntries} entries)`,
      path: `/incidents/${bigIncidentId}`,
      group: 'incident',
      targetMs: 100,
      auth: 'cookie',
      shown: pageEntries,
      // The page shows a window of the timeline: the newest visible entries, oldest first. (It also
      // counts the whole timeline, one aggregate over the incident's entries, for its summary.)
      baseline: {
        sql: `select ${ENTRY_COLUMNS} from timeline_entries where incident_id = $1 and not hidden
              order by occurred_at desc, id desc limit ${TIMELINE_WINDOW_SIZE}`,
        values: [bigIncidentId],
      },
      baselineIds: (rows) => ids(rows).reverse(),
    },
    {
      name: 'Incident page, earlier entries (a window in the middle)',
      path: `/incidents/${bigIncidentId}?until=${middleEntryId}`,
      group: 'incident',
      targetMs: 100,
      auth: 'cookie',
      shown: pageEntries,
      // The "Earlier entries" window ending at an entry: the same index, from the entry's place.
      baseline: {
        sql: `select ${ENTRY_COLUMNS} from timeline_entries where incident_id = $1 and not hidden
              and (occurred_at, id) <= ((select occurred_at from timeline_entries where id = $2), $2)
              order by occurred_at desc, id desc limit ${TIMELINE_WINDOW_SIZE}`,
        values: [bigIncidentId, middleEntryId],
      },
      baselineIds: (rows) => ids(rows).reverse(),
    },
    {
      name: 'API list',
      path: '/api/v1/incidents?limit=50',
      group: 'list',
      targetMs: 50,
      auth: 'token',
      shown: apiIncidents,
      baseline: { sql: `select ${INCIDENT_COLUMNS} from incidents ${NEWEST} limit 50`, values: [] },
      baselineIds: ids,
    },
    {
      name: `API list, page ${DEEP / 50 + 1} (keyset cursor)`,
      path: `/api/v1/incidents?limit=50&cursor=${encodeCursor(deep)}`,
      group: 'list',
      targetMs: 50,
      auth: 'token',
      shown: apiIncidents,
      // The cursor as a row comparison: an index condition, so the walk starts at the cursor.
      baseline: {
        sql: `select ${INCIDENT_COLUMNS} from incidents where (reported_at, id) < ($1, $2) ${NEWEST} limit 50`,
        values: [deep.reportedAt, deep.id],
      },
      baselineIds: ids,
    },
  ];
};

// ---------------------------------------------------------------------------------------------------

const withServer = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

interface Samples {
  server: number[];
  roundTrip: number[];
  database: number[];
  rest: number[];
  statements: number[];
  bytes: number[];
  baseline: number[];
}

const main = async () => {
  log(`database server ${SERVER_URL.replace(/\/\/[^@]*@/, '//…@')}`);
  const databaseName = `bench_web_${randomBytes(6).toString('hex')}`;
  await withServer((client) => client.query(`create database ${databaseName}`));
  const dropDatabase = () =>
    withServer((client) => client.query(`drop database if exists ${databaseName} with (force)`));
  const url = new URL(SERVER_URL);
  url.pathname = `/${databaseName}`;

  // The production pool size (no poolSize given), as `serve` opens it.
  const database = await openDatabase({ url: url.toString() });
  let server: Server | null = null;
  try {
    await database.migrate();
    log(`loading ${settings.incidents} incidents into ${databaseName}`);
    const loader = new pg.Client({ connectionString: url.toString() });
    await loader.connect();
    const data = await loadData(
      loader,
      {
        incidents: settings.incidents,
        entriesPerIncident: settings.entriesPerIncident,
        bigIncidentEntries: settings.bigIncidentEntries,
        users: 200,
      },
      log,
    ).finally(() => loader.end());
    log(
      `loaded in ${data.seconds.toFixed(1)} s: ${data.incidents} incidents (${data.openIncidents} open), ${data.timelineEntries} entries; '${COMMON_WORD}' finds ${data.matches.common}, '${RARE_WORD}' ${data.matches.rare}`,
    );

    // The service as `serve` assembles it, without Slack (no jobs to start), pages open to everyone.
    const config = loadConfig({ PUBLIC_URL: 'http://incidents.test', AUTH_MODE: 'none', INCIDENT_TIMEZONE: TIMEZONE });
    const service = assembleService(config, { database, logger: pino({ level: 'silent' }), version: 'bench' });
    const finished: Probe[] = [];
    const listening = createServer((req: IncomingMessage, res: ServerResponse) => {
      const p: Probe = {
        start: performance.now(),
        end: 0,
        statements: 0,
        outstanding: 0,
        busySince: 0,
        databaseMs: 0,
        trace: probe?.trace ?? null,
      };
      probe = p;
      res.on('finish', () => {
        p.end = performance.now();
        if (probe === p) probe = null;
        finished.push(p);
      });
      service.app(req, res);
    });
    server = listening;
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;

    const token = await createApiTokens(database.db).create('bench-web');
    const first = await get(base, '/', {});
    const setCookie = first.headers['set-cookie']?.find((c) => c.startsWith('ib_session='));
    if (first.status !== 200 || !setCookie) throw new Error(`GET / answered ${first.status} without a session cookie`);
    const headers = {
      cookie: { cookie: setCookie.split(';')[0] as string, accept: 'text/html' },
      token: { authorization: `Bearer ${token}`, accept: 'application/json' },
    };

    const deep = (
      await database.executeSql(`select reported_at, id from incidents ${NEWEST} offset $1 limit 1`, [DEEP - 1])
    ).rows[0] as { reported_at: Date; id: number };
    // A visible entry halfway through the long timeline: where "Earlier entries" leads after a dozen clicks.
    const middle = (
      await database.executeSql(
        'select id from timeline_entries where incident_id = $1 and not hidden order by occurred_at, id offset $2 limit 1',
        [data.bigIncidentId, Math.floor(settings.bigIncidentEntries / 2)],
      )
    ).rows[0] as { id: string | number };
    const list = scenarios(data.bigIncidentId, Number(middle.id), { reportedAt: deep.reported_at, id: deep.id });
    const pool = database;
    const runBaseline = async (s: Scenario) => {
      const started = performance.now();
      const result = await pool.executeSql(s.baseline.sql, s.baseline.values);
      return { ms: performance.now() - started, rows: result.rows as { id: number; hidden?: boolean }[] };
    };
    const runRequest = async (s: Scenario) => {
      const before = finished.length;
      const answer = await get(base, s.path, headers[s.auth]);
      const p = finished[before];
      if (answer.status !== 200 || !p)
        throw new Error(`${s.path} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
      return { answer, probe: p };
    };

    // Each request must show exactly the baseline's rows, or the comparison means nothing.
    const checks = new Map<string, { rows: number; baselineRows: number; sameRows: boolean }>();
    for (const s of list) {
      const { answer } = await runRequest(s);
      const shown = s.shown(answer.body);
      const { rows } = await runBaseline(s);
      const expected = s.baselineIds(rows);
      const sameRows = shown.length === expected.length && shown.every((id, i) => id === expected[i]);
      checks.set(s.name, { rows: shown.length, baselineRows: rows.length, sameRows });
      log(
        `${s.name}: shows ${shown.length} rows; baseline ${rows.length} rows; ${sameRows ? 'same rows' : 'ROWS DIFFER'}`,
      );
    }

    log(`warm-up: ${settings.warmup} rounds`);
    for (let round = 0; round < settings.warmup; round++) {
      for (const s of list) {
        await runRequest(s);
        await runBaseline(s);
      }
    }

    log(`timing: ${settings.requests} rounds of ${list.length} requests and their baselines`);
    const samples = new Map<string, Samples>(
      list.map((s) => [
        s.name,
        { server: [], roundTrip: [], database: [], rest: [], statements: [], bytes: [], baseline: [] },
      ]),
    );
    const loadBefore = loadavg()[0] ?? Number.NaN;
    const timingStarted = performance.now();
    for (let round = 0; round < settings.requests; round++) {
      for (const s of list) {
        const got = samples.get(s.name) as Samples;
        const { answer, probe: p } = await runRequest(s);
        const serverMs = p.end - p.start;
        got.server.push(serverMs);
        got.roundTrip.push(answer.roundTripMs);
        got.database.push(p.databaseMs);
        got.rest.push(serverMs - p.databaseMs);
        got.statements.push(p.statements);
        got.bytes.push(Buffer.byteLength(answer.body));
        got.baseline.push((await runBaseline(s)).ms);
      }
    }
    const loadAfter = loadavg()[0] ?? Number.NaN;
    log(
      `timed in ${((performance.now() - timingStarted) / 1000).toFixed(0)} s; load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`,
    );

    // One traced request each, and PostgreSQL's account of every statement it ran.
    const explainer = new pg.Client({ connectionString: url.toString() });
    await explainer.connect();
    const traces = new Map<string, TracedStatement[]>();
    try {
      for (const s of list) {
        const trace: NonNullable<Probe['trace']> = [];
        probe = { start: 0, end: 0, statements: 0, outstanding: 0, busySince: 0, databaseMs: 0, trace };
        await runRequest(s);
        probe = null;
        const explained: TracedStatement[] = [];
        for (const t of trace) {
          // Once unexplained first: a fresh connection's first statements pay for its cold caches
          // (catalogs, the text search configuration), several times what they cost the service's pool.
          await explainer.query(t.text, t.values);
          const plan = (
            await explainer.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${t.text}`, t.values)
          ).rows.map((r) => r['QUERY PLAN']);
          const execution = plan.find((line) => line.startsWith('Execution Time:')) ?? '';
          explained.push({
            text: t.text,
            ms: t.ms,
            rows: t.rows,
            plan,
            executionMs: Number(/([\d.]+) ms/.exec(execution)?.[1] ?? Number.NaN),
          });
        }
        traces.set(s.name, explained);
        if (flags.plans) {
          for (const t of explained) log(`${s.name}: ${t.ms.toFixed(2)} ms ${t.text}\n${t.plan.join('\n')}\n`);
        }
      }
    } finally {
      await explainer.end();
    }

    const stepRuns = 20;
    log(`the incident page step by step, ${stepRuns} times`);
    const steps = await incidentPageSteps(
      { read: service.read, people: createPeopleQueries(database.db), timeZone: TIMEZONE },
      data.bigIncidentId,
      stepRuns,
    );

    const results: ScenarioResult[] = list.map((s) => {
      const got = samples.get(s.name) as Samples;
      const check = checks.get(s.name) as { rows: number; baselineRows: number; sameRows: boolean };
      return {
        name: s.name,
        path: s.path,
        group: s.group,
        targetMs: s.targetMs,
        rows: check.rows,
        server: summarize(got.server),
        roundTrip: summarize(got.roundTrip),
        database: summarize(got.database),
        rest: summarize(got.rest),
        statements: summarize(got.statements).p50,
        bytes: summarize(got.bytes).p50,
        baseline: {
          sql: s.baseline.sql,
          rows: check.baselineRows,
          time: summarize(got.baseline),
          sameRows: check.sameRows,
        },
        traced: traces.get(s.name) ?? [],
      };
    });
    for (const r of results) {
      log(
        `${r.name}: server p50 ${r.server.p50.toFixed(1)} p95 ${r.server.p95.toFixed(1)} max ${r.server.max.toFixed(1)} ms (database p50 ${r.database.p50.toFixed(1)}, rest p50 ${r.rest.p50.toFixed(1)}); baseline p50 ${r.baseline.time.p50.toFixed(2)} p95 ${r.baseline.time.p95.toFixed(2)} ms`,
      );
    }

    const rendered = renderWebReport({
      date: new Date(),
      machine: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'} (shared, noisy), Node ${process.version}`,
      postgres: String(
        ((await database.executeSql('show server_version')).rows[0] as { server_version: string }).server_version,
      ),
      settings: { requests: settings.requests, warmup: settings.warmup, loadAverage: [loadBefore, loadAfter] },
      data: {
        ...data,
        bigIncidentEntries: settings.bigIncidentEntries,
        words: { common: COMMON_WORD, rare: RARE_WORD },
        loadSeconds: data.seconds,
      },
      scenarios: results,
      incidentSteps: { ...steps, runs: stepRuns },
    });
    process.stdout.write(`${rendered}\n`);
    if (!flags['no-readme']) {
      await writeWebReadme(fileURLToPath(new URL('./README.md', import.meta.url)), rendered);
      log('bench/README.md updated');
    }
  } finally {
    agent.destroy();
    const s = server;
    if (s) {
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
    await database.close();
    await dropDatabase();
    log(`dropped ${databaseName}`);
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
