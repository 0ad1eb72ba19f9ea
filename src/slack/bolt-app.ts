// Slack's way in: Bolt's ExpressReceiver behind our request guard, answering at /slack/events and
// at the paths a Slack app configured for Monzo's Response already uses.
import { App, ExpressReceiver } from '@slack/bolt';
import express, { type Router } from 'express';
import { boltLogger } from './bolt-logger.ts';
import { type ListenerDeps, registerListeners } from './listeners/index.ts';
import { slackRequestGuard } from './request-guard.ts';

/** Every path Slack may post to: ours, then Response's slash command, interactivity and events URLs. */
export const SLACK_PATHS = ['/slack/events', '/slack/slash_command', '/slack/action', '/slack/event'] as const;

/** What the Slack endpoints need beyond the listeners' dependencies. */
export interface SlackEndpointOptions extends ListenerDeps {
  readonly botToken: string;
  readonly signingSecret: string;
  readonly teamId: string | null;
  readonly apiUrl: string;
  /** The bot's own user id, when known, so Bolt can ignore the bot's own messages. */
  readonly botUserId: () => Promise<string | undefined>;
  readonly now: () => number;
}

/** An Express router serving every Slack path. */
export const createSlackEndpoints = (options: SlackEndpointOptions): Router => {
  const logger = boltLogger(options.logger);
  const receiver = new ExpressReceiver({
    // The guard in front has verified the signature on the raw bytes already.
    signingSecret: 'verified-by-request-guard',
    signatureVerification: false,
    endpoints: Object.fromEntries(SLACK_PATHS.map((path) => [path, path])),
    // Answer only after the listener has finished, so an event is acknowledged once it is stored;
    // a crash before that makes Slack deliver it again instead of losing it.
    processBeforeResponse: true,
    router: express.Router(),
    logger,
  });
  const app = new App({
    receiver,
    logger,
    clientOptions: { slackApiUrl: options.apiUrl, retryConfig: { retries: 2, minTimeout: 200, maxTimeout: 2_000 } },
    // A fixed answer instead of Bolt's auth.test call per request: if Slack's API is down, events
    // must still be taken in (Bolt drops events it cannot authorize).
    authorize: async () => ({ botToken: options.botToken, botUserId: await options.botUserId() }),
  });
  registerListeners(app, options);
  const router = express.Router();
  router.use([...SLACK_PATHS], ...slackRequestGuard(options));
  router.use(receiver.router);
  return router;
};
