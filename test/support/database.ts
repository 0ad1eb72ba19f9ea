// A fresh, migrated database for one test file: a new PostgreSQL database on the server named by
// DATABASE_URL (CI), else an in-memory PGlite (a fresh clone with no server). Either way the tests
// run the same SQL through the same code.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/storage/db.ts';

/** An isolated database and how to throw it away. */
export interface TestDatabase extends Database {
  /** Where it lives, for starting other processes against the same database. */
  readonly url: string | null;
  /** Closes it and, on PostgreSQL, drops it. */
  dispose(): Promise<void>;
}

const adminUrl = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

/** Creates an empty database (migrated unless told not to). */
export const openTestDatabase = async ({ migrate = true } = {}): Promise<TestDatabase> => {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({ dataDir: 'memory://' });
    if (migrate) await database.migrate();
    return { ...database, url: null, dispose: () => database.close() };
  }
  const name = `ib_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = adminUrl(serverUrl, name);
  const database = await openDatabase({ url, poolSize: 5 });
  if (migrate) await database.migrate();
  return {
    ...database,
    url,
    async dispose() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
};

/** A clock the test moves by hand. */
export const fixedClock = (start = new Date('2026-03-02T10:00:00Z')) => {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
};
