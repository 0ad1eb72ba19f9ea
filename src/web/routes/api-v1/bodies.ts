// Request bodies of the write API: the routes parse with these, and the OpenAPI document shows them.
import { z } from 'zod';
import { KINDS, SEVERITIES, STATUSES, TEXT_MAX, TITLE_MAX } from '../../../domain/index.ts';

/** Named request bodies, for the OpenAPI document's components (generated from their input side). */
export const apiRequestSchemas = z.registry<{ id: string; description?: string }>();

/** A JSON object with exactly these fields; any other field is refused by name. */
const strictBody = <S extends z.ZodRawShape>(shape: S) =>
  z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `use ${Object.keys(shape).join(', ')}` : undefined),
  });

/** A PATCH body: only the fields sent change, and sending none is a mistake worth naming. */
const patchBody = <S extends z.ZodRawShape>(shape: S) =>
  strictBody(shape).refine((body) => Object.values(body).some((value) => value !== undefined), {
    error: `send at least one of ${Object.keys(shape).join(', ')}`,
  });

const time = z.iso
  .datetime({ offset: true, error: 'use an ISO 8601 time such as 2026-03-02T10:00:00Z' })
  .transform((text) => new Date(text));

const slackUserId = z
  .string({ error: 'use a Slack user id such as U0123ABCD' })
  .regex(/^[UW][A-Z0-9]{2,}$/, { error: 'use a Slack user id such as U0123ABCD' });

const text = (what: string, max: number) =>
  z
    .string({ error: `write the ${what} as a string` })
    .trim()
    .min(1, { error: `write the ${what}` })
    .max(max, { error: `keep the ${what} to ${max} characters` });

const optionalText = (what: string) =>
  z
    .string({ error: `write the ${what} as a string, or null to clear it` })
    .trim()
    .max(TEXT_MAX, { error: `keep the ${what} to ${TEXT_MAX} characters` })
    .nullable();

export const IncidentPatchBody = patchBody({
  title: text('title', TITLE_MAX).optional(),
  summary: optionalText('summary').optional().describe('Slack mrkdwn; null or blank clears it'),
  impact: optionalText('impact').optional().describe('Slack mrkdwn; null or blank clears it'),
  // Once set, a severity is only ever replaced (as in Slack): "unknown" is never a better answer.
  severity: z
    .enum(SEVERITIES, { error: `use one of ${SEVERITIES.join(', ')} (a severity cannot be cleared once set)` })
    .optional(),
  lead: slackUserId.nullable().optional().describe('Slack user id of the new lead; null removes the lead'),
  kind: z.enum(KINDS, { error: `use ${KINDS.join(' or ')}` }).optional(),
  status: z
    .enum(STATUSES, { error: `use one of ${STATUSES.join(', ')}` })
    .optional()
    .describe('resolved resolves (409 if it already is); an open status on a resolved incident reopens it'),
}).register(apiRequestSchemas, { id: 'IncidentPatch', description: 'Fields to change; the rest stay as they are' });

export const NewTimelineEntryBody = strictBody({
  text: text('entry', TEXT_MAX).describe('What happened, as Slack mrkdwn'),
  occurredAt: time.optional().describe('When it happened; defaults to now'),
}).register(apiRequestSchemas, { id: 'NewTimelineEntry' });

export const TimelineEntryPatchBody = patchBody({
  text: text('entry', TEXT_MAX).optional().describe('Only manual entries can be reworded (409 otherwise)'),
  occurredAt: time.optional().describe('Only manual entries can be moved (409 otherwise)'),
  hidden: z.boolean({ error: 'use true or false' }).optional().describe('Hide or show the entry; any entry'),
}).register(apiRequestSchemas, { id: 'TimelineEntryPatch' });

export const NewActionBody = strictBody({
  text: text('action', TEXT_MAX).describe('What needs doing'),
  owner: slackUserId.nullable().optional().describe('Slack user id of whoever will do it'),
  dueAt: time.nullable().optional(),
}).register(apiRequestSchemas, { id: 'NewAction' });

export const ActionPatchBody = patchBody({
  text: text('action', TEXT_MAX).optional(),
  owner: slackUserId.nullable().optional().describe('Slack user id; null leaves it unassigned'),
  done: z.boolean({ error: 'use true or false' }).optional(),
  dueAt: time.nullable().optional().describe('null removes the due date'),
}).register(apiRequestSchemas, { id: 'ActionPatch' });
