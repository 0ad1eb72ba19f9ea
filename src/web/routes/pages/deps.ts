import type { ReadDeps, WriteDeps } from '../../../usecases/index.ts';
import type { PeopleQueries } from '../../../usecases/ports.ts';
import type { InsightsQueries } from '../../../usecases/ports-insights.ts';

/** What the pages are handed by the composition root. */
export interface PageDeps {
  readonly read: ReadDeps;
  readonly write: WriteDeps;
  /** Brings Slack (the headline) up to date after a change made on a page. */
  readonly incidentChanged: (incidentId: number) => Promise<void>;
  /** PUBLIC_URL: the report links back to the incident page with it. */
  readonly publicUrl: string;
  /** INCIDENT_TIMEZONE: every time on a page is shown in it. */
  readonly timezone: string;
  readonly insights: InsightsQueries;
  /** Names for Slack user ids (mentions, "choose a person" lists). */
  readonly people: PeopleQueries;
}
