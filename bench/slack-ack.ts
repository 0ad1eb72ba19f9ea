// bench/slack-ack: how fast the bot acknowledges Slack, next to a bare node:http server that only
// checks the signature, under the same load in the same run; and how long a submitted report takes
// to become a channel and a headline. See bench/README.md for what it measures and the targets.
//
//   node --import tsx bench/slack-ack.ts [--duration 30] [--rate 200] [--connections 4]
//        [--saturation-duration 10] [--saturation-connections 20] [--submissions 50] [--no-readme]
import { type ChildProcess, fork } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBareServer } from './bare-server.ts';
import { harvestCommands, harvestPins, interleave, pinWithFreshId, type SlackBody, signAll } from './harvest.ts';
import type { LoadResult, LoadRun } from './load-generator.ts';
import { type PhaseReport, type RunReport, renderReport, type Target, writeReadme } from './report.ts';
import { summarize } from './stats.ts';
import { type BenchWorld, SERVER_URL, startBenchWorld, waitFor } from './world.ts';

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '30' },
    rate: { type: 'string', default: '200' },
    connections: { type: 'string', default: '4' },
    warmup: { type: 'string', default: '3' },
    'saturation-duration': { type: 'string', default: '10' },
    'saturation-connections': { type: 'string', default: '20' },
    'saturation-pool': { type: 'string', default: '8000' },
    pins: { type: 'string', default: '300' },
    submissions: { type: 'string', default: '50' },
    'no-readme': { type: 'boolean', default: false },
    // Writes a V8 CPU profile of the bench process during the bot's fixed-rate phase to this file.
    profile: { type: 'string' },
  },
});

const num = (name: keyof typeof flags): number => {
  const value = Number(flags[name]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};

const settings = {
  duration: num('duration'),
  rate: num('rate'),
  connections: num('connections'),
  warmup: num('warmup'),
  saturationDuration: num('saturation-duration'),
  saturationConnections: num('saturation-connections'),
  /** /incident commands (with fresh trigger ids) for the bot's saturation phase; pins come in the same number. */
  saturationPool: num('saturation-pool'),
  pins: num('pins'),
  submissions: num('submissions'),
};

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The load generator process and one call per phase. */
const startLoadGenerator = () => {
  const child: ChildProcess = fork(fileURLToPath(new URL('./load-generator.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    run: (job: Omit<LoadRun, 'type'>) =>
      new Promise<LoadResult>((resolve, reject) => {
        const onMessage = (message: LoadResult | { type: 'error'; message: string }) => {
          child.off('exit', onExit);
          if (message.type === 'result') resolve(message);
          else reject(new Error(`load generator: ${message.message}`));
        };
        const onExit = (code: number | null) => reject(new Error(`load generator exited (${code})`));
        child.once('message', onMessage);
        child.once('exit', onExit);
        child.send({ type: 'run', ...job } satisfies LoadRun);
      }),
    stop: () => {
      if (child.connected) child.send({ type: 'exit' });
    },
  };
};

type LoadGenerator = ReturnType<typeof startLoadGenerator>;

/** Declares one incident through the sandbox as a person would; resolves once channel and headline exist. */
const declare = async (world: BenchWorld, title: string) => {
  const { slack, people, channels } = world;
  const before = new Set(slack.channels().map((c) => c.id));
  const opened = slack.openViews(people.alice).length;
  await slack.slashCommand({ user: people.alice, channel: channels.general, text: title });
  // The bot answers the command, then opens the modal.
  await waitFor(() => slack.openViews(people.alice).length > opened, 'the report modal', {
    everyMs: 2,
    timeoutMs: 10_000,
  });
  const view = slack.openViews(people.alice).at(-1);
  if (!view) throw new Error('the report modal did not open');
  const values = { title, kind: 'live', summary: 'Checkout requests time out', lead: people.bob, severity: 'major' };
  const started = performance.now();
  const reply = await slack.submitView({ user: people.alice, viewId: view.id, values });
  const acked = performance.now();
  if (reply.status !== 200 || reply.body !== null) throw new Error(`submission answered ${reply.status}`);
  let channelAt = 0;
  let channelId = '';
  await waitFor(
    () => {
      if (!channelAt) {
        const created = slack.channels().find((c) => !before.has(c.id));
        if (created) {
          channelAt = performance.now();
          channelId = created.id;
        }
      }
      return slack.messages(channels.incidents).some((m) => m.text.includes(title));
    },
    `the headline of "${title}"`,
    { everyMs: 2, timeoutMs: 30_000 },
  );
  const headlineAt = performance.now();
  if (!channelAt) throw new Error(`the headline of "${title}" came without a channel`);
  return { channelId, ackMs: acked - started, channelMs: channelAt - started, headlineMs: headlineAt - started };
};

/** Runs one phase against `url`, with the bench process's CPU time and event-loop delay alongside. */
const phase = async (
  load: LoadGenerator,
  o: {
    target: Target;
    name: string;
    url: string;
    bodies: readonly SlackBody[];
    secret: string;
    drain?: () => Promise<{ pendingAtEnd: number; drainedMs: number }>;
    profile?: string | undefined;
  } & Omit<LoadRun, 'type' | 'url' | 'pool'>,
): Promise<PhaseReport> => {
  const pool = signAll(o.bodies, o.secret, new URL(o.url).pathname);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const cpuBefore = process.cpuUsage();
  loop.enable();
  log(
    `${o.name} → ${o.target}: ${o.overallRate ? `${o.overallRate}/s` : 'unthrottled'}, ${o.connections} connections, ${o.durationSeconds}s`,
  );
  const profiler = o.profile ? new Session() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const result = await load.run({
    url: o.url,
    connections: o.connections,
    durationSeconds: o.durationSeconds,
    ...(o.overallRate ? { overallRate: o.overallRate } : {}),
    pool,
  });
  loop.disable();
  if (profiler && o.profile) {
    const { profile } = await profiler.post('Profiler.stop');
    await writeFile(o.profile, JSON.stringify(profile));
    profiler.disconnect();
    log(`   CPU profile written to ${o.profile}`);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  // The bot answers events once stored and handles them after: the work left when the load stops
  // is timed until done, and its CPU counted, so early answers do not hide work.
  const drained = o.drain ? await o.drain() : undefined;
  const cpuAll = process.cpuUsage(cpuBefore);
  const cpuAllMs = (cpuAll.user + cpuAll.system) / 1000;
  log(
    `   ${result.ok}/${result.responses} 2xx, p50 ${result.latency.p50.toFixed(1)} ms, p99 ${result.latency.p99.toFixed(1)} ms, ${Math.round(result.throughput)}/s, errors ${result.errors}, timeouts ${result.timeouts}`,
  );
  return {
    target: o.target,
    name: o.name,
    result,
    cpuMsPerRequest: result.responses ? cpuMs / result.responses : Number.NaN,
    ...(drained
      ? { backlog: { ...drained, cpuMsPerRequest: result.responses ? cpuAllMs / result.responses : Number.NaN } }
      : {}),
    cpuShare: cpuMs / (result.seconds * 1000),
    loopDelayP99Ms: loop.percentile(99) / 1e6,
    loadAverage: loadavg()[0] ?? Number.NaN,
  };
};

/** Waits until every event the bot answered is handled and its background work is done. */
const drainBot = async (world: BenchWorld) => {
  const started = performance.now();
  const pending = async () =>
    (
      (
        await world.service.database.executeSql(
          'select count(*)::int as n from slack_event_receipts where done_at is null and body is not null',
        )
      ).rows[0] as { n: number }
    ).n;
  const pendingAtEnd = await pending();
  await waitFor(async () => (await pending()) === 0, 'the bot to handle every event it answered', {
    everyMs: 20,
    timeoutMs: 300_000,
  });
  await world.service.slackSettled();
  return { pendingAtEnd, drainedMs: performance.now() - started };
};

/** Counters on the Slack side that say whether the bot really did the work behind each 200. */
const slackSide = async (world: BenchWorld, incidentId: number) => {
  const opens = world.slack.calls('views.open');
  const responses = world.slack.ephemerals().filter((e) => e.via === 'response_url');
  const timeline = await world.service.read.queries.timeline(incidentId, { includeHidden: true });
  const receipts = (
    await world.service.database.executeSql(
      'select count(*)::int as n, (count(*) filter (where last_error is not null))::int as failed from slack_event_receipts',
    )
  ).rows[0] as { n: number; failed: number };
  return {
    viewsOpened: opens.filter((c) => c.ok).length,
    viewsFailed: opens.filter((c) => !c.ok).length,
    viewsFailedCodes: [...new Set(opens.filter((c) => !c.ok).map((c) => c.error ?? 'unknown'))],
    ephemeralsViaResponseUrl: responses.length,
    pinEntries: timeline.filter((e) => e.source === 'pin').length,
    eventReceipts: receipts.n,
    eventsFailed: receipts.failed,
  };
};

const main = async () => {
  const loadAtStart = loadavg()[0] ?? Number.NaN;
  log(`database server ${SERVER_URL.replace(/\/\/[^@]*@/, '//…@')}; starting sandbox, bot and bare server`);
  const world = await startBenchWorld();
  const bare = await startBareServer(world.slack.signingSecret);
  const load = startLoadGenerator();
  try {
    const { slack, clock, people, channels } = world;
    const first = await declare(world, 'Checkout is failing');
    const incidentId = 1;
    log(`incident #${incidentId} has channel ${first.channelId}`);

    const pinEnvelopes = await harvestPins(slack, {
      restoreUrl: world.botUrl,
      author: people.bob,
      pinner: people.alice,
      channel: first.channelId,
      count: settings.pins,
    });
    log(`${pinEnvelopes.length} messages posted in the incident channel, their pin_added envelopes kept`);

    // Trigger ids expire 3 s after the sandbox issues them, by its own clock: hold that clock
    // still from issuing them until the load is over, so each one is still good when the bot uses it.
    // autocannon's rate limiter opens a fresh one-second window as the run ends, and each
    // connection sends its first request unthrottled: room for two extra seconds, and a margin.
    const perSecond = settings.rate / 2;
    const enough = (seconds: number) => Math.ceil((seconds + 2) * perSecond * 1.05) + settings.connections;
    const counts = {
      warmup: enough(settings.warmup),
      fixed: enough(settings.duration),
      saturation: settings.saturationPool,
    };
    clock.frozenAt = Date.now();
    const harvestStarted = performance.now();
    const commands = async (label: string, count: number) =>
      harvestCommands(slack, {
        restoreUrl: world.botUrl,
        reporters: people.reporters,
        channel: channels.general,
        count,
        label,
      });
    const commandSets = {
      warmup: await commands('Warm-up', counts.warmup),
      fixed: await commands('Load', counts.fixed),
      saturation: await commands('Saturation', counts.saturation),
    };
    log(
      `${counts.warmup + counts.fixed + counts.saturation} /incident bodies with fresh trigger ids in ${Math.round(performance.now() - harvestStarted)} ms`,
    );
    const pinsFor = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        pinWithFreshId(pinEnvelopes[i % pinEnvelopes.length] as Record<string, unknown>),
      );
    const mixes = {
      warmup: interleave(commandSets.warmup, pinsFor(counts.warmup)),
      fixed: interleave(commandSets.fixed, pinsFor(counts.fixed)),
      saturation: interleave(commandSets.saturation, pinsFor(counts.saturation)),
    };

    const secret = slack.signingSecret;
    const urls: Record<Target, string> = { bare: bare.url, bot: world.botUrl };
    const before = await slackSide(world, incidentId);
    const phases: PhaseReport[] = [];
    for (const target of ['bare', 'bot'] as const) {
      await phase(load, {
        target,
        name: 'warm-up',
        url: urls[target],
        bodies: mixes.warmup,
        secret,
        connections: settings.connections,
        durationSeconds: settings.warmup,
        overallRate: settings.rate,
      });
      await pause(1_000);
      phases.push(
        await phase(load, {
          target,
          name: 'fixed',
          url: urls[target],
          bodies: mixes.fixed,
          secret,
          connections: settings.connections,
          durationSeconds: settings.duration,
          overallRate: settings.rate,
          ...(target === 'bot' ? { drain: () => drainBot(world), profile: flags.profile } : {}),
        }),
      );
      await pause(2_000);
    }
    const afterFixed = await slackSide(world, incidentId);
    for (const target of ['bare', 'bot'] as const) {
      phases.push(
        await phase(load, {
          target,
          name: 'saturation',
          url: urls[target],
          bodies: mixes.saturation,
          secret,
          connections: settings.saturationConnections,
          durationSeconds: settings.saturationDuration,
          ...(target === 'bot' ? { drain: () => drainBot(world) } : {}),
        }),
      );
      await pause(2_000);
    }
    const afterSaturation = await slackSide(world, incidentId);
    clock.frozenAt = null;

    log(`${settings.submissions} report submissions, one at a time`);
    const flows: { ackMs: number; channelMs: number; headlineMs: number }[] = [];
    for (let i = 1; i <= settings.submissions; i++) {
      flows.push(await declare(world, `Latency probe ${i} payments declined`));
      await pause(50);
    }

    const report: RunReport = {
      date: new Date(),
      machine: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'} (shared, noisy), Node ${process.version}; 1-minute load average ${loadAtStart.toFixed(2)} before the run`,
      postgres: String(
        ((await world.service.database.executeSql('show server_version')).rows[0] as { server_version: string })
          .server_version,
      ),
      settings,
      phases,
      slack: { before, afterFixed, afterSaturation, expectedPins: pinEnvelopes.length },
      flow: {
        ack: summarize(flows.map((f) => f.ackMs)),
        channel: summarize(flows.map((f) => f.channelMs)),
        headline: summarize(flows.map((f) => f.headlineMs)),
      },
    };
    const rendered = renderReport(report);
    process.stdout.write(`${rendered}\n`);
    if (!flags['no-readme']) {
      await writeReadme(fileURLToPath(new URL('./README.md', import.meta.url)), rendered);
      log('bench/README.md updated');
    }
  } finally {
    load.stop();
    await bare.stop();
    await world.stop();
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
