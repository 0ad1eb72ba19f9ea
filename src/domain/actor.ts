/** Who made a change: a Slack person, an API token, or the bot itself (reminders, Slack sync). */
export type Actor =
  | { readonly kind: 'user'; readonly userId: string }
  | { readonly kind: 'token'; readonly tokenName: string }
  | { readonly kind: 'system' };

/** The bot itself. */
export const SYSTEM: Actor = { kind: 'system' };

/** A Slack person by user id. */
export const userActor = (userId: string): Actor => ({ kind: 'user', userId });

/** How a change record names the actor; Slack mentions stay raw and are rendered where shown. */
export const describeActor = (actor: Actor): string => {
  switch (actor.kind) {
    case 'user':
      return `<@${actor.userId}>`;
    case 'token':
      return `API token ${actor.tokenName}`;
    case 'system':
      return 'Incident Bot';
  }
};
