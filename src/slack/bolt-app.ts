// Slack's way in: Bolt's ExpressReceiver behind our request guard, answering at /slack/events and
// at the paths a Slack app configured for Monzo's Response already uses.
import { App, ExpressReceiver } from '@slack/bolt';
import express, { type Router } from 'express';
import { type BackgroundWork, createBackgroundWork } from './background.ts';
import { boltLogger } from './bolt-logger.ts';
import { createEventInbox, type EventInbox } from './event-inbox.ts';
import { type ListenerDeps, registerListeners } from './listeners/index.ts';
import { slackRequestGuard } from './request-guard.ts';

/** Every path Slack may post to: ours, then Response's slash command, interactivity and events URLs. */
export const SLACK_PATHS = ['/slack/events', '/slack/slash_command', '/slack/action', '/slack/event'] as const;

/** What the Slack endpoints need beyond the listeners' dependencies. */
export interface SlackEndpointOptions extends Omit<ListenerDeps, 'background'> {
  readonly botToken: string;
  readonly signingSecret: string;
  readonly teamId: string | null;
  readonly apiUrl: string;
  /** The bot's own user id, when known, so Bolt can ignore the bot's own messages. */
  readonly botUserId: () => Promise<string | undefined>;
  readonly now: () => number;
}

/** The Slack endpoints, and the work they leave running after answering. */
export interface SlackEndpoints {
  /** Serves every Slack path. */
  readonly router: Router;
  /** Events stored and waiting or being handled; its sweep runs with the other background jobs. */
  readonly inbox: EventInbox;
  /** Events being handled and modals being opened after the answer went out. */
  readonly background: BackgroundWork;
}

/** Bolt behind the request guard and the event inbox. */
export const createSlackEndpoints = (options: SlackEndpointOptions): SlackEndpoints => {
  const logger = boltLogger(options.logger);
  const background = createBackgroundWork((error) =>
    options.logger.error({ err: error }, 'Slack work after the answer failed'),
  );
  const receiver = new ExpressReceiver({
    // The guard in front has verified the signature on the raw bytes already.
    signingSecret: 'verified-by-request-guard',
    signatureVerification: false,
    endpoints: Object.fromEntries(SLACK_PATHS.map((path) => [path, path])),
    // Answer only after the listener has finished: a form's errors, a command's reply go in the
    // answer. Events never get here (the inbox answers them once stored); what a listener may do
    // after answering (opening a modal) it starts as background work.
    processBeforeResponse: true,
    router: express.Router(),
    logger,
  });
  const app = new App({
    receiver,
    logger,
    // No listener keeps per-conversation state in Bolt's memory store (and with replicas it could
    // not): skip the lookup it would make on every request.
    convoStore: false,
    clientOptions: { slackApiUrl: options.apiUrl, retryConfig: { retries: 2, minTimeout: 200, maxTimeout: 2_000 } },
    // A fixed answer instead of Bolt's auth.test call per request: if Slack's API is down, events
    // must still be taken in (Bolt drops events it cannot authorize).
    authorize: async () => ({ botToken: options.botToken, botUserId: await options.botUserId() }),
  });
  registerListeners(app, { ...options, background });
  const inbox = createEventInbox({
    receipts: options.receipts,
    // Bolt runs the stored event through the same middleware and listeners as one it received;
    // the answer has gone out already, so there is nothing to acknowledge.
    handle: (body) => app.processEvent({ body, ack: async () => {} }),
    background,
    logger: options.logger,
  });
  const router = express.Router();
  router.use([...SLACK_PATHS], ...slackRequestGuard(options), inbox.takeIn);
  router.use(receiver.router);
  return { router, inbox, background };
};
