// Which Slack people a request mentions: who ran the command or clicked, whom they picked in a
// modal, who reacted, wrote, pinned or joined. The bot looks up the ones it does not know yet.

// User ids start with U (or W on Enterprise Grid); bot ids (B…) and channel ids are not people.
const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const MENTION = /<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>/g;

type Json = Record<string, unknown>;
const object = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;

/** Users picked in a modal's inputs (users_select, multi_users_select), block by block (§3.4). */
const pickedInView = (view: Json | undefined): unknown[] => {
  const values = object(object(view?.state)?.values) ?? {};
  return Object.values(values).flatMap((block) =>
    Object.values(object(block) ?? {}).flatMap((input) => {
      const state = object(input);
      const many = state?.selected_users;
      return [state?.selected_user, ...(Array.isArray(many) ? many : [])];
    }),
  );
};

/** The user ids a Slack request body names (commands, interactions, events), each once. */
export const peopleInPayload = (body: unknown): string[] => {
  const payload = object(body) ?? {};
  const event = object(payload.event);
  const user = payload.user;
  const text = typeof payload.command === 'string' && typeof payload.text === 'string' ? payload.text : '';
  const candidates: unknown[] = [
    payload.user_id, // slash command
    typeof user === 'string' ? user : object(user)?.id, // interactions
    object(payload.message)?.user, // message shortcut: the message's author
    ...pickedInView(object(payload.view)),
    ...[...text.matchAll(MENTION)].map((match) => match[1]), // `/incident lead @bob`
    // user_change carries a whole user object, not an id: it is stored as it is, not looked up.
    typeof event?.user === 'string' ? event.user : undefined,
    event?.item_user, // the author of the reacted or pinned message
    object(event?.message)?.user, // an edited message; a pinned one is under item.message
    object(object(event?.item)?.message)?.user,
    event?.inviter,
  ];
  const ids = candidates.filter((id): id is string => typeof id === 'string' && USER_ID.test(id));
  return [...new Set(ids)];
};
