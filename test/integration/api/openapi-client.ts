// An API client for tests that checks every response against the OpenAPI document the service
// serves: the path and method must be documented, the status listed, the content type the one
// documented, the body valid against the documented schema, and a 201's Location header present.
import assert from 'node:assert/strict';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { TestService } from '../../support/test-service.ts';

type Json = Record<string, unknown>;
type Operation = { responses: Record<string, { content?: Record<string, { schema?: Json }>; headers?: Json }> };

/** What a checked call returns. */
export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/** Request options beyond method and path. */
export interface CallOptions {
  /** A JSON body (serialised), or raw text sent as is. */
  readonly body?: unknown;
  readonly raw?: string;
  readonly contentType?: string | null;
  /** The bearer token; null sends none. */
  readonly token?: string | null;
}

const documentedPath = (paths: Record<string, unknown>, path: string): string => {
  const segments = path.split('?')[0]!.split('/');
  const candidates = Object.keys(paths).filter((template) => {
    const parts = template.split('/');
    return parts.length === segments.length && parts.every((p, i) => p.startsWith('{') || p === segments[i]);
  });
  // A literal segment beats a parameter: /incidents/{id} never shadows a fixed path of the same length.
  candidates.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
  assert.ok(candidates[0], `${path} is not in the OpenAPI document`);
  return candidates[0];
};

/** Fetches the served document and returns a client that validates against it. */
export const openApiClient = async (svc: Pick<TestService, 'baseUrl' | 'token'>) => {
  const docResponse = await fetch(`${svc.baseUrl}/api/v1/openapi.json`, {
    headers: { authorization: `Bearer ${svc.token}` },
  });
  const document = (await docResponse.json()) as { paths: Record<string, Record<string, Operation>> } & Json;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i);
  ajv.addSchema({ ...document, $id: 'openapi.json' });

  const call = async <T = unknown>(
    method: string,
    path: string,
    options: CallOptions = {},
  ): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = {};
    const token = options.token === undefined ? svc.token : options.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    const contentType =
      options.contentType === undefined && body !== undefined ? 'application/json' : options.contentType;
    if (contentType) headers['content-type'] = contentType;
    const response = await fetch(`${svc.baseUrl}/api/v1${path}`, { method, headers, body });
    const text = await response.text();

    const template = documentedPath(document.paths, path);
    const operation = document.paths[template]?.[method.toLowerCase()];
    assert.ok(operation, `${method} ${template} is not in the OpenAPI document`);
    const documented = operation.responses[String(response.status)];
    assert.ok(documented, `${method} ${template} answered ${response.status}, which is not documented: ${text}`);
    const type = response.headers.get('content-type')?.split(';')[0] ?? '';
    const content = documented.content?.[type];
    assert.ok(
      content,
      `${method} ${template} ${response.status} sent ${type}, documented: ${Object.keys(documented.content ?? {})}`,
    );
    const parsed = text ? (JSON.parse(text) as T) : (undefined as T);
    const ref = content.schema?.$ref;
    if (typeof ref === 'string') {
      const valid = ajv.validate({ $ref: `openapi.json${ref}` }, parsed);
      assert.ok(valid, `${method} ${template} ${response.status} does not match ${ref}: ${ajv.errorsText(ajv.errors)}`);
    }
    for (const header of Object.keys(documented.headers ?? {})) {
      assert.ok(response.headers.get(header), `${method} ${template} ${response.status} lacks the ${header} header`);
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };

  return {
    document,
    call,
    get: <T = unknown>(path: string, options?: CallOptions) => call<T>('GET', path, options),
    post: <T = unknown>(path: string, body?: unknown, options?: CallOptions) =>
      call<T>('POST', path, { body, ...options }),
    patch: <T = unknown>(path: string, body?: unknown, options?: CallOptions) =>
      call<T>('PATCH', path, { body, ...options }),
    delete: <T = unknown>(path: string, options?: CallOptions) => call<T>('DELETE', path, options),
  };
};

/** The problem document of an error response, checked to be one. */
export const problemOf = (response: ApiResponse) => {
  assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  return response.body as {
    type: string;
    title: string;
    status: number;
    detail: string;
    code?: string;
    parameter?: string;
  };
};
