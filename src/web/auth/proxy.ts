// AUTH_MODE=proxy: a sign-in proxy in front of the service (oauth2-proxy, an ingress with forward auth,
// an identity-aware proxy) names the person in X-Forwarded-User / X-Forwarded-Email. Anyone can send
// those headers, so they are believed only from a socket whose address is in TRUSTED_PROXY_CIDRS: the
// TCP peer, never X-Forwarded-For (which the client writes too).
//
// X-Forwarded-User should be the person's Slack user id (U…/W…, e.g. a claim your identity provider
// holds), so what they do on the web is attributed to the same person as in Slack. Any other value (an
// email, a login name) works too and is used as-is as their id; it then matches no Slack user.
import type { Request } from 'express';
import { cidrMatcher } from './cidr.ts';
import type { WebUser } from './user.ts';

/** Who a request is from, or why it cannot be said. */
export type ProxyIdentity = { ok: true; user: WebUser } | { ok: false; code: string; detail: string };

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
// Printable text only, of a sane length: a header is still input.
const HEADER_VALUE = /^[^\p{Cc}]{1,256}$/u;

const header = (req: Request, name: string): string | null => {
  const value = req.get(name)?.trim();
  return value && HEADER_VALUE.test(value) ? value : null;
};

/** Reads the person from the proxy's headers, for requests from the trusted CIDRs only. */
export const createProxyIdentity = (trustedCidrs: readonly string[]) => {
  const trusted = cidrMatcher(trustedCidrs);
  return (req: Request): ProxyIdentity => {
    const peer = req.socket.remoteAddress;
    if (!trusted(peer)) {
      return {
        ok: false,
        code: 'proxy_untrusted',
        detail:
          'This service signs people in through a sign-in proxy, and this request did not come through it. Open Incident Bot at its usual address; if you run it, add the proxy’s address to TRUSTED_PROXY_CIDRS.',
      };
    }
    const userId = header(req, 'x-forwarded-user');
    if (!userId) {
      return {
        ok: false,
        code: 'proxy_user_missing',
        detail:
          'The sign-in proxy did not say who you are (no X-Forwarded-User header). Sign in to the proxy and try again; if you run it, make it pass X-Forwarded-User (and X-Forwarded-Email).',
      };
    }
    const email = header(req, 'x-forwarded-email');
    // A Slack id is not a name to show; the email reads better until the page layer looks the person up.
    const name = SLACK_USER_ID.test(userId) && email ? email : userId;
    return { ok: true, user: { slackId: userId, name, email } };
  };
};
