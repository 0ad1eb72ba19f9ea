// API tokens: `ibt_<id>_<secret>`. The id finds the row; only SHA-256 of the secret is stored, and
// it is compared in constant time, so neither the database nor response timing gives a token away.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from './db.ts';
import { apiTokens } from './schema.ts';

/** A token as listed: never its secret. */
export interface ApiTokenInfo {
  readonly name: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

const TOKEN_PATTERN = /^ibt_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
// Writing last_used_at on every request would turn each API read into a write; once a minute is plenty.
const LAST_USED_RESOLUTION_MS = 60_000;

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Thrown for a name that is malformed or already taken, or a token that does not exist. */
export class ApiTokenError extends Error {
  override readonly name = 'ApiTokenError';
}

/** Create, list, revoke and verify API tokens. */
export const createApiTokens = (db: Db, clock: { now(): Date } = { now: () => new Date() }) => ({
  /** Makes a token and returns it; this is the only time the secret exists outside the caller. */
  async create(name: string): Promise<string> {
    if (!NAME_PATTERN.test(name)) {
      throw new ApiTokenError(
        'A token name is 1–63 letters, digits, dots, dashes or underscores, starting with a letter or digit.',
      );
    }
    const id = randomBytes(9)
      .toString('base64url')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '0')
      .slice(0, 12);
    const secret = randomBytes(32).toString('base64url');
    const inserted = await db
      .insert(apiTokens)
      .values({ id, name, secretHash: sha256(secret).toString('hex'), createdAt: clock.now() })
      .onConflictDoNothing({ target: apiTokens.name })
      .returning({ id: apiTokens.id });
    if (inserted.length === 0)
      throw new ApiTokenError(`A token named "${name}" exists already: revoke it or pick another name.`);
    return `ibt_${id}_${secret}`;
  },

  /** Every token, oldest first, revoked ones included (marked). */
  async list(): Promise<ApiTokenInfo[]> {
    return db
      .select({
        name: apiTokens.name,
        createdAt: apiTokens.createdAt,
        lastUsedAt: apiTokens.lastUsedAt,
        revokedAt: apiTokens.revokedAt,
      })
      .from(apiTokens)
      .orderBy(asc(apiTokens.createdAt));
  },

  /** Revokes by name; the name is freed for a new token. */
  async revoke(name: string): Promise<void> {
    // The name moves aside (suffixed with the token's unique id) so a new token may take it.
    const [row] = await db
      .update(apiTokens)
      .set({ revokedAt: clock.now(), name: sql`${apiTokens.name} || '~revoked~' || ${apiTokens.id}` })
      .where(eq(apiTokens.name, name))
      .returning({ id: apiTokens.id });
    if (!row) throw new ApiTokenError(`There is no token named "${name}" (see: incident-bot token list).`);
  },

  /** The token's name when it is valid and not revoked, else null. */
  async verify(token: string): Promise<{ name: string } | null> {
    const match = TOKEN_PATTERN.exec(token);
    if (!match) return null;
    const [, id, secret] = match as unknown as [string, string, string];
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
    if (!row || row.revokedAt) return null;
    const expected = Buffer.from(row.secretHash, 'hex');
    const actual = sha256(secret);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
    const now = clock.now();
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id));
    }
    return { name: row.name };
  },
});

/** The token store's shape, for whoever is handed one. */
export type ApiTokens = ReturnType<typeof createApiTokens>;
