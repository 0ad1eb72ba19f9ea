// The API's JSON shapes as zod schemas: the presenters are typed by them, tests validate every
// response with them, and the OpenAPI document is generated from them. One source, no drift.
import { z } from 'zod';
import { EVENT_TYPES, KINDS, SEVERITIES, STATUSES, TIMELINE_SOURCES } from '../../domain/index.ts';

/** Every named schema, for the OpenAPI document's components. */
export const apiSchemas = z.registry<{ id: string; description?: string }>();

const time = z.iso.datetime().describe('ISO 8601, UTC');

export const UserSchema = z
  .object({ slackId: z.string(), name: z.string() })
  .register(apiSchemas, { id: 'User', description: 'A person, by Slack user id' });

export const IncidentSchema = z
  .object({
    id: z.number().int().positive(),
    title: z.string(),
    summary: z.string().nullable(),
    impact: z.string().nullable(),
    severity: z.enum(SEVERITIES).nullable(),
    status: z.enum(STATUSES),
    kind: z.enum(KINDS),
    reporter: UserSchema.nullable(),
    lead: UserSchema.nullable(),
    channel: z.object({ id: z.string(), name: z.string() }).nullable(),
    reportedAt: time,
    startedAt: time,
    resolvedAt: time.nullable(),
    url: z.url().describe("The incident's web page"),
  })
  .register(apiSchemas, { id: 'Incident' });

export const TimelineEntrySchema = z
  .object({
    id: z.number().int().positive(),
    source: z.enum(TIMELINE_SOURCES),
    text: z.string().describe('As written; Slack text is raw mrkdwn'),
    occurredAt: time,
    author: UserSchema.nullable(),
    hidden: z.boolean(),
    slack: z
      .object({
        channelId: z.string(),
        ts: z.string(),
        permalink: z.string().nullable(),
        files: z.array(z.object({ id: z.string(), name: z.string().nullable(), permalink: z.string().nullable() })),
      })
      .nullable(),
  })
  .register(apiSchemas, { id: 'TimelineEntry' });

export const ActionSchema = z
  .object({
    id: z.number().int().positive(),
    text: z.string(),
    owner: UserSchema.nullable(),
    done: z.boolean(),
    dueAt: time.nullable(),
    createdAt: time,
  })
  .register(apiSchemas, { id: 'Action' });

export const IncidentListSchema = z
  .object({
    items: z.array(IncidentSchema),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
  })
  .register(apiSchemas, { id: 'IncidentList' });

export const TimelineListSchema = z
  .object({ items: z.array(TimelineEntrySchema) })
  .register(apiSchemas, { id: 'TimelineList' });

export const ActionListSchema = z.object({ items: z.array(ActionSchema) }).register(apiSchemas, { id: 'ActionList' });

const snapshot = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .nullable()
  .describe('The fields the event touched, by their stored names (leadId, ownerId, …)');

export const EventSchema = z
  .object({
    id: z.number().int().positive().describe("Increases with every event; the stream's position"),
    incidentId: z.number().int().positive(),
    type: z.enum(EVENT_TYPES),
    actor: z
      .object({
        kind: z.enum(['user', 'token', 'system']),
        id: z.string().nullable().describe('Slack user id (user), token name (token), null (the bot itself)'),
      })
      .describe('Who made the change'),
    before: snapshot,
    after: snapshot,
    occurredAt: time,
  })
  .register(apiSchemas, { id: 'Event', description: 'One entry of the append-only audit log' });

export const EventListSchema = z
  .object({
    items: z.array(EventSchema),
    nextSince: z
      .number()
      .int()
      .nonnegative()
      .describe('Pass as `since` for the next page: the last id here, or the `since` asked for when none are new'),
  })
  .register(apiSchemas, { id: 'EventList' });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().optional().describe('Stable machine-readable error code'),
    parameter: z.string().optional().describe('The request parameter or field to fix'),
  })
  .register(apiSchemas, { id: 'Problem', description: 'RFC 9457 problem details' });

export type IncidentJson = z.infer<typeof IncidentSchema>;
export type TimelineEntryJson = z.infer<typeof TimelineEntrySchema>;
export type ActionJson = z.infer<typeof ActionSchema>;
export type ProblemJson = z.infer<typeof ProblemSchema>;
export type EventJson = z.infer<typeof EventSchema>;
