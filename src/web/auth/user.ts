// Who is signed in to the web pages, as every page route sees it (res.locals after requireUser).

/** A signed-in person: always a Slack user id, whichever way they signed in. */
export interface WebUser {
  readonly slackId: string;
  readonly name: string;
  readonly email: string | null;
}

/** Locals every page can rely on once `requireUser` has run. */
export interface PageLocals {
  user: WebUser;
  /** The token every form posts back as `_csrf`. */
  csrfToken: string;
}
