// The use cases wired to the real storage (createTransactor, createIncidentQueries) over a fresh test
// database, plus direct reads of the tables so tests can check exactly what a use case wrote.
import assert from 'node:assert/strict';
import { asc, count, eq, sql } from 'drizzle-orm';
import { type Actor, type ErrorCode, type IncidentDraft, userActor } from '../../src/domain/index.ts';
import type { Db } from '../../src/storage/db.ts';
import { createIncidentQueries } from '../../src/storage/incident-queries.ts';
import { actions, incidentEvents, incidents, slackUsers, timelineEntries } from '../../src/storage/schema.ts';
import { createTransactor } from '../../src/storage/unit-of-work.ts';
import { declareIncident } from '../../src/usecases/declare-incident.ts';
import type { ReadDeps, Transactor, WriteDeps } from '../../src/usecases/ports.ts';
import { fixedClock, openTestDatabase, type TestDatabase } from './database.ts';

/** A Slack person acting in the tests. */
export const ALICE = userActor('U0ALICE');

/** Everything a storage-backed use-case test needs. */
export interface Harness {
  readonly database: TestDatabase;
  readonly db: Db;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly write: WriteDeps;
  readonly read: ReadDeps;
  dispose(): Promise<void>;
}

/** A fresh migrated database with the real transactor and queries over it. */
export const openHarness = async (): Promise<Harness> => {
  const database = await openTestDatabase();
  // Open every pooled connection now (the test pool holds 5), so concurrent use cases really overlap
  // instead of the first committing while the others are still connecting.
  if (database.url) await Promise.all([1, 2, 3, 4, 5].map(() => database.db.execute(sql`select pg_sleep(0.05)`)));
  const clock = fixedClock();
  return {
    database,
    db: database.db,
    clock,
    write: { store: createTransactor(database.db), clock },
    read: { queries: createIncidentQueries(database.db) },
    dispose: () => database.dispose(),
  };
};

/** Declares an incident (defaults: a Major live incident reported by Alice) and returns it. */
export const declare = async (h: Harness, draft: Partial<IncidentDraft> = {}, actor: Actor = ALICE) => {
  const { value } = await declareIncident(h.write, {
    draft: { title: 'Payments API returning 500s', severity: 'major', reporterId: 'U0ALICE', ...draft },
    actor,
  });
  return value.incident;
};

/** The event rows of one incident (or all), oldest first, as stored. */
export const eventRows = (db: Db, incidentId?: number) =>
  db
    .select()
    .from(incidentEvents)
    .where(incidentId === undefined ? undefined : eq(incidentEvents.incidentId, incidentId))
    .orderBy(asc(incidentEvents.id));

/** The timeline rows of one incident, in insertion order, hidden ones included. */
export const timelineRows = (db: Db, incidentId: number) =>
  db.select().from(timelineEntries).where(eq(timelineEntries.incidentId, incidentId)).orderBy(asc(timelineEntries.id));

/** The incidents row itself. */
export const incidentRow = async (db: Db, id: number) => {
  const [row] = await db.select().from(incidents).where(eq(incidents.id, id));
  assert.ok(row, `incident ${id} is stored`);
  return row;
};

/** How many rows each written table holds: compare before and after to prove nothing was written. */
export const rowCounts = async (db: Db) => {
  const n = async (table: typeof incidents | typeof incidentEvents | typeof timelineEntries | typeof actions) =>
    (await db.select({ n: count() }).from(table))[0]?.n ?? 0;
  return {
    incidents: await n(incidents),
    events: await n(incidentEvents),
    timeline: await n(timelineEntries),
    actions: await n(actions),
  };
};

/**
 * Runs `attempt`, expects a DomainError with `code`, and checks that no table gained or lost a row.
 * (The attempt is wrapped in an async function so a synchronous throw is caught too.)
 */
export const expectRefused = async (h: Harness, code: ErrorCode, attempt: () => Promise<unknown>) => {
  const before = await rowCounts(h.db);
  await assert.rejects(async () => attempt(), { name: 'DomainError', code });
  assert.deepEqual(await rowCounts(h.db), before, `nothing written when refused with ${code}`);
};

/** The real transactor, but the transaction fails after the use case's work: everything must roll back. */
export const crashingAfterWork = (store: Transactor): Transactor => ({
  transaction: (work) =>
    store.transaction(async (uow) => {
      await work(uow);
      throw new Error('crash after the work, before commit');
    }),
});

/** Puts people in the Slack user cache, as the Slack sync would. */
export const cacheSlackUsers = (db: Db, users: Record<string, string>) =>
  db.insert(slackUsers).values(Object.entries(users).map(([id, name]) => ({ id, name })));
