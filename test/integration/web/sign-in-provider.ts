// A local OpenID provider (oidc-provider) standing in for Slack's Sign in with Slack: ID tokens carry
// Slack's claims (https://slack.com/team_id, https://slack.com/user_id, name, email), signed RS256.
// Its login and consent are automatic: the next login is whoever `signInAs` named.
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// @ts-expect-error oidc-provider ships no type declarations; the few members used are typed below.
import ProviderModule from 'oidc-provider';

/** A person the provider knows. */
export interface TestAccount {
  readonly sub: string;
  readonly teamId: string;
  readonly name: string;
  readonly email: string;
}

interface Interaction {
  prompt: { name: string; details: Record<string, unknown> };
  grantId?: string;
  session?: { accountId: string };
  params: Record<string, string>;
}
interface Grant {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: unknown): void;
  save(): Promise<string>;
}
interface Provider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: unknown,
    options: { mergeWithLastSubmission: boolean },
  ): Promise<void>;
  Grant: { new (init: { accountId: string; clientId: string }): Grant; find(id: string): Promise<Grant> };
}
const Provider = ProviderModule as new (issuer: string, configuration: unknown) => Provider;

/** A running provider. */
export interface TestProvider {
  readonly issuer: string;
  /** The next login (a fresh browser) signs in as this account. */
  signInAs(account: TestAccount): void;
  stop(): Promise<void>;
}

/** Starts the provider on an ephemeral port with one confidential client. */
export const startTestProvider = async (client: {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}): Promise<TestProvider> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, TestAccount>();
  let next: TestAccount | null = null;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: client.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['oidc-provider-test-cookie-key'] },
    claims: {
      openid: ['sub', 'https://slack.com/team_id', 'https://slack.com/user_id'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    // Slack puts every claim in the ID token; so does this stand-in.
    conformIdTokenClaims: false,
    // Our client must send PKCE (S256 is advertised); a missing verifier fails the token request.
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          name: account.name,
          email: account.email,
          email_verified: true,
          'https://slack.com/team_id': account.teamId,
          'https://slack.com/user_id': account.sub,
        }),
      };
    },
  });
  const callback = provider.callback();

  // Login and consent without a form: whoever signInAs named logs in and consents to what was asked.
  const interact = async (req: IncomingMessage, res: ServerResponse) => {
    const { prompt, grantId, session, params } = await provider.interactionDetails(req, res);
    if (prompt.name === 'login') {
      if (!next) throw new Error('signInAs() was not called before the login');
      accounts.set(next.sub, next);
      const login = { login: { accountId: next.sub } };
      return provider.interactionFinished(req, res, login, { mergeWithLastSubmission: false });
    }
    const grant = grantId
      ? await provider.Grant.find(grantId)
      : new provider.Grant({ accountId: session?.accountId ?? '', clientId: params.client_id ?? '' });
    const details = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: unknown };
    if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
    if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
    const consent = { consent: { grantId: await grant.save() } };
    return provider.interactionFinished(req, res, consent, { mergeWithLastSubmission: true });
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/interaction/')) return callback(req, res);
    interact(req, res).catch((error: Error) => {
      res.statusCode = 500;
      res.end(`interaction failed: ${error.message}`);
    });
  });

  return {
    issuer,
    signInAs(account) {
      next = account;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
