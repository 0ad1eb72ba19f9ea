// Slack's request signing, v0: HMAC-SHA256 over "v0:<timestamp>:<raw body>" with the app's
// signing secret, within five minutes of now. ../shared/slack/README.md §1.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a request's timestamp may be from now before it counts as a replay. */
export const MAX_SKEW_SECONDS = 5 * 60;

/** The parts of a request the signature covers. */
export interface SignedRequest {
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
  readonly rawBody: Buffer | string;
}

/** Why a request was refused; `ok` when it is genuine. */
export type Verdict = 'ok' | 'missing' | 'stale' | 'forged';

/** The `X-Slack-Signature` value Slack would send for this body at this time. */
export const signSlackBody = (signingSecret: string, timestamp: string, rawBody: Buffer | string): string =>
  `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(rawBody).digest('hex')}`;

/** Checks a request against the signing secret at `nowMs` (passed in, so tests can use Slack's 2018 vector). */
export const verifySlackSignature = (signingSecret: string, request: SignedRequest, nowMs: number): Verdict => {
  const { timestamp, signature, rawBody } = request;
  if (!timestamp || !signature) return 'missing';
  if (!/^\d+$/.test(timestamp)) return 'forged';
  if (Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) > MAX_SKEW_SECONDS) return 'stale';
  const expected = Buffer.from(signSlackBody(signingSecret, timestamp, rawBody));
  const given = Buffer.from(signature);
  // timingSafeEqual throws on different lengths, and the length says nothing secret.
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'forged';
};
