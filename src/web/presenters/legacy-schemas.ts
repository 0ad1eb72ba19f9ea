// The JSON shapes of Monzo Response's REST API (/core/…), as its serializers produced them, so teams
// moving over keep their scripts. Strict: an extra or missing field is a difference worth failing on.
import { z } from 'zod';

/** Django REST Framework's datetime: ISO 8601, microseconds only when non-zero; ours are UTC ("Z"). */
const drfTime = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z$/);

export const LegacyUserSchema = z.strictObject({
  app_id: z.literal('slack'),
  external_id: z.string(),
  display_name: z.string(),
  full_name: z.string(),
  email: z.string().nullable(),
  deleted: z.boolean(),
});

export const LegacyActionSchema = z.strictObject({
  id: z.number().int().positive(),
  details: z.string(),
  done: z.boolean(),
  user: LegacyUserSchema.nullable(),
  details_ui: z.string(),
  created_date: drfTime,
  done_date: drfTime.nullable(),
  due_date: drfTime.nullable(),
  priority: z.string().nullable(),
  type: z.string().nullable(),
});

export const LegacyIncidentSchema = z.strictObject({
  action_items: z.array(LegacyActionSchema),
  comms_channel: z.strictObject({ channel_id: z.string(), channel_name: z.string() }).nullable(),
  end_time: drfTime.nullable(),
  impact: z.string().nullable(),
  is_closed: z.boolean(),
  lead: LegacyUserSchema.nullable(),
  id: z.number().int().positive(),
  report: z.string(),
  report_time: drfTime,
  report_only: z.boolean(),
  reporter: LegacyUserSchema.nullable(),
  severity: z.enum(['1', '2', '3', '4']).nullable(),
  start_time: drfTime,
  summary: z.string().nullable(),
});

export const LegacyTimelineEventSchema = z.strictObject({
  id: z.number().int().positive(),
  timestamp: drfTime,
  text: z.string(),
  event_type: z.enum(['text', 'slack_pin', 'slack_reaction', 'slack_shortcut', 'status_update', 'incident_update']),
  metadata: z
    .strictObject({
      author: LegacyUserSchema.nullable(),
      message_ts: z.string().nullable(),
      channel_id: z.string().nullable(),
    })
    .nullable(),
  text_ui: z.string(),
});

/** DRF's LimitOffsetPagination envelope. */
export const legacyPage = <T extends z.ZodType>(item: T) =>
  z.strictObject({
    count: z.number().int().nonnegative(),
    next: z.url().nullable(),
    previous: z.url().nullable(),
    results: z.array(item),
  });

export type LegacyUser = z.infer<typeof LegacyUserSchema>;
export type LegacyAction = z.infer<typeof LegacyActionSchema>;
export type LegacyIncident = z.infer<typeof LegacyIncidentSchema>;
export type LegacyTimelineEvent = z.infer<typeof LegacyTimelineEventSchema>;
