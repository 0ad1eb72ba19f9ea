// A short incident, played by the sandbox's people through the bot exactly as they would type it,
// so the web pages have something to show: declared, a lead, pins, an update, resolved.
import type { SandboxSlack } from './types.ts';

/** Who plays the demo, and where it is reported. */
export interface DemoCast {
  readonly reporter: string;
  readonly lead: string;
  readonly responder: string;
  /** Where the reporter types /incident. */
  readonly channel: string;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for something the bot does in the background (channel, headline…), up to `ms`. */
const waitFor = async <T>(find: () => T | undefined, what: string, ms = 15_000): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`demo: the bot did not ${what} in time`);
    await pause(50);
  }
};

/** Plays the demo; resolves with the incident channel's id once the incident is resolved. */
export const playDemo = async (slack: SandboxSlack, cast: DemoCast, stepMs = 300): Promise<string> => {
  const { reporter, lead, responder } = cast;
  const title = 'Card payments failing at checkout';
  const known = new Set(slack.channels().map((c) => c.id));
  await slack.slashCommand({ user: reporter, channel: cast.channel, text: title });
  const form = await waitFor(() => slack.openViews(reporter).at(-1), 'open the report form');
  const submitted = await slack.submitView({
    user: reporter,
    viewId: form.id,
    values: {
      title,
      kind: 'live',
      summary: 'Checkout returns an error for card payments; PayPal still works.',
      impact: 'Customers cannot pay by card.',
      severity: 'major',
    },
  });
  if (submitted.status !== 200) throw new Error(`demo: the bot refused the report (${submitted.status})`);
  const channel = await waitFor(
    () => slack.channels().find((c) => !known.has(c.id) && c.name.startsWith('inc-') && c.members.includes(reporter)),
    'create the incident channel',
  );
  const say = async (user: string, text: string) => {
    await pause(stepMs);
    return slack.postMessage({ user, channel: channel.id, text });
  };
  const command = async (user: string, text: string) => {
    await pause(stepMs);
    await slack.slashCommand({ user, channel: channel.id, text });
  };
  await slack.joinChannel({ user: lead, channel: channel.id }).catch(() => {});
  await slack.joinChannel({ user: responder, channel: channel.id }).catch(() => {});
  await command(lead, 'lead');
  const first = await say(responder, 'Error rate on payments-api jumped to 40% at 09:12, right after deploy 4521.');
  await slack.pin({ user: lead, channel: channel.id, ts: first.ts });
  const second = await say(lead, 'Rolling back deploy 4521.');
  await slack.pin({ user: lead, channel: channel.id, ts: second.ts });
  await command(lead, 'status identified');
  await command(lead, 'update');
  const update = await waitFor(() => slack.openViews(lead).at(-1), 'open the update form');
  await slack.submitView({
    user: lead,
    viewId: update.id,
    values: {
      status: 'monitoring',
      text: 'Rollback done; card payments are succeeding again. Watching for 30 minutes.',
    },
  });
  const third = await say(responder, 'Error rate back under 0.1% for 20 minutes.');
  await slack.pin({ user: responder, channel: channel.id, ts: third.ts });
  await command(lead, 'action Add a canary stage for payments-api deploys');
  await command(lead, 'close');
  return channel.id;
};
