// Building blocks of the OpenAPI document, all derived from the zod schemas the routes parse with.
import { z } from 'zod';
import { apiSchemas } from '../../presenters/schemas.ts';
import { apiRequestSchemas } from './bodies.ts';

export type JsonSchema = Record<string, unknown>;

export const ref = (id: string): JsonSchema => ({ $ref: `#/components/schemas/${id}` });

const namedSchemas = (registry: typeof apiSchemas, io: 'input' | 'output'): Record<string, JsonSchema> => {
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, JsonSchema> };
  // Components are embedded in the document, so each one's own $schema/$id would only mislead tools.
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]));
};

/** Response shapes (what the API sends) and request bodies (what it accepts, before parsing). */
export const componentSchemas = (): Record<string, JsonSchema> => ({
  ...namedSchemas(apiSchemas, 'output'),
  ...namedSchemas(apiRequestSchemas, 'input'),
});

/** Query or path parameters from a zod object; list parameters are documented as comma-separated strings. */
export const parameters = (where: 'query' | 'path', shape: Record<string, z.ZodType>): JsonSchema[] =>
  Object.entries(shape).map(([name, field]) => {
    const schema = z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    const { $schema: _s, description, ...rest } = schema;
    return {
      name,
      in: where,
      required: where === 'path' || !field.safeParse(undefined).success,
      ...(typeof (description ?? field.description) === 'string' && { description: description ?? field.description }),
      schema: Object.keys(rest).length ? rest : { type: 'string' },
    };
  });

const PROBLEM_TEXT: Record<number, string> = {
  400: 'A parameter or body field is invalid; `parameter` names it',
  401: 'No valid bearer token',
  404: 'No such incident',
  409: 'The change conflicts with the current state; `detail` says how to proceed',
  413: 'The body is larger than 256 kB',
  415: 'The body is not JSON',
};

/** Problem responses; `notFound` says what may be missing when it is more than the incident. */
export const problems = (statuses: number[], notFound = PROBLEM_TEXT[404]) =>
  Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: status === 404 ? notFound : PROBLEM_TEXT[status],
        content: { 'application/problem+json': { schema: ref('Problem') } },
      },
    ]),
  );

export const ok = (id: string, description: string) => ({
  '200': { description, content: { 'application/json': { schema: ref(id) } } },
});

export const created = (id: string, description: string) => ({
  '201': {
    description,
    headers: { Location: { description: 'Where the new resource can be read', schema: { type: 'string' } } },
    content: { 'application/json': { schema: ref(id) } },
  },
});

export const jsonRequest = (id: string) => ({
  required: true,
  content: { 'application/json': { schema: ref(id) } },
});

/** The problems every JSON-body write can answer with. */
export const WRITE_PROBLEMS = [400, 401, 404, 413, 415];
