// The OpenAPI 3.1 document, generated from the same zod schemas that parse requests and type responses.
import { Router } from 'express';
import { componentSchemas, type JsonSchema, ok, parameters, problems } from './openapi-parts.ts';
import { writeOperations } from './openapi-writes.ts';
import { IncidentIdParams, IncidentListQuery, TimelineQuery } from './queries.ts';

const readOperations = (): Record<string, Record<string, JsonSchema>> => {
  const idParam = parameters('path', IncidentIdParams.shape);
  return {
    '/incidents': {
      get: {
        operationId: 'listIncidents',
        summary: 'List incidents, newest first',
        parameters: parameters('query', IncidentListQuery.shape),
        responses: { ...ok('IncidentList', 'One page of incidents'), ...problems([400, 401]) },
      },
    },
    '/incidents/{id}': {
      get: {
        operationId: 'getIncident',
        summary: 'One incident',
        parameters: idParam,
        responses: { ...ok('Incident', 'The incident'), ...problems([400, 401, 404]) },
      },
    },
    '/incidents/{id}/timeline': {
      get: {
        operationId: 'getTimeline',
        summary: "An incident's timeline, oldest first",
        parameters: [...idParam, ...parameters('query', TimelineQuery.shape)],
        responses: { ...ok('TimelineList', 'The timeline'), ...problems([400, 401, 404]) },
      },
    },
    '/incidents/{id}/actions': {
      get: {
        operationId: 'getActions',
        summary: "An incident's follow-up actions",
        parameters: idParam,
        responses: { ...ok('ActionList', 'The actions'), ...problems([400, 401, 404]) },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'getOpenApi',
        summary: 'This document',
        responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': {} } } },
      },
    },
  };
};

/** Read and write operations, merged path by path. */
const paths = (): Record<string, Record<string, JsonSchema>> => {
  const merged = readOperations();
  for (const [path, operations] of Object.entries(writeOperations())) {
    merged[path] = { ...merged[path], ...operations };
  }
  return merged;
};

/** Builds the document for a deployment at `publicUrl`. */
export const openApiDocument = (publicUrl: string, version: string): JsonSchema => ({
  openapi: '3.1.0',
  info: {
    title: 'Incident Bot API',
    version,
    description:
      'Read and curate incidents, their timelines and follow-up actions, and follow the audit stream. ' +
      'Writes take JSON bodies and go through the same rules as Slack. Errors are RFC 9457 problem details.',
  },
  servers: [{ url: `${publicUrl}/api/v1` }],
  security: [{ bearerToken: [] }],
  paths: paths(),
  components: {
    securitySchemes: {
      bearerToken: {
        type: 'http',
        scheme: 'bearer',
        description: 'Create with `incident-bot token create --name NAME`; changes are recorded as made by the token',
      },
    },
    schemas: componentSchemas(),
  },
});

/** GET /openapi.json; built once, it never changes while the process runs. */
export const openApiRoutes = (publicUrl: string, version: string): Router => {
  const document = openApiDocument(publicUrl, version);
  return Router().get('/openapi.json', (_req, res) => {
    res.json(document);
  });
};
