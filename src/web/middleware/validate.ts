// zod at the boundary: a request that does not fit its schema gets a 400 naming the parameter.
import type { Request } from 'express';
import type { z } from 'zod';
import { HttpProblem } from './problem.ts';

const firstProblem = (error: z.ZodError): HttpProblem => {
  const issue = error.issues[0];
  // Name the parameter as the client sent it: `status`, not `status.0` for the first list item.
  const unknown = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const parameter = unknown ?? (issue?.path[0] === undefined ? 'request' : String(issue.path[0]));
  return new HttpProblem(400, 'parameter_invalid', `${parameter}: ${issue?.message ?? 'invalid'}`, parameter);
};

/** Parses `req.query` with the schema or throws a 400 problem naming the first bad parameter. */
export const parseQuery = <S extends z.ZodType>(schema: S, req: Request): z.infer<S> => {
  const result = schema.safeParse(req.query);
  if (!result.success) throw firstProblem(result.error);
  return result.data;
};

/** Parses `req.params` with the schema or throws a 400 problem naming the bad path parameter. */
export const parseParams = <S extends z.ZodType>(schema: S, req: Request): z.infer<S> => {
  const result = schema.safeParse(req.params);
  if (!result.success) throw firstProblem(result.error);
  return result.data;
};
