// What keeping names for Slack user ids needs: a cache of people (storage), the chat platform's
// directory (Slack's users.info), and a durable queue of lookups so nobody waits for the directory.

/** A person as the chat platform describes them; `name` is what pages show. */
export interface PersonProfile {
  readonly id: string;
  readonly name: string;
  readonly realName: string | null;
  readonly email: string | null;
  readonly timezone: string | null;
  readonly deleted: boolean;
}

/** The people cache. Rows are only ever added or refreshed, never removed. */
export interface PeopleStore {
  /** Which of `ids` the cache already has. */
  known(ids: readonly string[]): Promise<ReadonlySet<string>>;
  /** Adds or refreshes one person. */
  save(person: PersonProfile): Promise<void>;
}

/** The chat platform's directory of people. */
export interface PeopleDirectory {
  /** The person, or null when the platform does not know the id (no retry can help). */
  lookup(userId: string): Promise<PersonProfile | null>;
}

/** Lookups waiting to run; one waiting lookup per person however often it is asked for. */
export interface PeopleLookups {
  /** Resolves once the lookups are durably queued. */
  lookUp(userIds: readonly string[]): Promise<void>;
}
