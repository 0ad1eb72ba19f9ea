// Where a process-level test points `incident-bot`: a fresh PostgreSQL database when this run has
// DATABASE_URL (CI), else a fresh DATA_DIR for the embedded PGlite. Temporary directories are removed by
// dispose(), databases dropped.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDatabase, type TestDatabase } from './database.ts';
import type { Env } from './processes.ts';

/** True when this run has a PostgreSQL server (DATABASE_URL). */
export const onPostgres = (): boolean => Boolean(process.env.DATABASE_URL);

const tempDirs = new Set<string>();

/** A new, empty temporary directory, removed by removeTempDirs(). */
export const freshDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'incident-bot-cli-'));
  tempDirs.add(dir);
  return dir;
};

/** Removes every directory freshDir() made. */
export const removeTempDirs = async (): Promise<void> => {
  await Promise.all([...tempDirs].map((dir) => rm(dir, { recursive: true, force: true })));
  tempDirs.clear();
};

/** The storage one test uses, as environment for the children. */
export interface CliStorage {
  readonly kind: 'postgres' | 'pglite';
  /** DATABASE_URL or DATA_DIR. */
  readonly env: Env;
  /** The PostgreSQL database itself, for checking what the processes wrote; null on PGlite. */
  readonly database: TestDatabase | null;
  dispose(): Promise<void>;
}

/** An empty (unmigrated) store for this run: a new PostgreSQL database, or a new PGlite DATA_DIR. */
export const freshStorage = async (): Promise<CliStorage> => {
  if (onPostgres()) {
    const database = await openTestDatabase({ migrate: false });
    return { kind: 'postgres', env: { DATABASE_URL: database.url ?? '' }, database, dispose: () => database.dispose() };
  }
  const dir = await freshDir();
  return {
    kind: 'pglite',
    env: { DATA_DIR: dir },
    database: null,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
};
