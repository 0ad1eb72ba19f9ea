// The composition root: the one place that knows every module and hands each its dependencies.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { WebClient } from '@slack/web-api';
import type { Express } from 'express';
import type PgBoss from 'pg-boss';
import pino, { type Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Config, SlackConfig } from './config.ts';
import { type ChatSyncJobs, startChatSync } from './jobs/chat-sync.ts';
import { createPeopleJobs } from './jobs/people.ts';
import { DEFAULT_TUNING, type QueueTuning, startBoss } from './jobs/queue.ts';
import { startReminders } from './jobs/reminders.ts';
import { createSandboxSlack, playDemo, type SandboxSlack } from './sandbox/index.ts';
import { createSlackEndpoints } from './slack/bolt-app.ts';
import { boltLogger } from './slack/bolt-logger.ts';
import { createMessageLookup } from './slack/message-lookup.ts';
import { createSlackNotifier } from './slack/notifier.ts';
import { createPeopleDirectory } from './slack/people-directory.ts';
import { createSlackReminderNotifier } from './slack/reminder-notifier.ts';
import { createApiTokens } from './storage/api-tokens.ts';
import { createChatStateStore } from './storage/chat-state.ts';
import { type Database, openDatabase } from './storage/db.ts';
import { createEventReceipts } from './storage/event-receipts.ts';
import { createIncidentQueries, createPeopleQueries } from './storage/incident-queries.ts';
import { createInsightsQueries } from './storage/insights-queries.ts';
import { createLegacyQueries } from './storage/legacy-queries.ts';
import { createReminderStore } from './storage/reminders.ts';
import { createSlackUsers } from './storage/slack-users.ts';
import { createTransactor } from './storage/unit-of-work.ts';
import { createWebSessions } from './storage/web-sessions.ts';
import type { ChatStateStore, ChatSyncDeps, Clock, ReadDeps, WriteDeps } from './usecases/index.ts';
import { createWebApp } from './web/app.ts';
import { createAuth } from './web/auth/index.ts';

/** The wall clock, for production. */
export const systemClock: Clock = { now: () => new Date() };

/** The process-wide logger: JSON lines on stdout. */
export const createLogger = (config: Pick<Config, 'logLevel'>): Logger =>
  pino({ level: config.logLevel, base: { service: 'incident-bot' } });

/** Opens the configured database: PostgreSQL with DATABASE_URL, else embedded PGlite in DATA_DIR. */
export const connectDatabase = (config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> =>
  openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });

/** Everything `serve` runs, assembled but not yet listening. */
export interface Service {
  readonly app: Express;
  readonly database: Database;
  readonly read: ReadDeps;
  readonly write: WriteDeps;
  readonly chatState: ChatStateStore;
  /** The sandbox Slack standing in for a workspace, when no real Slack is configured. */
  readonly sandbox: SandboxSlack | null;
  /** Starts the background work (the Slack sync jobs); call once the database is migrated. */
  startJobs(tuning?: QueueTuning): Promise<void>;
  /** Stops taking jobs, letting running ones finish (for up to `jobTimeoutMs`, 3 s by default). */
  stopJobs(options?: { readonly jobTimeoutMs?: number }): Promise<void>;
  /** Brings Slack up to date with an incident (queues its sync job); a no-op without Slack. */
  incidentChanged(incidentId: number): Promise<void>;
  /** Resolves once the work started after answering Slack (events, modals) is done. */
  slackSettled(): Promise<void>;
}

/** The Slack half of the service: endpoints for Slack's requests, and the sync jobs' dependencies. */
const slackParts = (
  config: Config,
  slack: SlackConfig,
  deps: { database: Database; logger: Logger; read: ReadDeps; write: WriteDeps; chatState: ChatStateStore },
  jobs: Promise<ChatSyncJobs>,
) => {
  const client = new WebClient(slack.botToken, {
    slackApiUrl: slack.apiUrl,
    logger: boltLogger(deps.logger),
    timeout: 10_000,
    // The client waits out 429s (Retry-After) and network blips itself; anything else fails fast
    // and the job's own retries, with backoff, take over.
    retryConfig: { retries: 3, factor: 2, minTimeout: 250, maxTimeout: 4_000 },
  });
  const notifier = createSlackNotifier({
    client,
    publicUrl: config.publicUrl,
    teamId: slack.teamId,
    incidentChannel: slack.incidentChannel,
    reportChannel: slack.reportChannel,
    channelNameTemplate: config.channelNameTemplate,
    timezone: config.timezone,
    logger: deps.logger,
  });
  const reminders = {
    store: createReminderStore(deps.database.db),
    notifier: createSlackReminderNotifier({ client, timezone: config.timezone }),
  };
  // The Slack user cache and its users.info lookups (queued by listeners, run as jobs).
  const people = {
    store: createSlackUsers(deps.database.db),
    directory: createPeopleDirectory(client),
    jobs: createPeopleJobs(),
  };
  const endpoints = createSlackEndpoints({
    ...deps,
    botToken: slack.botToken,
    signingSecret: slack.signingSecret,
    teamId: slack.teamId,
    apiUrl: slack.apiUrl,
    botUserId: () => notifier.botUserId().catch(() => undefined),
    now: () => Date.now(),
    receipts: createEventReceipts(deps.database.db),
    // wiring:event-extras (reactions, shortcut, edits, members, people)
    events: {
      timelineEmoji: config.timelineEmoji,
      publicUrl: config.publicUrl,
      messages: createMessageLookup(client),
      people: people.store,
      lookups: people.jobs.lookups,
    },
    // wiring:reminder-extras (snooze)
    reminders,
    incidentChanged: async (incidentId) => (await jobs).incidentChanged(incidentId),
  });
  const syncDeps: ChatSyncDeps = {
    queries: deps.read.queries,
    chatState: deps.chatState,
    chat: notifier,
    clock: deps.write.clock,
  };
  return { endpoints, syncDeps, reminders, people };
};

/** The people and channels of a fresh sandbox workspace. */
const SANDBOX_PEOPLE = [
  { name: 'alice', realName: 'Alice Adams', email: 'alice@example.com' },
  { name: 'bob', realName: 'Bob Brown', email: 'bob@example.com' },
  { name: 'carol', realName: 'Carol Chen', email: 'carol@example.com' },
  { name: 'dev', realName: 'Dev Patel', email: 'dev@example.com' },
];

/**
 * With no Slack credentials, a sandbox Slack inside this process stands in for a workspace: the
 * bot talks to it over loopback HTTP exactly as to Slack (signed requests, the real Bolt paths),
 * and people use it in the browser at /sandbox.
 */
const sandboxSlack = (config: Config) => {
  const sandbox = createSandboxSlack({
    basePath: '/sandbox',
    publicOrigin: `http://127.0.0.1:${config.port}`,
    demo: () => playDemo(sandbox, cast),
  });
  const people = SANDBOX_PEOPLE.map((person) => sandbox.addUser(person));
  const ids = people.map((p) => p.id);
  const incidents = sandbox.addChannel({ name: 'incidents', members: ids, botIsMember: true }).id;
  const general = sandbox.addChannel({ name: 'general', members: ids }).id;
  const [reporter, lead, responder] = ids as [string, string, string];
  const cast = { reporter, lead, responder, channel: general };
  sandbox.setRequestUrl(`http://127.0.0.1:${config.port}/slack/events`);
  const slack: SlackConfig = {
    botToken: sandbox.botToken,
    signingSecret: sandbox.signingSecret,
    apiUrl: sandbox.apiUrl,
    teamId: sandbox.teamId,
    incidentChannel: incidents,
    reportChannel: incidents,
  };
  const webUsers = people.map((p) => ({ slackId: p.id, name: p.realName ?? p.name, email: p.email ?? null }));
  return { sandbox, slack, webUsers };
};

/** Assembles the service on an open database. */
export const assembleService = (
  config: Config,
  deps: {
    database: Database;
    logger: Logger;
    version: string;
    clock?: Clock;
    isReady?: () => Promise<boolean>;
    /** Start the sandbox Slack when no real Slack is configured (`serve` does; tests choose). */
    sandbox?: boolean;
  },
): Service => {
  const { database, logger } = deps;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const read: ReadDeps = { queries: createIncidentQueries(database.db) };
  const write: WriteDeps = { store: createTransactor(database.db), clock: deps.clock ?? systemClock };
  const tokens = createApiTokens(database.db);
  const chatState = createChatStateStore(database.db);

  // Listeners queue sync jobs; the queue exists once startJobs has run (after migrations).
  let jobsStarted!: (jobs: ChatSyncJobs) => void;
  const jobs = new Promise<ChatSyncJobs>((resolve) => {
    jobsStarted = resolve;
  });
  const sandbox = !config.slack && deps.sandbox ? sandboxSlack(config) : null;
  const slackConfig = config.slack ?? sandbox?.slack ?? null;
  const slack = slackConfig
    ? slackParts(config, slackConfig, { database, logger, read, write, chatState }, jobs)
    : null;
  let boss: PgBoss | null = null;
  // Without Slack there is nothing to bring up to date.
  const incidentChanged = async (incidentId: number) => {
    if (slack) await (await jobs).incidentChanged(incidentId);
  };

  const auth = createAuth({
    // With the sandbox, people sign in as one of its people (AUTH_MODE applies to real Slack).
    settings: sandbox ? { ...config.auth, mode: 'sandbox' } : config.auth,
    sandboxPeople: sandbox?.webUsers,
    publicUrl: config.publicUrl,
    teamId: config.slackTeamId,
    sessions: createWebSessions(database.db),
    logger,
    verifyToken: (token) => tokens.verify(token),
    clock: write.clock,
  });
  const app = createWebApp({
    logger,
    registry,
    publicUrl: config.publicUrl,
    version: deps.version,
    read,
    write,
    incidentChanged,
    auth,
    // web:pages
    pages: {
      read,
      write,
      incidentChanged,
      publicUrl: config.publicUrl,
      timezone: config.timezone,
      insights: createInsightsQueries(database.db),
      people: createPeopleQueries(database.db),
    },
    // web:legacy
    legacy: {
      read,
      reads: createLegacyQueries(database.db),
      publicUrl: config.publicUrl,
      verifyToken: (token) => tokens.verify(token),
      // A signed-in person or an API token, as Response took its session or Basic auth.
      authenticate: auth.requireUserOrToken,
    },
    isReady: deps.isReady ?? (() => database.isReady()),
    verifyToken: (token) => tokens.verify(token),
    mounts: [
      ...(sandbox ? [{ path: '/', handler: sandbox.sandbox.handler }] : []),
      ...(slack ? [{ path: '/', handler: slack.endpoints.router }] : []),
    ],
  });
  return {
    app,
    database,
    read,
    write,
    chatState,
    sandbox: sandbox?.sandbox ?? null,
    async startJobs(tuning = DEFAULT_TUNING) {
      if (!slack || boss) return;
      boss = await startBoss(database, logger);
      const holder = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
      jobsStarted(await startChatSync(boss, { ...slack.syncDeps, logger, holder }, tuning));
      // wiring:start-jobs (reminders, people)
      const { people } = slack;
      await people.jobs.start(boss, { people: people.store, directory: people.directory, logger }, tuning);
      await startReminders(
        boss,
        {
          reminders: slack.reminders.store,
          notifier: slack.reminders.notifier,
          clock: write.clock,
          settings: { ...config.reminders, timeZone: config.timezone },
          logger,
        },
        tuning,
      );
      // Events whose retry is due, or whose replica died before handling them.
      slack.endpoints.inbox.startSweep(tuning.pollingIntervalSeconds);
    },
    incidentChanged,
    slackSettled: async () => {
      await slack?.endpoints.background.idle();
    },
    async stopJobs({ jobTimeoutMs = 3_000 } = {}) {
      slack?.endpoints.inbox.stopSweep();
      // Let events being handled finish (they may queue sync jobs); what is left waits in the database.
      const drained = slack?.endpoints.background.idle();
      // The waits add up with the HTTP drain to under the 10 s hard stop (main.ts).
      await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, 1_500).unref())]);
      await boss?.stop({ graceful: true, timeout: jobTimeoutMs, close: false });
      boss = null;
    },
  };
};
