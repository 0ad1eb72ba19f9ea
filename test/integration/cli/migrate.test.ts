// `incident-bot migrate` as a Kubernetes Job / Helm hook runs it, and many `serve` pods starting at the
// same moment on one empty PostgreSQL database (they take turns under the advisory lock).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { rawRows } from '../../../src/storage/raw-rows.ts';
import { freshStorage, onPostgres, removeTempDirs } from '../../support/cli-storage.ts';
import type { TestDatabase } from '../../support/database.ts';
import { childEnv, killAll, runCli, type ServeProcess, spawnServe } from '../../support/processes.ts';

const SHIPPED = (
  JSON.parse(readFileSync(new URL('../../../src/storage/migrations/meta/_journal.json', import.meta.url), 'utf8')) as {
    entries: unknown[];
  }
).entries.length;

/** Every row drizzle keeps of applied migrations, in order (empty before the first run). */
const appliedMigrations = async (database: TestDatabase) => {
  const [table] = await rawRows<{ present: string | null }>(
    database.db,
    sql`select to_regclass('drizzle.__drizzle_migrations')::text as present`,
  );
  if (!table?.present) return [];
  return rawRows<{ id: number; hash: string; created_at: string }>(
    database.db,
    sql`select id, hash, created_at::text from drizzle.__drizzle_migrations order by id`,
  );
};

describe('incident-bot migrate (PostgreSQL)', () => {
  after(async () => {
    await killAll();
    await removeTempDirs();
  });

  it('applies every migration to an empty database and exits 0; a second run exits 0 and changes nothing', {
    timeout: 60_000,
  }, async (t) => {
    if (!onPostgres()) return t.skip('needs DATABASE_URL');
    const storage = await freshStorage();
    try {
      const database = storage.database as TestDatabase;
      const env = childEnv(storage.env);
      assert.deepEqual(await appliedMigrations(database), [], 'the database starts empty');

      const first = await runCli(['migrate'], env);
      assert.equal(first.code, 0, `first migrate exit code\n${first.stderr}`);
      assert.match(first.stdout, /Migrations applied\./);
      const applied = await appliedMigrations(database);
      assert.equal(applied.length, SHIPPED, `every shipped migration recorded once: ${JSON.stringify(applied)}`);
      assert.equal(await database.isReady(), true, 'the schema is what this build expects');

      const second = await runCli(['migrate'], env);
      assert.equal(second.code, 0, `second migrate exit code\n${second.stderr}`);
      assert.deepEqual(await appliedMigrations(database), applied, 'the second run recorded nothing new');
      t.diagnostic(`migrate took ${first.ms} ms, then ${second.ms} ms with nothing to do`);
    } finally {
      await storage.dispose();
    }
  });

  it('three serve processes started at the same moment on one empty database all reach /readyz 200', {
    timeout: 60_000,
  }, async (t) => {
    if (!onPostgres()) return t.skip('needs DATABASE_URL');
    const storage = await freshStorage();
    const pods: ServeProcess[] = [];
    try {
      const database = storage.database as TestDatabase;
      const env = childEnv(storage.env);
      pods.push(...(await Promise.all([1, 2, 3].map(() => spawnServe(env)))));
      const readyAfter = await Promise.all(pods.map((pod) => pod.waitReady(30_000)));
      t.diagnostic(`three pods ready after ${readyAfter.join(', ')} ms`);

      const applied = await appliedMigrations(database);
      assert.equal(applied.length, SHIPPED, `each migration recorded exactly once: ${JSON.stringify(applied)}`);
      const exits = await Promise.all(pods.map((pod) => pod.stop()));
      for (const [i, exit] of exits.entries()) {
        assert.equal(exit.code, 0, `pod ${i + 1} exit code\n${pods[i]?.output.stderr}`);
      }
    } finally {
      await Promise.all(pods.map((pod) => pod.stop('SIGKILL')));
      await storage.dispose();
    }
  });
});
