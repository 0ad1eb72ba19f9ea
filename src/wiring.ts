// The composition root: the one place that knows every module and hands each its dependencies.
import type { Express } from 'express';
import pino, { type Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Config } from './config.ts';
import { createApiTokens } from './storage/api-tokens.ts';
import { type Database, openDatabase } from './storage/db.ts';
import { createIncidentQueries } from './storage/incident-queries.ts';
import { createTransactor } from './storage/unit-of-work.ts';
import type { Clock, ReadDeps, WriteDeps } from './usecases/index.ts';
import { createWebApp } from './web/app.ts';

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
}

/** Assembles the service on an open database. */
export const assembleService = (
  config: Config,
  deps: { database: Database; logger: Logger; version: string; clock?: Clock; isReady?: () => Promise<boolean> },
): Service => {
  const { database, logger } = deps;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const read: ReadDeps = { queries: createIncidentQueries(database.db) };
  const write: WriteDeps = { store: createTransactor(database.db), clock: deps.clock ?? systemClock };
  const tokens = createApiTokens(database.db);
  const app = createWebApp({
    logger,
    registry,
    publicUrl: config.publicUrl,
    version: deps.version,
    read,
    isReady: deps.isReady ?? (() => database.isReady()),
    verifyToken: (token) => tokens.verify(token),
  });
  return { app, database, read, write };
};
