// A fresh, empty PostgreSQL database for tests that run several processes on one database: on the server
// named by DATABASE_URL, else on a local server at 127.0.0.1:5432 (user postgres). Without a server the
// caller is told why, to skip with that message (embedded PGlite belongs to one process, so it cannot stand in).
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Where to look for a server when DATABASE_URL is unset. */
export const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/test';

/** An empty database and how to drop it. */
export interface FreshDatabase {
  readonly url: string;
  /** A small pool on it, for the test's own queries. */
  readonly pool: pg.Pool;
  dispose(): Promise<void>;
}

const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

const connect = async (url: string): Promise<pg.Client> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  client.on('error', () => {});
  await client.connect();
  return client;
};

/** Connects to the server, creates a database for this test, or returns why it cannot. */
export const freshPostgres = async (prefix: string): Promise<FreshDatabase | { unavailable: string }> => {
  const serverUrl = process.env.DATABASE_URL || LOCAL_SERVER;
  let adminUrl = serverUrl;
  let admin: pg.Client;
  try {
    admin = await connect(adminUrl);
  } catch (error) {
    // The server is there but not that database: any database of it will do to create ours.
    if ((error as { code?: string }).code === '3D000') {
      try {
        adminUrl = withDatabase(serverUrl, 'postgres');
        admin = await connect(adminUrl);
      } catch (retry) {
        return { unavailable: `no PostgreSQL at ${new URL(serverUrl).host}: ${(retry as Error).message}` };
      }
    } else {
      const where = process.env.DATABASE_URL ? 'DATABASE_URL' : LOCAL_SERVER;
      return { unavailable: `needs PostgreSQL (${where}): ${(error as Error).message}` };
    }
  }
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  pool.on('error', () => {});
  return {
    url,
    pool,
    async dispose() {
      await pool.end();
      const cleanup = await connect(adminUrl);
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
};
