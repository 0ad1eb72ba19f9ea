// A sandbox Slack, a fake bot receiving its requests, and the real @slack/web-api WebClient pointed at it.
import { type Logger, LogLevel, WebClient } from '@slack/web-api';
import { createSandboxSlack, type SandboxOptions, type SandboxSlack } from '../../../src/sandbox/index.ts';
import { type FakeBot, startFakeBot } from './fake-bot.ts';

/** Everything a sandbox test talks to. */
export interface World {
  sandbox: SandboxSlack;
  bot: FakeBot;
  client: WebClient;
  stop(): Promise<void>;
}

// The WebClient logs Slack's warnings and [ERROR] messages; the tests assert on them instead.
const quiet: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

/** A WebClient as the bot builds it, minus retries so each call is one request. */
export const clientFor = (sandbox: SandboxSlack, token = sandbox.botToken, extra: object = {}): WebClient =>
  new WebClient(token, { slackApiUrl: sandbox.apiUrl, retryConfig: { retries: 0 }, logger: quiet, ...extra });

/** Starts a sandbox (with `options`) and a fake bot at its request URL. */
export async function startWorld(options: SandboxOptions = {}): Promise<World> {
  const sandbox = createSandboxSlack(options);
  await sandbox.start();
  const bot = await startFakeBot(sandbox.signingSecret);
  sandbox.setRequestUrl(bot.url);
  return {
    sandbox,
    bot,
    client: clientFor(sandbox),
    stop: async () => {
      await sandbox.stop();
      await bot.stop();
    },
  };
}

/** The Slack error code a WebClient call failed with. */
export async function slackError(call: Promise<unknown>): Promise<{ error: string; data: Record<string, unknown> }> {
  try {
    await call;
  } catch (e) {
    const data = (e as { data?: Record<string, unknown> }).data;
    if (data && typeof data.error === 'string') return { error: data.error, data };
    throw e;
  }
  throw new Error('expected the call to fail');
}
