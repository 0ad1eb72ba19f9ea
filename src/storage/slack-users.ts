// The Slack user cache: names for the ids the incident tables hold, so pages show people, not ids.
// Filled lazily (a lookup job per unknown id) and refreshed when Slack says a profile changed.
import { inArray, sql } from 'drizzle-orm';
import type { PeopleStore } from '../usecases/people-ports.ts';
import type { Db } from './db.ts';
import { slackUsers } from './schema.ts';

/** The people cache on the service's database. */
export const createSlackUsers = (db: Db): PeopleStore => ({
  async known(ids) {
    if (ids.length === 0) return new Set();
    const rows = await db
      .select({ id: slackUsers.id })
      .from(slackUsers)
      .where(inArray(slackUsers.id, [...ids]));
    return new Set(rows.map((row) => row.id));
  },

  async save(person) {
    const values = {
      name: person.name,
      realName: person.realName,
      email: person.email,
      timezone: person.timezone,
      deleted: person.deleted,
    };
    await db
      .insert(slackUsers)
      .values({ id: person.id, ...values })
      .onConflictDoUpdate({ target: slackUsers.id, set: { ...values, updatedAt: sql`now()` } });
  },
});
