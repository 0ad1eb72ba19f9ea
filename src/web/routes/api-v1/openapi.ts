// The OpenAPI 3.1 document, generated from the same zod schemas that parse requests and type responses.
import { Router } from 'express';
import { z } from 'zod';
import { apiSchemas } from '../../presenters/schemas.ts';
import { IncidentIdParams, IncidentListQuery, TimelineQuery } from './queries.ts';

type JsonSchema = Record<string, unknown>;

const ref = (id: string): JsonSchema => ({ $ref: `#/components/schemas/${id}` });

const componentSchemas = (): Record<string, JsonSchema> => {
  const { schemas } = z.toJSONSchema(apiSchemas, {
    target: 'draft-2020-12',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, JsonSchema> };
  // Components are embedded in the document, so each one's own $schema/$id would only mislead tools.
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]));
};

/** Query or path parameters from a zod object; list parameters are documented as comma-separated strings. */
const parameters = (where: 'query' | 'path', shape: Record<string, z.ZodType>): JsonSchema[] =>
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

const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      String(status),
      { description: PROBLEM_TEXT[status], content: { 'application/problem+json': { schema: ref('Problem') } } },
    ]),
  );

const PROBLEM_TEXT: Record<number, string> = {
  400: 'A parameter is invalid; `parameter` names it',
  401: 'No valid bearer token',
  404: 'No such incident',
};

const ok = (id: string, description: string) => ({
  '200': { description, content: { 'application/json': { schema: ref(id) } } },
});

/** Builds the document for a deployment at `publicUrl`. */
export const openApiDocument = (publicUrl: string, version: string): JsonSchema => {
  const idParam = parameters('path', IncidentIdParams.shape);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Incident Bot API',
      version,
      description: 'Read incidents, their timelines and follow-up actions. Errors are RFC 9457 problem details.',
    },
    servers: [{ url: `${publicUrl}/api/v1` }],
    security: [{ bearerToken: [] }],
    paths: {
      '/incidents': {
        get: {
          operationId: 'listIncidents',
          summary: 'List incidents, newest first',
          parameters: parameters('query', IncidentListQuery.shape),
          responses: { ...ok('IncidentList', 'One page of incidents'), ...problems(400, 401) },
        },
      },
      '/incidents/{id}': {
        get: {
          operationId: 'getIncident',
          summary: 'One incident',
          parameters: idParam,
          responses: { ...ok('Incident', 'The incident'), ...problems(400, 401, 404) },
        },
      },
      '/incidents/{id}/timeline': {
        get: {
          operationId: 'getTimeline',
          summary: "An incident's timeline, oldest first",
          parameters: [...idParam, ...parameters('query', TimelineQuery.shape)],
          responses: { ...ok('TimelineList', 'The timeline'), ...problems(400, 401, 404) },
        },
      },
      '/incidents/{id}/actions': {
        get: {
          operationId: 'getActions',
          summary: "An incident's follow-up actions",
          parameters: idParam,
          responses: { ...ok('ActionList', 'The actions'), ...problems(400, 401, 404) },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'getOpenApi',
          summary: 'This document',
          responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': {} } } },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'Create with `incident-bot token create --name NAME`',
        },
      },
      schemas: componentSchemas(),
    },
  };
};

/** GET /openapi.json; built once, it never changes while the process runs. */
export const openApiRoutes = (publicUrl: string, version: string): Router => {
  const document = openApiDocument(publicUrl, version);
  return Router().get('/openapi.json', (_req, res) => {
    res.json(document);
  });
};
