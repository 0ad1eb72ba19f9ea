// zod at the boundary: a request that does not fit its schema gets a 400 naming the parameter.
import type { Request } from 'express';
import type { z } from 'zod';
import { HttpProblem } from './problem.ts';

const firstProblem = (error: z.ZodError): HttpProblem => {
  const issue = error.issues[0];
  const parameter = issue?.path.map(String).join('.') || 'request';
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
