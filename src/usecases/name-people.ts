import type { User } from '../domain/index.ts';
import type { PeopleQueries } from './ports.ts';

/** What naming people needs: the people cache. */
export interface PeopleDeps {
  readonly people: PeopleQueries;
}

/** Names for the given Slack user ids (id → name); ids the cache does not know are missing from the map. */
export const namePeople = async ({ people }: PeopleDeps, ids: Iterable<string>): Promise<Map<string, string>> => {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  return new Map((await people.names(unique)).map((person) => [person.slackId, person.name]));
};

/** Most people a "choose a person" list offers; beyond this, people type a Slack user id. */
export const KNOWN_PEOPLE_LIMIT = 500;

/** People the cache knows, by name, for choosing a lead or an action owner. */
export const listKnownPeople = ({ people }: PeopleDeps): Promise<readonly User[]> => people.known(KNOWN_PEOPLE_LIMIT);
