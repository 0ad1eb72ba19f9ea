// Reads only the Response-compatible /core endpoints need: limit/offset pages with a total count,
// actions of many incidents at once, and full profiles (real name, email) from the Slack user cache.
import { asc, count, inArray, sql } from 'drizzle-orm';
import type { Action } from '../domain/index.ts';
import type { PersonProfile } from '../usecases/people-ports.ts';
import type { Db } from './db.ts';
import { toAction } from './rows.ts';
import { actions, incidents, slackUsers } from './schema.ts';

/** The legacy read side over a drizzle database. */
export const createLegacyQueries = (db: Db) => ({
  async countIncidents(): Promise<number> {
    const [row] = await db.select({ total: count() }).from(incidents);
    return row?.total ?? 0;
  },

  /** Ids of one page, newest report first (Response's order), ties by id. */
  async incidentIds(limit: number, offset: number): Promise<number[]> {
    const rows = await db
      .select({ id: incidents.id })
      .from(incidents)
      // NULLS LAST matches the incidents_newest_first index (reported_at is never null anyway).
      .orderBy(sql`${incidents.reportedAt} desc nulls last`, sql`${incidents.id} desc nulls last`)
      .limit(limit)
      .offset(offset);
    return rows.map((row) => row.id);
  },

  /** The actions of these incidents, oldest first. */
  async actionsOf(incidentIds: readonly number[]): Promise<Action[]> {
    if (incidentIds.length === 0) return [];
    const rows = await db
      .select()
      .from(actions)
      .where(inArray(actions.incidentId, [...incidentIds]))
      .orderBy(asc(actions.id));
    return rows.map(toAction);
  },

  /** The cached profiles of these people; ids the cache does not know yet are left out. */
  async people(ids: readonly string[]): Promise<PersonProfile[]> {
    if (ids.length === 0) return [];
    const rows = await db
      .select()
      .from(slackUsers)
      .where(inArray(slackUsers.id, [...new Set(ids)]));
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      realName: row.realName,
      email: row.email,
      timezone: row.timezone,
      deleted: row.deleted,
    }));
  },
});
