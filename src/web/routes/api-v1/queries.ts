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
      .describe('Searches title and summary'),
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

export const IncidentIdParams = z.object({
  id: z.coerce
    .number({ error: 'use an incident number' })
    .int({ error: 'use an incident number' })
    .positive({ error: 'use an incident number' })
    .max(2_147_483_647, { error: 'no incident has a number that large' }),
});

export const TimelineQuery = z.strictObject({
  hidden: z
    .enum(['include', 'exclude'], { error: 'use include or exclude' })
    .optional()
    .describe('include: also list hidden entries'),
});
