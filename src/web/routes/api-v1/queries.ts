// Request shapes of the read API: the routes parse with these, and the OpenAPI document lists them.
import { z } from 'zod';
import { KINDS, SEVERITIES, STATUSES } from '../../../domain/index.ts';
import { MAX_PAGE_SIZE } from '../../../usecases/index.ts';
import { decodeCursor } from './cursor.ts';

/** `a,b` or `?x=a&x=b`: both mean a list. */
const listOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (input) => (Array.isArray(input) ? input : String(input).split(',')).map((v) => String(v).trim()).filter(Boolean),
    z.array(z.enum(values), { error: `use one or more of ${values.join(', ')}, comma-separated` }),
  );

export const IncidentListQuery = z.strictObject(
  {
    status: listOf(STATUSES)
      .optional()
      .describe(`Comma-separated: ${STATUSES.join(', ')}`),
    severity: listOf(SEVERITIES)
      .optional()
      .describe(`Comma-separated: ${SEVERITIES.join(', ')}`),
    kind: z.enum(KINDS, { error: `use ${KINDS.join(' or ')}` }).optional(),
    q: z
      .string()
      .trim()
      .max(200, { error: 'keep the search to 200 characters' })
      .optional()
      .describe(
        'Full-text search over title, summary and visible timeline entries: words (any order, all in one ' +
          'of those texts), "a phrase", or, -word (excludes the incident); the last word also matches as a prefix',
      ),
    limit: z.coerce
      .number({ error: 'use a whole number' })
      .int({ error: 'use a whole number' })
      .min(1, { error: 'use at least 1' })
      .max(MAX_PAGE_SIZE, { error: `use at most ${MAX_PAGE_SIZE}` })
      .optional(),
    // Decoded here, once: the handler receives the position, not the text.
    cursor: z
      .string()
      .transform((text, ctx) => {
        const cursor = decodeCursor(text);
        if (!cursor) ctx.addIssue({ code: 'custom', message: 'use the nextCursor of a previous page' });
        return cursor ?? z.NEVER;
      })
      .optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown parameter; use status, severity, kind, q, limit, cursor`
        : undefined,
  },
);

const positiveId = (what: string) =>
  z.coerce
    .number({ error: `use ${what}` })
    .int({ error: `use ${what}` })
    .positive({ error: `use ${what}` })
    .max(2_147_483_647, { error: `no ${what.replace(/^an? /, '')} is that large` });

export const IncidentIdParams = z.object({ id: positiveId('an incident number') });

export const TimelineEntryParams = z.object({
  id: positiveId('an incident number'),
  entryId: positiveId('a timeline entry id'),
});

export const ActionParams = z.object({ id: positiveId('an incident number'), actionId: positiveId('an action id') });

/** Largest page of the audit stream (listEvents clamps to this too). */
export const MAX_EVENTS_PAGE = 500;

export const EventsQuery = z.strictObject(
  {
    since: z.coerce
      .number({ error: 'use an event id, or 0 for the start' })
      .int({ error: 'use an event id, or 0 for the start' })
      .min(0, { error: 'use an event id, or 0 for the start' })
      .max(Number.MAX_SAFE_INTEGER, { error: 'no event has an id that large' })
      .default(0)
      .describe("Events after this id: 0 (the default) for the start, else the previous page's nextSince"),
    limit: z.coerce
      .number({ error: 'use a whole number' })
      .int({ error: 'use a whole number' })
      .min(1, { error: 'use at least 1' })
      .max(MAX_EVENTS_PAGE, { error: `use at most ${MAX_EVENTS_PAGE}` })
      .default(100)
      .describe('Events per page, 1–500; 100 by default'),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'unknown parameter; use since, limit' : undefined) },
);

export const TimelineQuery = z.strictObject({
  hidden: z
    .enum(['include', 'exclude'], { error: 'use include or exclude' })
    .optional()
    .describe('include: also list hidden entries'),
});
