import type { SQL } from 'drizzle-orm';
import type { Db } from './db.ts';

/**
 * Runs raw SQL and returns its rows. node-postgres and PGlite both answer `{ rows }`, but drizzle
 * types `execute` per driver, so the shared handle sees `unknown`; this is the one place that bridges it.
 */
export const rawRows = async <T>(db: Pick<Db, 'execute'>, query: SQL): Promise<T[]> =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;
