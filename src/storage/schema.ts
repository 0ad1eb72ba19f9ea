// The one database schema, for PostgreSQL and embedded PGlite alike. drizzle-kit generates the
// migrations in ./migrations from this file; never edit a generated migration after it is committed.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const utc = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Incidents, chat-agnostic: Slack's ids live in the slack_* tables. */
export const incidents = pgTable(
  'incidents',
  {
    id: serial('id').primaryKey(),
    title: text('title').notNull(),
    summary: text('summary'),
    impact: text('impact'),
    severity: text('severity'),
    status: text('status').notNull(),
    kind: text('kind').notNull(),
    reporterId: text('reporter_id'),
    leadId: text('lead_id'),
    reportedAt: utc('reported_at').notNull(),
    startedAt: utc('started_at').notNull(),
    resolvedAt: utc('resolved_at'),
    // A client's idempotency key for the declaration (the Slack view id): one modal, one incident.
    declareKey: text('declare_key').unique(),
    updatedAt: utc('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('incidents_severity_known', sql`${t.severity} in ('critical', 'major', 'minor', 'trivial')`),
    check('incidents_status_known', sql`${t.status} in ('investigating', 'identified', 'monitoring', 'resolved')`),
    check('incidents_kind_known', sql`${t.kind} in ('live', 'report')`),
    check('incidents_resolved_when_resolved', sql`(${t.status} = 'resolved') = (${t.resolvedAt} is not null)`),
    // The list is newest first and pages by (reported_at, id): one index serves every page.
    index('incidents_newest_first').on(t.reportedAt.desc(), t.id.desc()),
    index('incidents_status').on(t.status),
  ],
);

/** People seen in Slack, filled lazily so pages can show names. */
export const slackUsers = pgTable('slack_users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  realName: text('real_name'),
  email: text('email'),
  timezone: text('timezone'),
  deleted: boolean('deleted').notNull().default(false),
  updatedAt: utc('updated_at').notNull().defaultNow(),
});

/** The incident's own channel, one per incident and never shared. */
export const slackChannels = pgTable('slack_channels', {
  incidentId: integer('incident_id')
    .primaryKey()
    .references(() => incidents.id, { onDelete: 'cascade' }),
  channelId: text('channel_id').notNull().unique(),
  name: text('name').notNull(),
  createdAt: utc('created_at').notNull().defaultNow(),
});

/** Messages the bot owns and keeps in sync (the headline, the opening message), by purpose. */
export const slackMessages = pgTable(
  'slack_messages',
  {
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    purpose: text('purpose').notNull(),
    channelId: text('channel_id').notNull(),
    ts: text('ts').notNull(),
    createdAt: utc('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.purpose] })],
);

/** The incident's story: captured Slack messages, updates, change records and typed notes. */
export const timelineEntries = pgTable(
  'timeline_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    text: text('text').notNull(),
    occurredAt: utc('occurred_at').notNull(),
    authorId: text('author_id'),
    hidden: boolean('hidden').notNull().default(false),
    slackChannelId: text('slack_channel_id'),
    slackTs: text('slack_ts'),
    slackPermalink: text('slack_permalink'),
    /** Files attached to the captured message, by reference only: `[{ id, name, permalink }]`. */
    slackFiles: jsonb('slack_files'),
    createdAt: utc('created_at').notNull().defaultNow(),
  },
  (t) => [
    check('timeline_source_known', sql`${t.source} in ('pin', 'reaction', 'shortcut', 'manual', 'update', 'change')`),
    // One entry per Slack message, however often it is pinned, reacted to or redelivered.
    uniqueIndex('timeline_one_per_slack_message').on(t.incidentId, t.slackChannelId, t.slackTs),
    index('timeline_by_incident').on(t.incidentId, t.occurredAt, t.id),
  ],
);

/** Follow-up actions. */
export const actions = pgTable(
  'actions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    ownerId: text('owner_id'),
    done: boolean('done').notNull().default(false),
    dueAt: utc('due_at'),
    createdAt: utc('created_at').notNull(),
  },
  (t) => [index('actions_by_incident').on(t.incidentId, t.id)],
);

/** Append-only: one row per change, written in the change's own transaction. */
export const incidentEvents = pgTable(
  'incident_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    occurredAt: utc('occurred_at').notNull(),
  },
  (t) => [index('events_by_incident').on(t.incidentId, t.id)],
);

/**
 * How far Slack has caught up with an incident: the steps of setting it up that are done (each
 * Slack effect runs once), the last event the headline shows, who to tell about it, and a lease
 * so two replicas never set up the same incident at the same time.
 */
export const slackSync = pgTable('slack_sync', {
  incidentId: integer('incident_id')
    .primaryKey()
    .references(() => incidents.id, { onDelete: 'cascade' }),
  stepsDone: text('steps_done').array().notNull().default(sql`'{}'::text[]`),
  syncedEventId: bigint('synced_event_id', { mode: 'number' }).notNull().default(0),
  originChannelId: text('origin_channel_id'),
  originUserId: text('origin_user_id'),
  originResponseUrl: text('origin_response_url'),
  leaseHolder: text('lease_holder'),
  leaseUntil: utc('lease_until'),
  lastError: text('last_error'),
  failedAt: utc('failed_at'),
  updatedAt: utc('updated_at').notNull().defaultNow(),
});

/**
 * Reminders sent, one row per reminder: the (incident, kind, seq) key makes each one go out once
 * however many replicas look at the same minute, and a row exists only for a reminder really sent.
 */
export const remindersSent = pgTable(
  'reminders_sent',
  {
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    seq: integer('seq').notNull(),
    sentAt: utc('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.kind, t.seq] })],
);

/** When the next status update is due (set by the last update's "next update in", or a snooze). */
export const reminderState = pgTable('reminder_state', {
  incidentId: integer('incident_id')
    .primaryKey()
    .references(() => incidents.id, { onDelete: 'cascade' }),
  updateDueAt: utc('update_due_at'),
  updatedAt: utc('updated_at').notNull().defaultNow(),
});

/** Slack event ids already taken in: a redelivery finds its id here and is dropped. */
export const slackEventReceipts = pgTable(
  'slack_event_receipts',
  {
    eventId: text('event_id').primaryKey(),
    receivedAt: utc('received_at').notNull().defaultNow(),
  },
  (t) => [index('slack_event_receipts_age').on(t.receivedAt)],
);

/** API tokens. Only a SHA-256 of the secret part is kept; the token is shown once, at creation. */
export const apiTokens = pgTable('api_tokens', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  secretHash: text('secret_hash').notNull(),
  createdAt: utc('created_at').notNull().defaultNow(),
  lastUsedAt: utc('last_used_at'),
  revokedAt: utc('revoked_at'),
});
