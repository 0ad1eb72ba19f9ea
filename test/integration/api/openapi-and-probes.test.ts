import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startTestService, type TestService } from '../../support/test-service.ts';

describe('OpenAPI document and probes', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService();
  });
  after(() => svc.stop());

  it('serves an OpenAPI 3.1 document that validates, behind the token like the rest of the API', async () => {
    assert.equal((await svc.get('/api/v1/openapi.json', null)).status, 401);
    const response = await svc.get('/api/v1/openapi.json');
    assert.equal(response.status, 200);
    const document = (await response.json()) as Record<string, unknown>;
    const validator = new Validator();
    const result = await validator.validate(document);
    assert.equal(validator.version, '3.1');
    assert.deepEqual(result.errors ?? [], [], JSON.stringify(result.errors, null, 2));
    assert.equal(result.valid, true);
  });

  it('documents every read path, its parameters, and the shapes from the zod schemas', async () => {
    const document = (await (await svc.get('/api/v1/openapi.json')).json()) as {
      paths: Record<string, { get: { parameters?: { name: string; in: string }[] } }>;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
      servers: { url: string }[];
    };
    assert.deepEqual(Object.keys(document.paths).sort(), [
      '/events',
      '/incidents',
      '/incidents/{id}',
      '/incidents/{id}/actions',
      '/incidents/{id}/actions/{actionId}',
      '/incidents/{id}/timeline',
      '/incidents/{id}/timeline/{entryId}',
      '/openapi.json',
    ]);
    assert.deepEqual(
      document.paths['/incidents']?.get.parameters?.map((p) => p.name),
      ['status', 'severity', 'kind', 'q', 'limit', 'cursor'],
    );
    assert.deepEqual(document.components.schemas.Incident?.required?.sort(), [
      'channel',
      'id',
      'impact',
      'kind',
      'lead',
      'reportedAt',
      'reporter',
      'resolvedAt',
      'severity',
      'startedAt',
      'status',
      'summary',
      'title',
      'url',
    ]);
    for (const name of ['User', 'TimelineEntry', 'Action', 'IncidentList', 'Problem']) {
      assert.ok(document.components.schemas[name], `components.schemas.${name}`);
    }
    assert.equal(document.servers[0]?.url, 'http://incidents.test/api/v1');
  });

  it('answers /healthz and /readyz without a token', async () => {
    const health = await fetch(`${svc.baseUrl}/healthz`);
    assert.equal(health.status, 200);
    const ready = await fetch(`${svc.baseUrl}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: 'ready' });
  });

  it('exposes process metrics and request counts by route pattern, never by raw id', async () => {
    await svc.get('/api/v1/incidents/12345');
    await svc.get('/api/v1/incidents', null);
    const text = await (await fetch(`${svc.baseUrl}/metrics`)).text();
    assert.match(text, /^process_cpu_seconds_total /m);
    assert.match(text, /^http_requests_total\{method="GET",route="\/api\/v1\/incidents\/:id",status="404"\} 1$/m);
    assert.match(text, /^http_requests_total\{method="GET",route="\/api\/v1\/\*",status="401"\} \d+$/m);
    assert.match(text, /^http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/readyz"\}/m);
    assert.doesNotMatch(text, /12345/);
  });

  it("returns the caller's request id, or makes one", async () => {
    const given = await fetch(`${svc.baseUrl}/healthz`, { headers: { 'x-request-id': 'trace-abc.123' } });
    assert.equal(given.headers.get('x-request-id'), 'trace-abc.123');
    const made = await fetch(`${svc.baseUrl}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    assert.match(made.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });
});

describe('readiness before migrations', () => {
  it('/readyz is 503 until the database is migrated', async () => {
    const { openTestDatabase } = await import('../../support/database.ts');
    const db = await openTestDatabase({ migrate: false });
    try {
      assert.equal(await db.isReady(), false);
      await db.migrate();
      assert.equal(await db.isReady(), true);
    } finally {
      await db.dispose();
    }
  });
});
