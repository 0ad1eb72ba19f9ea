// Where web sessions live. Declared here, implemented by storage (src/storage/web-sessions.ts) with the
// same shape, and handed in by wiring: the web layer never imports storage.

/** One signed-in browser. `id` is the SHA-256 of the cookie's secret, never the secret itself. */
export interface StoredSession {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly email: string | null;
  readonly csrfToken: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/** Persistence for sessions; expiry is the caller's business (it holds the clock). */
export interface SessionStore {
  create(session: StoredSession): Promise<void>;
  /** The session with this id, expired or not; null when there is none. */
  find(id: string): Promise<StoredSession | null>;
  delete(id: string): Promise<void>;
  /** Deletes every session that expired at or before `now`. */
  deleteExpired(now: Date): Promise<void>;
}
