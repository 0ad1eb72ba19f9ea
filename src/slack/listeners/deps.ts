// What Slack listeners are given: the write side, Slack-owned state, and a way to say "this
// incident changed, bring Slack up to date" (a durable job, started at once).
import type { Logger } from 'pino';
import type { ChatStateStore, EventReceipts, ReadDeps, WriteDeps } from '../../usecases/index.ts';
import type { BackgroundWork } from '../background.ts';
import type { EventListenerExtras } from './events/extras.ts';
import type { ReminderListenerExtras } from './reminders/extras.ts';

/** Everything a listener may use. */
export interface ListenerDeps {
  readonly write: WriteDeps;
  readonly read: ReadDeps;
  readonly chatState: ChatStateStore;
  readonly receipts: EventReceipts;
  /** Queues a Slack sync for the incident; resolves once the job is durably queued. */
  readonly incidentChanged: (incidentId: number) => Promise<void>;
  readonly logger: Logger;
  /** For work started after the answer (opening a modal once a command is acknowledged). */
  readonly background: BackgroundWork;
  readonly events: EventListenerExtras;
  readonly reminders: ReminderListenerExtras;
}
