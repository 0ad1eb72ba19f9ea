// zod at the boundary: a request that does not fit its schema gets a 400 naming the parameter or field.
import express, { type Request, type RequestHandler } from 'express';
import type { z } from 'zod';
import { HttpProblem } from './problem.ts';

const firstProblem = (error: z.ZodError, whole: string): HttpProblem => {
  const issue = error.issues[0];
  // Name the parameter as the client sent it: `status`, not `status.0` for the first list item.
  const unknown = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const parameter = unknown ?? (issue?.path[0] === undefined ? whole : String(issue.path[0]));
  return new HttpProblem(400, 'parameter_invalid', `${parameter}: ${issue?.message ?? 'invalid'}`, parameter);
};

/** Parses `req.query` with the schema or throws a 400 problem naming the first bad parameter. */
export const parseQuery = <S extends z.ZodType>(schema: S, req: Request): z.infer<S> => {
  const result = schema.safeParse(req.query);
  if (!result.success) throw firstProblem(result.error, 'request');
  return result.data;
};

/** Parses `req.params` with the schema or throws a 400 problem naming the bad path parameter. */
export const parseParams = <S extends z.ZodType>(schema: S, req: Request): z.infer<S> => {
  const result = schema.safeParse(req.params);
  if (!result.success) throw firstProblem(result.error, 'request');
  return result.data;
};

/**
 * Parses the JSON body (read by `jsonBody`) or throws a 400 problem naming the first bad field;
 * unknown fields are all named in the detail, so one round trip fixes them.
 */
export const parseBody = <S extends z.ZodType>(schema: S, req: Request): z.infer<S> => {
  // No body at all reads as an empty object, so the schema can say which fields are missing.
  const result = schema.safeParse(req.body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    const [first = 'body'] = issue.keys;
    const fields = issue.keys.length === 1 ? 'unknown field' : 'unknown fields';
    throw new HttpProblem(400, 'parameter_invalid', `${issue.keys.join(', ')}: ${fields}; ${issue.message}`, first);
  }
  throw firstProblem(result.error, 'body');
};

const isJson = (contentType: string | undefined): boolean => {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(type);
};

const readJson = express.json({ type: (req) => isJson(req.headers['content-type']), limit: '256kb' });

const bodyProblem = (error: unknown): unknown => {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.parse.failed') {
    return new HttpProblem(400, 'body_invalid', 'body: not valid JSON.', 'body');
  }
  if (type === 'entity.too.large') {
    return new HttpProblem(413, 'body_too_large', 'body: keep the request body under 256 kB.', 'body');
  }
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return new HttpProblem(415, 'media_type_unsupported', 'body: send UTF-8 JSON without content encoding.', 'body');
  }
  return error;
};

/**
 * Reads a JSON request body into `req.body`. Anything but JSON is 415, an oversized body 413 and
 * broken JSON 400, each as problem+json, before the handler runs.
 */
export const jsonBody: RequestHandler = (req, res, next) => {
  if (!isJson(req.get('content-type'))) {
    return next(
      new HttpProblem(
        415,
        'media_type_unsupported',
        'Send the request body as JSON with "Content-Type: application/json".',
        'Content-Type',
      ),
    );
  }
  readJson(req, res, (error?: unknown) => next(error ? bodyProblem(error) : undefined));
};
