// Slack's directory of people (users.info, §4) as the core's PeopleDirectory, and the one reading of
// Slack's user object, shared by users.info answers and user_change events.
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { PeopleDirectory, PersonProfile } from '../usecases/index.ts';
import { slackErrorCode, toChatError } from './slack-errors.ts';

const blank = (text: string | null | undefined): string | null => text?.trim() || null;

const SlackUser = z.object({
  id: z.string(),
  name: z.string().nullish(),
  real_name: z.string().nullish(),
  deleted: z.boolean().nullish(),
  tz: z.string().nullish(),
  profile: z
    .object({
      display_name: z.string().nullish(),
      real_name: z.string().nullish(),
      email: z.string().nullish(),
    })
    .nullish(),
});

/**
 * A Slack user object as a person: named by what Slack shows people (the display name, else the
 * real name, else the handle, else the id). Null when it is not a user object at all.
 */
export const toPersonProfile = (user: unknown): PersonProfile | null => {
  const parsed = SlackUser.safeParse(user);
  if (!parsed.success) return null;
  const { id, profile, ...rest } = parsed.data;
  const realName = blank(profile?.real_name) ?? blank(rest.real_name);
  return {
    id,
    name: blank(profile?.display_name) ?? realName ?? blank(rest.name) ?? id,
    realName,
    email: blank(profile?.email),
    timezone: blank(rest.tz),
    deleted: rest.deleted ?? false,
  };
};

/** users.info behind the PeopleDirectory port; failures are ChatErrors that say whether a retry can help. */
export const createPeopleDirectory = (client: WebClient): PeopleDirectory => ({
  async lookup(userId) {
    try {
      const answer = await client.users.info({ user: userId });
      return toPersonProfile(answer.user);
    } catch (error) {
      if (slackErrorCode(error) === 'user_not_found') return null;
      throw toChatError('users.info', error);
    }
  },
});
