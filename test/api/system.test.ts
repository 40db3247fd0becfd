import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { makeDeps } from '../../src/usecases/deps.js';
import type { Database } from '../../src/store/db.js';
import { buildAgent, TEST_PASSWORD, type BuiltAgent } from '../support/factories.js';
import { testConfig, testDatabase } from '../support/harness.js';

let db: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
let admin: BuiltAgent;
const lines: string[] = [];

beforeAll(async () => {
  db = await testDatabase();
  const deps = makeDeps(db);
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  app = await buildApp({ deps, config: testConfig({ LOG_LEVEL: 'info' }), logStream: stream });
  await app.ready();
  admin = await buildAgent(deps, { role: 'admin', email: 'admin@relais.test' });
});
afterAll(async () => {
  await app.close();
  await db.close();
});

describe('system routes', () => {
  it('answers /health without authentication', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', engine: db.engine });
  });

  it('exposes Prometheus metrics including request counts', async () => {
    await app.inject({ method: 'GET', url: '/health' });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.body).toMatch(/relais_http_requests_total\{method="GET",route="\/health",status="200"\} \d+/);
    expect(res.body).toContain('relais_process_cpu_seconds_total');
    expect(res.body).toContain('relais_email_messages{direction="inbound",state="pending"} 0');
    expect(res.body).toContain('relais_email_messages{direction="outbound",state="queued"} 0');
  });

  it('publishes an OpenAPI 3.1 document generated from the validation schemas, and a docs page', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    const create = doc.paths['/api/v1/tickets'].post;
    expect(create.requestBody.content['application/json'].schema.properties.subject).toBeDefined();
    expect(create.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    expect(doc.paths['/api/v1/tickets/{id}'].get).toBeDefined();
    const docs = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
  });

  it('writes JSON logs with request ids and never a password, cookie or token', async () => {
    const login = await app.inject({
      method: 'POST', url: '/api/v1/auth/login', headers: { 'x-request-id': 'req-abc-123' },
      payload: { email: 'admin@relais.test', password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    expect(login.headers['x-request-id']).toBe('req-abc-123');
    const cookie = String(login.headers['set-cookie']);
    const session = /relais_session=([^;]+)/.exec(cookie)![1]!;
    await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `relais_session=${session}` } });
    await app.inject({ method: 'GET', url: '/api/v1/tickets', headers: { authorization: `Bearer ${admin.token}` } });
    await new Promise((r) => setTimeout(r, 50));
    const parsed = lines.map((l) => JSON.parse(l) as { reqId?: string });
    expect(parsed.some((l) => l.reqId === 'req-abc-123')).toBe(true);
    const all = lines.join('\n');
    expect(all).not.toContain(TEST_PASSWORD);
    expect(all).not.toContain(session);
    expect(all).not.toContain(admin.token);
  });

  it('answers unknown routes with the error shape', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });
});
