// What every API write shares: its dependencies, who is acting, and telling Slack afterwards.
import type { Request, Response } from 'express';
import type { Actor, StoredIncidentEvent } from '../../../domain/index.ts';
import type { ReadDeps, WriteDeps } from '../../../usecases/index.ts';
import type { ApiLocals } from '../../middleware/bearer-auth.ts';

/** The write routes' dependencies: use cases both ways, links, and the Slack catch-up. */
export interface ApiWriteDeps extends ReadDeps, WriteDeps {
  readonly publicUrl: string;
  /** Brings Slack (the headline, the channel) up to date with the incident. */
  readonly incidentChanged: (incidentId: number) => Promise<void>;
}

/** The API token making the request (bearer-auth put it there). */
export const actorOf = (res: Response): Actor => (res.locals as ApiLocals).actor;

/**
 * After a write that stored events, queues the Slack update. The change is already committed, so a
 * failure to queue is logged rather than returned: the chat sync's periodic sweep catches up.
 */
export const announceChange = async (
  deps: Pick<ApiWriteDeps, 'incidentChanged'>,
  req: Request,
  incidentId: number,
  events: readonly StoredIncidentEvent[],
): Promise<void> => {
  if (events.length === 0) return;
  try {
    await deps.incidentChanged(incidentId);
  } catch (error) {
    req.log?.warn({ err: error, incidentId }, 'could not queue the Slack update; the sync sweep will catch up');
  }
};
