import type { ChatChannel, ChatNotifier, ChatStateStore, ChatStep, ChatSyncState } from './chat-ports.ts';
import type { Clock, IncidentQueries, IncidentView } from './ports.ts';

/** What bringing chat up to date needs. */
export interface ChatSyncDeps {
  readonly queries: IncidentQueries;
  readonly chatState: ChatStateStore;
  readonly chat: ChatNotifier;
  readonly clock: Clock;
}

/** What happened: done, someone else is on it (try again shortly), or there is no such incident. */
export type ChatSyncResult = 'synced' | 'busy' | 'missing';

// Longer than any one sync takes with a healthy Slack (and the Web API client's own rate-limit
// waits), short enough that a crashed replica's lease frees itself quickly.
const LEASE_MS = 60_000;

/** A step of the sync failed; `step` says which, in words a reporter understands. */
export class ChatSyncStepError extends Error {
  override readonly name = 'ChatSyncStepError';
  constructor(
    readonly step: string,
    override readonly cause: unknown,
  ) {
    super(`${step}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

const step = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    throw new ChatSyncStepError(what, error);
  }
};

/**
 * Brings an incident's chat up to date: for a live incident its channel (created, topic set,
 * reporter and lead invited, opening message), then the headline (posted once, edited after every
 * change), then the reporter's thanks. Each Slack id is stored the moment Slack returns it and each
 * step is checked before it runs, so a retry after any failure continues where the last attempt
 * stopped and never creates a second channel or headline.
 */
export const syncIncidentChat = async (
  deps: ChatSyncDeps,
  input: { readonly incidentId: number; readonly holder: string },
): Promise<ChatSyncResult> => {
  const { chatState } = deps;
  const { incidentId, holder } = input;
  const leased = await chatState.tryLease(incidentId, holder, LEASE_MS);
  if (!leased) return 'busy';
  try {
    // Read the event mark first: a change committed while we work is caught by the next sync.
    const eventId = await chatState.latestEventId(incidentId);
    const found = await deps.queries.get(incidentId);
    if (!found) return 'missing';
    let incident = found;
    const state = await chatState.load(incidentId);
    if (incident.kind === 'live') incident = await ensureChannel(deps, incident, state);
    await ensureHeadline(deps, incident, state, eventId);
    await once(deps, state, incidentId, 'reporter-told', 'telling the reporter', async () => {
      if (state.origin) await deps.chat.tellReporter(state.origin, incident);
    });
    if (incident.resolvedAt) {
      const announced: ChatStep = `resolved-announced:${incident.resolvedAt.toISOString()}`;
      await once(deps, state, incidentId, announced, 'announcing the resolution', () =>
        deps.chat.announceResolution(incident),
      );
    }
    await chatState.markSynced(incidentId, eventId);
    return 'synced';
  } finally {
    await chatState.releaseLease(incidentId, holder);
  }
};

const once = async (
  deps: ChatSyncDeps,
  state: ChatSyncState,
  incidentId: number,
  name: ChatStep,
  what: string,
  work: () => Promise<void>,
): Promise<void> => {
  if (state.stepsDone.includes(name)) return;
  await step(what, work);
  await deps.chatState.markStep(incidentId, name);
};

const ensureChannel = async (
  deps: ChatSyncDeps,
  incident: IncidentView,
  state: ChatSyncState,
): Promise<IncidentView> => {
  const { chat, chatState } = deps;
  let channel: ChatChannel | null = state.channel;
  if (!channel) {
    // Written before asking Slack: if the answer is lost (a crash, a timeout), whichever attempt
    // comes next, in any job on any replica, knows a channel may already exist under our name.
    const retrying = state.stepsDone.includes('channel-requested');
    if (!retrying) await chatState.markStep(incident.id, 'channel-requested');
    const isFree = async (channelId: string) => (await chatState.incidentForChannel(channelId)) === null;
    const created = await step('creating the incident channel', () =>
      chat.createChannel(incident, { retrying, isFree }),
    );
    await chatState.saveChannel(incident.id, created);
    channel = created;
  }
  const withChannel: IncidentView = { ...incident, channel };
  const ready = channel;
  await once(deps, state, incident.id, 'channel-prepared', 'setting the topic and inviting people', () =>
    chat.prepareChannel(ready, withChannel),
  );
  if (!state.opening) {
    const ref = await step('posting the opening message', () => chat.postOpening(ready, withChannel));
    await chatState.saveMessage(incident.id, 'opening', ref);
  }
  return withChannel;
};

const ensureHeadline = async (
  deps: ChatSyncDeps,
  incident: IncidentView,
  state: ChatSyncState,
  eventId: number,
): Promise<void> => {
  const { chat, chatState } = deps;
  if (!state.headline) {
    const ref = await step('posting the headline', () => chat.postHeadline(incident));
    await chatState.saveMessage(incident.id, 'headline', ref);
  } else if (state.syncedEventId < eventId) {
    const ref = state.headline;
    await step('updating the headline', () => chat.updateHeadline(ref, incident));
  }
};
