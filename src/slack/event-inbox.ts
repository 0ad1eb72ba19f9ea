// Slack events are answered as soon as they are stored, and handled right after. Slack wants an
// answer within 3 s and retries what it thinks was missed; handling a pin takes several database
// round trips, and a burst of them would make every answer wait for all of them. So an event is
// claimed and stored in one statement (a redelivery finds its id and is dropped), answered, then
// handled on this replica, in arrival order per message. If handling fails it is retried with
// backoff; if this replica dies first, its lease runs out and any replica's sweep takes it over.
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { EventReceipts, InboxEvent } from '../usecases/index.ts';
import type { BackgroundWork } from './background.ts';
import type { SlackRequest } from './request-guard.ts';

/** What the inbox needs. */
export interface EventInboxDeps {
  readonly receipts: EventReceipts;
  /** Runs the event through the listeners; rejects when it should be tried again. */
  readonly handle: (body: Record<string, unknown>) => Promise<void>;
  readonly background: BackgroundWork;
  readonly logger: Logger;
  /** Tests shorten it; see RENEW_AFTER_MS. */
  readonly renewAfterMs?: number;
}

/** Slack events in, listeners out. */
export interface EventInbox {
  /** Express handler behind the request guard: takes in `event_callback` bodies, passes the rest on. */
  readonly takeIn: RequestHandler;
  /** Starts looking for events whose retry is due or whose replica died, every `seconds`. */
  startSweep(seconds: number): void;
  stopSweep(): void;
}

const MAX_ATTEMPTS = 5;
// Events handled at the same time on this replica. Handling competes with answering for the one
// event loop and the database; a few at a time keep the answers quick in a burst, and the rest
// follow a moment later (they are stored already).
const HANDLING_AT_ONCE = 2;
// Held in memory (being handled or waiting their turn) up to this many; beyond, an event waits in
// the database for a sweep (its lease, 10 s, first runs out).
const MAX_RUNNING = 1_000;
// An event that waited its turn longer than this renews its lease before it is handled, so a
// replica's sweep cannot take it over while it is being handled here (the lease is 10 s).
const RENEW_AFTER_MS = 5_000;
const SWEEP_BATCH = 50;
// Slack redelivers within the hour; keys of handled events are kept for a day.
const KEEP_HOURS = 24;

const retryDelaySeconds = (attempts: number): number => Math.min(300, 5 * 2 ** (attempts - 1));

const record = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Events about one message are handled one after another, in arrival order (a pin, then its unpin;
 * a message, then its edit); other events of a channel, one after another too. Different messages
 * go alongside, so a busy channel does not queue behind itself.
 */
const orderKey = (body: Record<string, unknown>): string => {
  const event = record(body.event);
  const item = record(event?.item);
  const channel =
    text(event?.channel) ?? text(record(event?.channel)?.id) ?? text(item?.channel) ?? text(event?.channel_id);
  const message =
    text(record(item?.message)?.ts) ??
    text(item?.ts) ??
    text(record(event?.message)?.ts) ??
    text(event?.deleted_ts) ??
    (event?.type === 'message' || event?.type === 'app_mention' ? text(event?.ts) : undefined);
  if (!channel) return 'workspace';
  return message ? `${channel}/${message}` : channel;
};

/** Runs at most `limit` of the given tasks at once, the others in the order they came. */
const createLimiter = (limit: number) => {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
};

/** Creates the inbox; `takeIn` goes in front of Bolt's receiver. */
export const createEventInbox = (deps: EventInboxDeps): EventInbox => {
  const { receipts, logger, background } = deps;
  const tails = new Map<string, Promise<void>>();
  const handling = createLimiter(HANDLING_AT_ONCE);

  const attempt = async ({ key, payload, attempts }: InboxEvent): Promise<void> => {
    const body = record(payload) ?? {};
    try {
      await deps.handle(body);
      await receipts.complete(key);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (attempts >= MAX_ATTEMPTS) {
        logger.error({ err: error, eventId: key, attempts }, 'giving up on a Slack event');
        await receipts.giveUp(key, message);
        return;
      }
      const delay = retryDelaySeconds(attempts);
      logger.warn({ err: error, eventId: key, attempts, retryInSeconds: delay }, 'a Slack event failed; retrying');
      await receipts.retryLater(key, message, delay);
    }
  };

  const renewAfterMs = deps.renewAfterMs ?? RENEW_AFTER_MS;
  /** Handles the event unless it waited so long that another replica has taken it over. */
  const attemptIfStillOurs = async (event: InboxEvent, queuedAt: number): Promise<void> => {
    if (Date.now() - queuedAt >= renewAfterMs && !(await receipts.renew(event.key, event.attempts))) {
      logger.info({ eventId: event.key }, 'a Slack event waited past its lease and was taken over; skipping it here');
      return;
    }
    await attempt(event);
  };

  const dispatch = (event: InboxEvent): void => {
    const order = orderKey(record(event.payload) ?? {});
    const previous = tails.get(order) ?? Promise.resolve();
    const queuedAt = Date.now();
    const mine = previous.then(() => handling(() => attemptIfStillOurs(event, queuedAt)));
    const tail = mine.catch(() => {});
    tails.set(order, tail);
    background.run(async () => {
      await mine;
      if (tails.get(order) === tail) tails.delete(order);
    });
  };

  const takeIn: RequestHandler = async (_req, res, next) => {
    const request = res.locals.slackRequest as SlackRequest | undefined;
    const body = request?.body;
    if (!request || body?.type !== 'event_callback' || typeof body.event_id !== 'string') return next();
    const key = body.event_id;
    let fresh: boolean;
    try {
      // Stored as Slack sent it: the bytes are at hand, no need to serialise the parsed body again.
      fresh = await receipts.accept(key, request.text);
    } catch (error) {
      // Not stored: let Slack deliver it again.
      logger.error({ err: error, eventId: key }, 'could not store a Slack event');
      res.status(500).type('text/plain').send('Could not store the event');
      return;
    }
    res.status(200).end();
    if (!fresh) logger.debug({ eventId: key }, 'dropped a repeated Slack event');
    else if (background.running < MAX_RUNNING) dispatch({ key, payload: body, attempts: 1 });
  };

  let timer: NodeJS.Timeout | undefined;
  let sweeps = 0;
  const sweep = async () => {
    // Take what is due in batches while there is room, so a backlog drains at the rate it is handled.
    while (background.running < MAX_RUNNING / 2) {
      const due = await receipts.takeDue(SWEEP_BATCH);
      for (const event of due) dispatch(event);
      if (due.length < SWEEP_BATCH) break;
    }
    // Once in a while, forget old handled ones (any replica may; the delete is idempotent).
    if (sweeps++ % 100 === 0) await receipts.prune(KEEP_HOURS);
  };
  return {
    takeIn,
    startSweep(seconds) {
      let sweeping = false;
      timer ??= setInterval(() => {
        if (sweeping) return;
        sweeping = true;
        sweep()
          .catch((error: unknown) => logger.warn({ err: error }, 'Slack event sweep failed'))
          .finally(() => {
            sweeping = false;
          });
      }, seconds * 1000);
      timer.unref();
    },
    stopSweep() {
      clearInterval(timer);
      timer = undefined;
    },
  };
};
