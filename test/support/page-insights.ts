// A known set of incidents for the insights numbers (storage and page tests share it), with the
// answers worked out by hand. Times are UTC; in March before the 29th, London is on GMT (= UTC).
import { userActor } from '../../src/domain/index.ts';
import { declareIncident } from '../../src/usecases/declare-incident.ts';
import type { WriteDeps } from '../../src/usecases/ports.ts';
import { resolveIncident } from '../../src/usecases/resolve-incident.ts';
import { setLead } from '../../src/usecases/set-lead.ts';
import type { fixedClock } from './database.ts';

const actor = userActor('U0ALICE');

/** The clock this data set needs: it starts before the period and moves forward only. */
export const INSIGHTS_START = new Date('2026-03-01T23:30:00Z');

/**
 * Seeds, for the period 2026-03-02 … 2026-03-15 (Europe/London):
 * - outside: Sun 1 Mar 23:30, critical (before the period: counted nowhere)
 * - week of 2 Mar, all reported Mon 09:00:
 *   A critical, declared with a lead, resolved after 1 h
 *   B critical, lead after 10 min, resolved after 3 h
 *   C critical, lead after 30 min (changed again later), resolved after 5 h
 *   D major, never a lead, open
 *   E no severity, a report of a past incident (left out of time to lead), open
 * - week of 9 Mar:
 *   F minor, Mon 9 Mar 09:00, lead after 2 min, resolved after 30 min
 *   G trivial, Sun 15 Mar 23:30 (the last evening of the period), no lead, open
 */
export const seedInsights = async (write: WriteDeps, clock: ReturnType<typeof fixedClock>) => {
  const at = (iso: string) => {
    const ms = new Date(iso).getTime() - clock.now().getTime();
    if (ms < 0) throw new Error(`the clock cannot go back to ${iso}`);
    clock.advance(ms);
  };
  const declare = async (title: string, draft: Record<string, unknown> = {}) =>
    (await declareIncident(write, { draft: { title, reporterId: 'U0ALICE', ...draft }, actor })).value.incident.id;
  const lead = (incidentId: number, leadId: string) => setLead(write, { incidentId, leadId, actor });
  const resolve = (incidentId: number) => resolveIncident(write, { incidentId, actor });

  at('2026-03-01T23:30:00Z');
  const outside = await declare('Before the period', { severity: 'critical' });
  at('2026-03-02T09:00:00Z');
  const a = await declare('A', { severity: 'critical', leadId: 'U0BOB' });
  const b = await declare('B', { severity: 'critical' });
  const c = await declare('C', { severity: 'critical' });
  await declare('D', { severity: 'major' });
  await declare('E', { kind: 'report' });
  at('2026-03-02T09:10:00Z');
  await lead(b, 'U0BOB');
  at('2026-03-02T09:30:00Z');
  await lead(c, 'U0BOB');
  at('2026-03-02T10:00:00Z');
  await resolve(a);
  await resolve(outside);
  at('2026-03-02T10:30:00Z');
  await lead(c, 'U0CAROL');
  at('2026-03-02T12:00:00Z');
  await resolve(b);
  at('2026-03-02T14:00:00Z');
  await resolve(c);
  at('2026-03-09T09:00:00Z');
  const f = await declare('F', { severity: 'minor' });
  at('2026-03-09T09:02:00Z');
  await lead(f, 'U0BOB');
  at('2026-03-09T09:30:00Z');
  await resolve(f);
  at('2026-03-15T23:30:00Z');
  await declare('G', { severity: 'trivial' });
  at('2026-03-16T12:00:00Z');
};

/** The period the answers are for. */
export const INSIGHTS_PERIOD = { from: '2026-03-02', to: '2026-03-15', timezone: 'Europe/London' } as const;
