// Opens the database: PostgreSQL when a URL is given, else embedded PGlite under the data directory.
// Both speak the same SQL and run the same migrations, so nothing above this file knows which it got.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { rawRows } from './raw-rows.ts';
import * as schema from './schema.ts';

/** The drizzle handle every repository takes: the same type for both drivers. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open database and what the service needs to manage it. */
export interface Database {
  readonly db: Db;
  readonly driver: 'postgres' | 'pglite';
  /** Applies pending migrations; safe when many processes call it at once. */
  migrate(): Promise<void>;
  /** Whether the database answers and every migration shipped with this build is applied. */
  isReady(): Promise<boolean>;
  /** Raw SQL for the job queue (pg-boss brings its own schema and statements). */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  close(): Promise<void>;
}

/** Where to find the database: a PostgreSQL URL, or a directory (or `memory://`) for PGlite. */
export type DatabaseLocation = { readonly url: string; readonly poolSize?: number } | { readonly dataDir: string };

const MIGRATIONS = { migrationsFolder: fileURLToPath(new URL('./migrations', import.meta.url)) };

// Any constant works as long as every process uses the same one; this spells "incident" in hex-ish.
const MIGRATION_LOCK_KEY = 0x1c1de47;

// Read once: the shipped migrations cannot change while the process runs, and /readyz is polled often.
let shipped: number | undefined;
const latestShipped = (): number =>
  (shipped ??= Math.max(0, ...readMigrationFiles(MIGRATIONS).map((m) => m.folderMillis)));

/** The newest migration recorded in the database, or 0 before the first run. */
const latestApplied = async (db: Db): Promise<number> => {
  const [table] = await rawRows<{ present: string | null }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations')::text as present`,
  );
  if (!table?.present) return 0;
  const [latest] = await rawRows<{ at: string | null }>(
    db,
    sql`select max(created_at)::text as at from drizzle.__drizzle_migrations`,
  );
  return Number(latest?.at ?? 0);
};

/** The database answers and holds every migration this build ships. */
const migrationsApplied = async (db: Db): Promise<boolean> =>
  (await latestApplied(db).catch(() => -1)) >= latestShipped();

const postgres = (url: string, poolSize = 10): Database => {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    driver: 'postgres',
    async migrate() {
      // One client holds a session-level advisory lock for the whole run, so pods that start
      // together on an empty database take turns; the later ones find nothing left to apply.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        await migratePg(drizzlePg(client, { schema }), MIGRATIONS);
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
        client.release();
      }
    },
    isReady: () => migrationsApplied(db),
    executeSql: (text, values) => pool.query(text, values),
    close: () => pool.end(),
  };
};

const pglite = async (dataDir: string): Promise<Database> => {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) await mkdir(dataDir, { recursive: true });
  const unlock = inMemory ? async () => {} : await lockDataDir(dataDir);
  // PGlite's initdb wants an empty directory, so the database lives in a subfolder beside the lock.
  const client = new PGlite(inMemory ? dataDir : join(dataDir, 'pgdata'));
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    // PGlite lives inside this one process, so there is nobody to take turns with.
    migrate: () => migratePglite(drizzlePglite(client, { schema }), MIGRATIONS),
    isReady: () => migrationsApplied(db),
    async executeSql(text, values) {
      // pg-boss sends several statements at once (without parameters) when it installs itself;
      // PGlite runs those through exec, and answers with the last statement's rows as pg would.
      if (values === undefined || values.length === 0) {
        const results = await client.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }
      return client.query(text, values);
    },
    async close() {
      try {
        await client.close();
      } finally {
        await unlock();
      }
    },
  };
};

/** Opens (but does not migrate) the database at `location`. */
export const openDatabase = async (location: DatabaseLocation): Promise<Database> =>
  'url' in location ? postgres(location.url, location.poolSize) : pglite(location.dataDir);
