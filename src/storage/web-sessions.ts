// Web sessions (the web_sessions table). The shape matches the web layer's SessionStore, which storage
// may not import; wiring hands this object to the web layer. Ids arrive already hashed.
import { eq, lte } from 'drizzle-orm';
import type { Db } from './db.ts';
import { webSessions } from './schema.ts';

/** A web_sessions row. */
export interface WebSessionRow {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly email: string | null;
  readonly csrfToken: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/** Create, find and delete web sessions on the service's database. */
export const createWebSessions = (db: Db) => ({
  async create(session: WebSessionRow): Promise<void> {
    await db.insert(webSessions).values({ ...session });
  },

  async find(id: string): Promise<WebSessionRow | null> {
    const [row] = await db.select().from(webSessions).where(eq(webSessions.id, id));
    return row ?? null;
  },

  async delete(id: string): Promise<void> {
    await db.delete(webSessions).where(eq(webSessions.id, id));
  },

  async deleteExpired(now: Date): Promise<void> {
    await db.delete(webSessions).where(lte(webSessions.expiresAt, now));
  },
});

/** The session store's shape, for whoever is handed one. */
export type WebSessions = ReturnType<typeof createWebSessions>;
