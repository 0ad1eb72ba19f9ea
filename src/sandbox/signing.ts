// Slack's v0 request signature (README §1): HMAC-SHA256 of `v0:<ts>:<raw body>` with the signing secret.
import { createHmac } from 'node:crypto';

/** The X-Slack-Signature value for a body sent at `timestamp` (Unix seconds). */
export const slackSignature = (secret: string, timestamp: number | string, body: string): string =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
