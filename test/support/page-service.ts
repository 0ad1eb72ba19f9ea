// The whole service for page tests: real HTTP, a real database, AUTH_MODE=none (everyone is the
// "Local user", with a real session and CSRF token), and a browser-like client signed in.
import { type Actor, type IncidentDraft, userActor } from '../../src/domain/index.ts';
import { slackUsers } from '../../src/storage/schema.ts';
import { declareIncident } from '../../src/usecases/declare-incident.ts';
import { type PageClient, pageClient } from './page-client.ts';
import { startTestService, type TestService } from './test-service.ts';

/** A running service and a browser signed in to it. */
export interface PageService {
  readonly service: TestService;
  readonly browser: PageClient;
  /** Declares an incident through the use case (defaults: a Major live incident reported by Alice). */
  declare(draft?: Partial<IncidentDraft>, actor?: Actor): Promise<number>;
  /** Puts people in the Slack user cache, as the Slack sync would. */
  people(users: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

/** Alice, reporting. */
export const ALICE = userActor('U0ALICE');

/** Starts the service with AUTH_MODE=none; `env` adds configuration. */
export const startPageService = async (env: Record<string, string> = {}): Promise<PageService> => {
  const service = await startTestService({ AUTH_MODE: 'none', INCIDENT_TIMEZONE: 'Europe/London', ...env });
  const browser = pageClient(service.baseUrl);
  return {
    service,
    browser,
    async declare(draft = {}, actor = ALICE) {
      const { value } = await declareIncident(service.write, {
        draft: { title: 'Payments API returning 500s', severity: 'major', reporterId: 'U0ALICE', ...draft },
        actor,
      });
      return value.incident.id;
    },
    async people(users) {
      await service.db.db
        .insert(slackUsers)
        .values(Object.entries(users).map(([id, name]) => ({ id, name })))
        .onConflictDoNothing();
    },
    stop: () => service.stop(),
  };
};
