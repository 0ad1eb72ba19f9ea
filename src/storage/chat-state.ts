// Slack-owned state per incident: the channel, the messages the bot edits, and sync progress.
// Each method is one short statement so a Slack id is durable the moment Slack hands it over.
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { ChatStateStore, ChatStep, ChatSyncState } from '../usecases/chat-ports.ts';
import type { Db } from './db.ts';
import { rawRows } from './raw-rows.ts';
import { timelineReadColumns, toTimelineEntry } from './rows.ts';
import { incidentEvents, slackChannels, slackMessages, slackSync, timelineEntries } from './schema.ts';

const STEPS: readonly ChatStep[] = ['channel-requested', 'channel-prepared', 'opening-posted', 'reporter-told'];
const isStep = (value: string): value is ChatStep =>
  (STEPS as readonly string[]).includes(value) || value.startsWith('resolved-announced:');

/** The chat state store on the service's database. */
export const createChatStateStore = (db: Db): ChatStateStore => {
  // Every sync row is created on first touch, so the update statements below always find it.
  const ensureRow = (incidentId: number) => db.insert(slackSync).values({ incidentId }).onConflictDoNothing();
  return {
    async load(incidentId): Promise<ChatSyncState> {
      const [sync] = await db.select().from(slackSync).where(eq(slackSync.incidentId, incidentId));
      const [channel] = await db.select().from(slackChannels).where(eq(slackChannels.incidentId, incidentId));
      const messages = await db.select().from(slackMessages).where(eq(slackMessages.incidentId, incidentId));
      const message = (purpose: string) => {
        const row = messages.find((m) => m.purpose === purpose);
        return row ? { channelId: row.channelId, ts: row.ts } : null;
      };
      const hasOrigin = sync && (sync.originChannelId || sync.originUserId);
      return {
        channel: channel ? { id: channel.channelId, name: channel.name } : null,
        headline: message('headline'),
        opening: message('opening'),
        stepsDone: (sync?.stepsDone ?? []).filter(isStep),
        origin: hasOrigin
          ? { channelId: sync.originChannelId, userId: sync.originUserId, responseUrl: sync.originResponseUrl }
          : null,
        syncedEventId: sync?.syncedEventId ?? 0,
        failedAt: sync?.failedAt ?? null,
      };
    },
    async noteOrigin(incidentId, origin) {
      const values = {
        originChannelId: origin.channelId,
        originUserId: origin.userId,
        originResponseUrl: origin.responseUrl,
      };
      await db
        .insert(slackSync)
        .values({ incidentId, ...values })
        .onConflictDoUpdate({ target: slackSync.incidentId, set: values });
    },
    async tryLease(incidentId, holder, ms) {
      await ensureRow(incidentId);
      const taken = await db
        .update(slackSync)
        .set({
          leaseHolder: holder,
          leaseUntil: sql`now() + make_interval(secs => ${ms / 1000})`,
          updatedAt: sql`now()`,
        })
        .where(
          and(
            eq(slackSync.incidentId, incidentId),
            or(isNull(slackSync.leaseUntil), lt(slackSync.leaseUntil, sql`now()`), eq(slackSync.leaseHolder, holder)),
          ),
        )
        .returning({ id: slackSync.incidentId });
      return taken.length === 1;
    },
    async releaseLease(incidentId, holder) {
      await db
        .update(slackSync)
        .set({ leaseHolder: null, leaseUntil: null })
        .where(and(eq(slackSync.incidentId, incidentId), eq(slackSync.leaseHolder, holder)));
    },
    async saveChannel(incidentId, channel) {
      await db
        .insert(slackChannels)
        .values({ incidentId, channelId: channel.id, name: channel.name })
        .onConflictDoNothing({ target: slackChannels.incidentId });
    },
    async saveMessage(incidentId, purpose, ref) {
      await db
        .insert(slackMessages)
        .values({ incidentId, purpose, channelId: ref.channelId, ts: ref.ts })
        .onConflictDoNothing();
    },
    async markStep(incidentId, step) {
      await ensureRow(incidentId);
      await db
        .update(slackSync)
        .set({
          stepsDone: sql`array_append(array_remove(${slackSync.stepsDone}, ${step}), ${step})`,
          updatedAt: sql`now()`,
        })
        .where(eq(slackSync.incidentId, incidentId));
    },
    async markSynced(incidentId, eventId) {
      await ensureRow(incidentId);
      await db
        .update(slackSync)
        .set({
          syncedEventId: sql`greatest(${slackSync.syncedEventId}, ${eventId})`,
          failedAt: null,
          lastError: null,
          updatedAt: sql`now()`,
        })
        .where(eq(slackSync.incidentId, incidentId));
    },
    async markFailed(incidentId, error, at) {
      await ensureRow(incidentId);
      await db
        .update(slackSync)
        .set({ failedAt: at, lastError: error.slice(0, 2000), updatedAt: sql`now()` })
        .where(eq(slackSync.incidentId, incidentId));
    },
    // Only incident.* events change what Slack shows (timeline events do not touch the headline).
    async latestEventId(incidentId) {
      const [row] = await rawRows<{ latest: string | number | null }>(
        db,
        sql`select max(${incidentEvents.id}) as latest from ${incidentEvents}
            where ${incidentEvents.incidentId} = ${incidentId} and ${incidentEvents.type} like 'incident.%'`,
      );
      return Number(row?.latest ?? 0);
    },
    async incidentForChannel(channelId) {
      const [row] = await db
        .select({ incidentId: slackChannels.incidentId })
        .from(slackChannels)
        .where(eq(slackChannels.channelId, channelId));
      return row?.incidentId ?? null;
    },
    async messageOnTimeline(channelId, ts) {
      const [row] = await db
        .select({ incidentId: slackChannels.incidentId, entry: timelineReadColumns })
        .from(slackChannels)
        .leftJoin(
          timelineEntries,
          and(
            eq(timelineEntries.incidentId, slackChannels.incidentId),
            eq(timelineEntries.slackChannelId, slackChannels.channelId),
            eq(timelineEntries.slackTs, ts),
          ),
        )
        .where(eq(slackChannels.channelId, channelId));
      if (!row) return null;
      return { incidentId: row.incidentId, entry: row.entry ? toTimelineEntry(row.entry) : null };
    },
    async renameChannel(channelId, name) {
      const renamed = await db
        .update(slackChannels)
        .set({ name })
        .where(eq(slackChannels.channelId, channelId))
        .returning({ id: slackChannels.incidentId });
      return renamed.length > 0;
    },
    async behind(limit) {
      // Incidents with events newer than what chat shows, whose last attempt did not end in a
      // reported failure, that nobody is syncing now, and that have been quiet long enough for
      // their own job (and its retries) to have had their chance. Times are the database's.
      const rows = await rawRows<{ id: number }>(
        db,
        sql`select e.incident_id as id
            from ${incidentEvents} e
            left join ${slackSync} s on s.incident_id = e.incident_id
            where e.type like 'incident.%'
            group by e.incident_id, s.synced_event_id, s.failed_at, s.lease_until, s.updated_at
            having max(e.id) > coalesce(s.synced_event_id, 0)
               and s.failed_at is null
               and coalesce(s.lease_until, '-infinity') < now()
               and coalesce(s.updated_at, max(e.occurred_at)) < now() - interval '30 seconds'
            order by min(e.id)
            limit ${limit}`,
      );
      return rows.map((row) => Number(row.id));
    },
  };
};
