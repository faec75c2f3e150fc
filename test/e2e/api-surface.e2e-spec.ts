import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApi, type TestApi } from '../setup/api.js';

/** Properties every route must have, checked against the OpenAPI document itself. */
describe('API surface', () => {
  let api: TestApi;
  let document: { paths: Record<string, Record<string, { security?: unknown[] }>> };
  const publicRoutes = new Set([
    'get /health',
    'post /api/auth/login',
    'post /api/auth/refresh',
    'get /api/public/surveys/{token}',
    'post /api/public/surveys/{token}/responses',
  ]);

  beforeAll(async () => {
    api = await startApi({ demo: false });
    document = (await api.http().get('/api/docs-json').expect(200)).body;
  });
  afterAll(async () => {
    await api.close();
  });

  it('documents the routes with schemas', () => {
    expect(Object.keys(document.paths).length).toBeGreaterThan(10);
    expect(document.paths['/api/units']?.post).toBeDefined();
  });

  it('serves the typed document `npm run openapi` wrote, not one without the response types', () => {
    expect(document).toEqual(JSON.parse(readFileSync('apps/api/src/openapi/openapi.json', 'utf8')));
    expect(document.paths['/api/plans/{id}/structure']?.get).toMatchObject({
      responses: {
        200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/PlanStructure' } } } },
      },
    });
  });

  it('refuses every non-public route without a token', async () => {
    const uuid = '00000000-0000-4000-8000-000000000000';
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const method of Object.keys(methods)) {
        if (publicRoutes.has(`${method} ${path}`)) continue;
        const concrete = path.replace(/\{year\}/g, '2023').replace(/\{[^}]+\}/g, uuid);
        const res = await (api.http() as unknown as Record<string, (p: string) => Promise<{ status: number }>>)[
          method
        ]!(concrete);
        expect(`${method} ${path} → ${res.status}`).toBe(`${method} ${path} → 401`);
      }
    }
  });

  it('reports health of the database and Redis', async () => {
    const res = await api.http().get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up', redis: 'up' });
  });

  it('sets security headers and a request id', async () => {
    const res = await api.http().get('/health').set('X-Request-Id', 'trace-123');
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('answers unknown routes with the shared error shape', async () => {
    const res = await api.http().get('/api/nothing-here').expect(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: '接口不存在', details: [] });
  });
});
