// The write side: repositories bound to one transaction, as the use cases' ports describe them.
import { and, eq, sql } from 'drizzle-orm';
import type { IncidentEvent, TimelineEntry } from '../domain/index.ts';
import type { Transactor, UnitOfWork } from '../usecases/ports.ts';
import type { Db } from './db.ts';
import { fromActor, fromIncident, toAction, toEvent, toIncident, toTimelineEntry } from './rows.ts';
import { actions, incidentEvents, incidents, timelineEntries } from './schema.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const timelineColumns = (entry: Omit<TimelineEntry, 'id'>) => ({
  incidentId: entry.incidentId,
  source: entry.source,
  text: entry.text,
  occurredAt: entry.occurredAt,
  authorId: entry.authorId,
  hidden: entry.hidden,
  slackChannelId: entry.slack?.channelId ?? null,
  slackTs: entry.slack?.ts ?? null,
  slackPermalink: entry.slack?.permalink ?? null,
  slackFiles: entry.slack?.files?.length ? entry.slack.files : null,
});

const unitOfWork = (tx: Tx): UnitOfWork => ({
  incidents: {
    async insert(incident, declareKey) {
      const [row] = await tx
        .insert(incidents)
        .values({ ...fromIncident(incident), declareKey })
        .onConflictDoNothing({ target: incidents.declareKey })
        .returning();
      if (row) return { incident: toIncident(row), created: true };
      // The key was used before (maybe by a delivery racing this one: the insert above waited for it).
      const [existing] = await tx
        .select()
        .from(incidents)
        .where(eq(incidents.declareKey, declareKey ?? ''));
      if (!existing) throw new Error('declare key conflicted but no incident holds it');
      return { incident: toIncident(existing), created: false };
    },
    async lock(id) {
      const [row] = await tx.select().from(incidents).where(eq(incidents.id, id)).for('update');
      return row ? toIncident(row) : null;
    },
    async save(incident) {
      await tx
        .update(incidents)
        .set({ ...fromIncident(incident), updatedAt: sql`now()` })
        .where(eq(incidents.id, incident.id));
    },
  },
  timeline: {
    async insert(entry) {
      const values = timelineColumns({ ...entry, hidden: entry.hidden ?? false });
      const [row] = await tx
        .insert(timelineEntries)
        .values(values)
        .onConflictDoNothing({
          target: [timelineEntries.incidentId, timelineEntries.slackChannelId, timelineEntries.slackTs],
        })
        .returning();
      if (row) return { entry: toTimelineEntry(row), created: true };
      const [existing] = await tx
        .select()
        .from(timelineEntries)
        .where(
          and(
            eq(timelineEntries.incidentId, entry.incidentId),
            eq(timelineEntries.slackChannelId, values.slackChannelId ?? ''),
            eq(timelineEntries.slackTs, values.slackTs ?? ''),
          ),
        );
      if (!existing) throw new Error('timeline entry conflicted but none holds its Slack message');
      return { entry: toTimelineEntry(existing), created: false };
    },
    async lock(incidentId, entryId) {
      const [row] = await tx
        .select()
        .from(timelineEntries)
        .where(and(eq(timelineEntries.incidentId, incidentId), eq(timelineEntries.id, entryId)))
        .for('update');
      return row ? toTimelineEntry(row) : null;
    },
    async lockBySlackMessage(incidentId, channelId, ts) {
      const [row] = await tx
        .select()
        .from(timelineEntries)
        .where(
          and(
            eq(timelineEntries.incidentId, incidentId),
            eq(timelineEntries.slackChannelId, channelId),
            eq(timelineEntries.slackTs, ts),
          ),
        )
        .for('update');
      return row ? toTimelineEntry(row) : null;
    },
    async save(entry) {
      await tx.update(timelineEntries).set(timelineColumns(entry)).where(eq(timelineEntries.id, entry.id));
    },
  },
  actions: {
    async insert(action) {
      const [row] = await tx.insert(actions).values(action).returning();
      if (!row) throw new Error('insert into actions returned no row');
      return toAction(row);
    },
    async lock(incidentId, actionId) {
      const [row] = await tx
        .select()
        .from(actions)
        .where(and(eq(actions.incidentId, incidentId), eq(actions.id, actionId)))
        .for('update');
      return row ? toAction(row) : null;
    },
    async save(action) {
      const { id, ...columns } = action;
      await tx.update(actions).set(columns).where(eq(actions.id, id));
    },
  },
  events: {
    async append(event: IncidentEvent) {
      const [row] = await tx
        .insert(incidentEvents)
        .values({
          incidentId: event.incidentId,
          type: event.type,
          ...fromActor(event.actor),
          before: event.before,
          after: event.after,
          occurredAt: event.occurredAt,
        })
        .returning();
      if (!row) throw new Error('insert into incident_events returned no row');
      return toEvent(row);
    },
  },
});

/** The use cases' Transactor over a drizzle database. */
export const createTransactor = (db: Db): Transactor => ({
  transaction: (work) => db.transaction((tx) => work(unitOfWork(tx))),
});
