// Signed requests exactly as Slack sends them (../shared/slack/README.md §1, §3), for tests that
// talk to the bot without the sandbox in between.
import { signSlackBody } from '../../src/slack/verify-signature.ts';

/** A form body for an interactivity payload (§3.2). */
export const interactionBody = (payload: unknown): string => `payload=${encodeURIComponent(JSON.stringify(payload))}`;

/** A form body for a slash command (§3.1). */
export const commandBody = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();

/** POSTs `body` signed with `secret` (or with the given signature / timestamp, to forge or replay). */
export const postSigned = (
  url: string,
  body: string,
  options: {
    secret: string;
    contentType?: string;
    timestamp?: number;
    signature?: string | null;
    headers?: Record<string, string>;
  },
): Promise<Response> => {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature =
    options.signature === undefined ? signSlackBody(options.secret, timestamp, body) : options.signature;
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': timestamp,
      ...(signature === null ? {} : { 'x-slack-signature': signature }),
      ...options.headers,
    },
    body,
  });
};
