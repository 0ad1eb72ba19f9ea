// Reminder state on the service's database: the facts the rules need, read in one statement per
// pass, and a claim row per reminder whose primary key lets exactly one replica post it.
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { isKind, isSeverity, isStatus } from '../domain/index.ts';
import { isReminderKind, type SentReminder } from '../domain/reminders.ts';
import type { ReminderStore, ReminderSubject } from '../usecases/reminder-ports.ts';
import type { Db } from './db.ts';
import { rawRows } from './raw-rows.ts';
import { incidents, reminderState, remindersSent, slackChannels, timelineEntries } from './schema.ts';

interface SubjectRow {
  id: number;
  kind: string;
  status: string;
  severity: string | null;
  lead_id: string | null;
  reporter_id: string | null;
  reported_at: Date | string;
  channel_id: string | null;
  last_update_at: Date | string | null;
  update_due_at: Date | string | null;
  due_set_at: Date | string | null;
  sent: { kind: string; seq: number; sentAt: string }[] | string | null;
}

const date = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

const corrupt = (column: string, value: unknown): never => {
  throw new Error(`${column} holds an unknown value: ${JSON.stringify(value)}`);
};

const toSent = (raw: SubjectRow['sent']): SentReminder[] => {
  const list = typeof raw === 'string' ? (JSON.parse(raw) as Exclude<SubjectRow['sent'], string>) : raw;
  return (list ?? []).map((s) => ({
    kind: isReminderKind(s.kind) ? s.kind : corrupt('reminders_sent.kind', s.kind),
    seq: Number(s.seq),
    sentAt: new Date(s.sentAt),
  }));
};

const toSubject = (row: SubjectRow): ReminderSubject => ({
  channelId: row.channel_id,
  facts: {
    incidentId: Number(row.id),
    kind: isKind(row.kind) ? row.kind : corrupt('incidents.kind', row.kind),
    status: isStatus(row.status) ? row.status : corrupt('incidents.status', row.status),
    severity:
      row.severity === null
        ? null
        : isSeverity(row.severity)
          ? row.severity
          : corrupt('incidents.severity', row.severity),
    leadId: row.lead_id,
    reporterId: row.reporter_id,
    reportedAt: date(row.reported_at),
    hasChannel: row.channel_id !== null,
    lastUpdateAt: row.last_update_at === null ? null : date(row.last_update_at),
    updateDue:
      row.update_due_at === null || row.due_set_at === null
        ? null
        : { at: date(row.update_due_at), setAt: date(row.due_set_at) },
    sent: toSent(row.sent),
  },
});

/** The reminder store on the service's database. */
export const createReminderStore = (db: Db): ReminderStore => {
  const subjects = async (where: SQL, limit: number) => {
    const rows = await rawRows<SubjectRow>(
      db,
      sql`select i.id, i.kind, i.status, i.severity, i.lead_id, i.reporter_id, i.reported_at,
                 c.channel_id, r.update_due_at, r.updated_at as due_set_at,
                 (select max(t.occurred_at) from ${timelineEntries} t
                   where t.incident_id = i.id and t.source = 'update') as last_update_at,
                 (select json_agg(json_build_object('kind', s.kind, 'seq', s.seq, 'sentAt', s.sent_at))
                    from ${remindersSent} s where s.incident_id = i.id) as sent
          from ${incidents} i
          left join ${slackChannels} c on c.incident_id = i.id
          left join ${reminderState} r on r.incident_id = i.id
          where ${where}
          order by i.id
          limit ${limit}`,
    );
    return rows.map(toSubject);
  };
  return {
    // Only what can be owed a reminder: live, open, with a channel to post in.
    candidates: (limit) =>
      subjects(sql`i.kind = 'live' and i.status <> 'resolved' and c.channel_id is not null`, limit),
    async subject(incidentId) {
      const [found] = await subjects(sql`i.id = ${incidentId}`, 1);
      return found ?? null;
    },
    async claim(incidentId, kind, seq, at) {
      const inserted = await db
        .insert(remindersSent)
        .values({ incidentId, kind, seq, sentAt: at })
        .onConflictDoNothing()
        .returning({ seq: remindersSent.seq });
      return inserted.length === 1;
    },
    async release(incidentId, kind, seq) {
      await db
        .delete(remindersSent)
        .where(and(eq(remindersSent.incidentId, incidentId), eq(remindersSent.kind, kind), eq(remindersSent.seq, seq)));
    },
    async setUpdateDue(incidentId, dueAt, at) {
      // Only for an incident that exists: a missing one answers false instead of breaking the foreign key.
      const rows = await rawRows<{ incident_id: number }>(
        db,
        sql`insert into ${reminderState} (incident_id, update_due_at, updated_at)
            select id, ${dueAt?.toISOString() ?? null}::timestamptz, ${at.toISOString()}::timestamptz
            from ${incidents} where id = ${incidentId}
            on conflict (incident_id)
            do update set update_due_at = excluded.update_due_at, updated_at = excluded.updated_at
            returning incident_id`,
      );
      return rows.length === 1;
    },
  };
};
