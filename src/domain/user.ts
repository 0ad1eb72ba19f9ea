/** A person as shown in the API and on pages: their Slack id and a name to read. */
export interface User {
  readonly slackId: string;
  readonly name: string;
}
