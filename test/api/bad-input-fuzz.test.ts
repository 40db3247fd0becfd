/**
 * Bad input never produces a 500: every operation in the OpenAPI document (so every new route too) receives
 * junk path parameters, query strings and bodies, as an administrator (the role that reaches the most code),
 * and must answer with a 4xx in the error shape. Deterministic: a seeded generator picks the junk.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildAgent, buildRequester, buildTicket, type BuiltAgent } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: BuiltAgent;
let ticketNumber: number;

beforeAll(async () => {
  t = await startTestApp();
  admin = await buildAgent(t.deps, { role: 'admin' });
  const r = await buildRequester(t.deps);
  ticketNumber = (await buildTicket(t.deps, admin.principal, r.id)).number;
});
afterAll(async () => t.close());

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const JUNK_PARAMS = ['x', '0', '-1', '99999999999999999999', '00000000-0000-0000-0000-000000000000', "1' OR '1'='1", '%00', 'é'.repeat(70), '#12', '1.5'];
const JUNK_VALUES: unknown[] = [
  null, true, -1, 0, 1.5, 1e308, '', ' ', 'x'.repeat(5000), '<script>alert(1)</script>', "'; DROP TABLE tickets; --",
  [], [null], [1, 'a', {}], {}, { a: { b: { c: [1] } } }, '00000000-0000-0000-0000-000000000000', '2026-13-45T99:00:00Z',
];
const JUNK_QUERIES = [
  'limit=-5', 'limit=abc', 'limit=100000', 'cursor=%%%', 'cursor=eyJ4IjoxfQ', 'sort=-nope', 'status=open,nope', 'q=' + 'a'.repeat(600),
  'q=%22%22%22', 'q=!!!%26%26||', 'team=nope', 'assignee=me&assignee=none', 'unknown=1', 'tag=', 'priority=P9', 'before=zz',
];

it('answers junk on every documented operation with a 4xx in the error shape, never a 500', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
    paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }>>;
  };
  const rnd = prng(20260302);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const failures: string[] = [];
  let calls = 0;
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1/') || path.startsWith('/api/v1/auth/logout')) continue;
    for (const [method, op] of Object.entries(ops)) {
      const fields = Object.keys(op.requestBody?.content?.['application/json']?.schema?.properties ?? {});
      for (let i = 0; i < 12; i++) {
        // Half the calls keep a real ticket number in the path, so that bodies reach the use cases.
        const url = path.replace(/\{[^}]+\}/g, (m) => (m === '{id}' && i % 2 === 0 ? String(ticketNumber) : encodeURIComponent(pick(JUNK_PARAMS))));
        const query = i % 3 === 0 ? `?${pick(JUNK_QUERIES)}` : '';
        let payload: string | undefined;
        if (method !== 'get' && method !== 'delete') {
          const body: Record<string, unknown> = {};
          for (const f of fields) if (rnd() < 0.7) body[f] = pick(JUNK_VALUES);
          payload = i === 11 ? '{"truncated": ' : i === 10 ? JSON.stringify(pick(JUNK_VALUES)) : JSON.stringify(body);
        }
        const res = await t.app.inject({
          method: method.toUpperCase() as 'GET',
          url: `${url}${query}`,
          headers: { authorization: `Bearer ${admin.token}`, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
          ...(payload !== undefined ? { payload } : {}),
        });
        calls++;
        const label = `${method.toUpperCase()} ${url}${query} ${payload?.slice(0, 120) ?? ''}`;
        if (res.statusCode >= 500) failures.push(`${res.statusCode} ${label}: ${res.body.slice(0, 200)}`);
        else if (res.statusCode >= 400 && typeof res.json().error?.code !== 'string') failures.push(`no error shape: ${label}`);
      }
    }
  }
  expect(calls).toBeGreaterThan(300);
  expect(failures).toEqual([]);
});
