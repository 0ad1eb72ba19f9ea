import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../../src/storage/db.ts';
import { rawRows } from '../../../src/storage/raw-rows.ts';
import { openTestDatabase, type TestDatabase } from '../../support/database.ts';

describe('migrations', () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase({ migrate: false });
  });
  after(() => database.dispose());

  it('an empty database is not ready until migrated, and migrating twice changes nothing', async () => {
    assert.equal(await database.isReady(), false);
    await database.migrate();
    assert.equal(await database.isReady(), true);
    const tables = async () =>
      (
        await rawRows<{ name: string }>(
          database.db,
          sql`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`,
        )
      ).map((row) => row.name);
    const first = await tables();
    await database.migrate();
    assert.deepEqual(await tables(), first);
    for (const table of [
      'incidents',
      'timeline_entries',
      'actions',
      'incident_events',
      'slack_channels',
      'api_tokens',
    ]) {
      assert.ok(first.includes(table), `missing table ${table}`);
    }
  });

  it('three processes migrating one empty database at once all succeed (PostgreSQL advisory lock)', async (t) => {
    if (!database.url) return t.skip('needs DATABASE_URL: PGlite is one process, there is nobody to race');
    const fresh = await openTestDatabase({ migrate: false });
    try {
      const pods = await Promise.all([1, 2, 3].map(() => openDatabase({ url: fresh.url ?? '', poolSize: 2 })));
      await Promise.all(pods.map((pod) => pod.migrate()));
      for (const pod of pods) assert.equal(await pod.isReady(), true);
      const [count] = await rawRows<{ n: number }>(
        fresh.db,
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      const shipped = JSON.parse(
        await readFile(new URL('../../../src/storage/migrations/meta/_journal.json', import.meta.url), 'utf8'),
      ) as { entries: unknown[] };
      assert.ok(shipped.entries.length > 1);
      assert.equal(count?.n, shipped.entries.length, 'each migration recorded exactly once');
      await Promise.all(pods.map((pod) => pod.close()));
    } finally {
      await fresh.dispose();
    }
  });

  it('stores times as timestamptz in UTC whatever the session time zone', async () => {
    const [row] = await rawRows<{ type: string }>(
      database.db,
      sql`select data_type as type from information_schema.columns where table_name = 'incidents' and column_name = 'reported_at'`,
    );
    assert.equal(row?.type, 'timestamp with time zone');
  });
});
