import type { PeopleDirectory, PeopleLookups, PeopleStore, PersonProfile } from './people-ports.ts';

/** What noticing people needs: the cache to ask and the queue to fill. */
export interface NoticePeopleDeps {
  readonly people: Pick<PeopleStore, 'known'>;
  readonly lookups: PeopleLookups;
}

/**
 * The bot saw these user ids (a reporter, a lead, someone reacting or joining): queues a directory
 * lookup for each one the cache does not know yet. Returns the ids queued.
 */
export const noticePeople = async (deps: NoticePeopleDeps, userIds: readonly string[]): Promise<string[]> => {
  const wanted = [...new Set(userIds)];
  if (wanted.length === 0) return [];
  const known = await deps.people.known(wanted);
  const unknown = wanted.filter((id) => !known.has(id));
  if (unknown.length > 0) await deps.lookups.lookUp(unknown);
  return unknown;
};

/** Looks one person up in the directory and keeps them; null when the directory does not know the id. */
export const rememberPerson = async (
  deps: { readonly people: Pick<PeopleStore, 'save'>; readonly directory: PeopleDirectory },
  userId: string,
): Promise<PersonProfile | null> => {
  const person = await deps.directory.lookup(userId);
  if (person) await deps.people.save(person);
  return person;
};

/** Keeps a person's profile as the chat platform just described it (their profile changed). */
export const updatePerson = async (
  deps: { readonly people: Pick<PeopleStore, 'save'> },
  person: PersonProfile,
): Promise<void> => {
  await deps.people.save(person);
};
