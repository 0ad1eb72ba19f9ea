// The bot and a sandbox Slack wired together over real HTTP, on a fresh database: a workspace with
// an incidents channel, a general channel and three people.
import { createSandboxSlack, type SandboxSlack } from '../../src/sandbox/index.ts';
import { startTestService, type TestService } from './test-service.ts';

/** A running bot, its Slack, and the people and channels in it. */
export interface SlackWorld {
  readonly slack: SandboxSlack;
  readonly bot: TestService;
  readonly people: { readonly alice: string; readonly bob: string; readonly carol: string };
  readonly channels: { readonly incidents: string; readonly reports: string; readonly general: string };
  stop(): Promise<void>;
}

/** Starts a sandbox Slack and the bot pointed at it. */
export const startSlackWorld = async (env: Record<string, string> = {}): Promise<SlackWorld> => {
  const slack = createSandboxSlack({ teamId: 'T0SANDBOX01' });
  await slack.start();
  const alice = slack.addUser({ name: 'alice', realName: 'Alice Adams', email: 'alice@example.com' }).id;
  const bob = slack.addUser({ name: 'bob', realName: 'Bob Brown', email: 'bob@example.com' }).id;
  const carol = slack.addUser({ name: 'carol', realName: 'Carol Chen', email: 'carol@example.com' }).id;
  const incidents = slack.addChannel({ name: 'incidents', members: [alice, bob, carol], botIsMember: true }).id;
  const reports = slack.addChannel({ name: 'incident-reports', members: [alice], botIsMember: true }).id;
  const general = slack.addChannel({ name: 'general', members: [alice, bob, carol], botIsMember: false }).id;
  const bot = await startTestService({
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: slack.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    SLACK_TEAM_ID: slack.teamId,
    SLACK_INCIDENT_CHANNEL: incidents,
    SLACK_REPORT_CHANNEL: reports,
    AUTH_MODE: 'none',
    ...env,
  });
  slack.setRequestUrl(`${bot.baseUrl}/slack/events`);
  return {
    slack: settlingAfterEachAction(slack, () => bot.slackSettled()),
    bot,
    people: { alice, bob, carol },
    channels: { incidents, reports, general },
    async stop() {
      await bot.stop();
      await slack.stop();
    },
  };
};

/**
 * The bot answers Slack before it handles an event or opens a modal, as it should; a test acts and
 * then checks, so every sandbox action (anything async: a pin, a message, a command) also waits
 * until the bot has finished what that action started.
 */
const settlingAfterEachAction = (slack: SandboxSlack, settled: () => Promise<void>): SandboxSlack =>
  new Proxy(slack, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = value.apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.then(async (answer: unknown) => {
          await settled();
          return answer;
        });
      };
    },
  });

type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/** Polls until `check` returns something truthy, and returns it; fails after `ms`. */
export const eventually = async <T>(
  check: () => T | Promise<T>,
  ms = 10_000,
  what = 'condition',
): Promise<Truthy<T>> => {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value as Truthy<T>;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
};
