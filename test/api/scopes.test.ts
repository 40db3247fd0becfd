import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildRequester, buildTicket, type BuiltAgent } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
let directoryOnly: BuiltAgent;
let ticketsOnly: BuiltAgent;
let ticketId: string;
let requesterId: string;

beforeAll(async () => {
  t = await startTestApp();
  directoryOnly = await buildAgent(t.deps, { role: 'admin', scopes: ['directory:read'] });
  ticketsOnly = await buildAgent(t.deps, { role: 'admin', scopes: ['tickets:read'] });
  requesterId = (await buildRequester(t.deps)).id;
  ticketId = (await buildTicket(t.deps, directoryOnly.principal, requesterId)).id;
});
afterAll(async () => t.close());

const call = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

describe('token scopes', () => {
  it('keeps a directory-only token out of every ticket route', async () => {
    for (const url of ['/api/v1/tickets', `/api/v1/tickets/${ticketId}`, `/api/v1/tickets/${ticketId}/timeline`, `/api/v1/tickets/${ticketId}/links`]) {
      const res = await call(directoryOnly.token, 'GET', url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    expect((await call(directoryOnly.token, 'GET', `/api/v1/requesters/${requesterId}`)).statusCode).toBe(200);
  });

  it('keeps a tickets-read token out of the directory and out of writes', async () => {
    expect((await call(ticketsOnly.token, 'GET', `/api/v1/tickets/${ticketId}`)).statusCode).toBe(200);
    expect((await call(ticketsOnly.token, 'GET', `/api/v1/requesters/${requesterId}`)).statusCode).toBe(403);
    const write = await call(ticketsOnly.token, 'POST', `/api/v1/tickets/${ticketId}/notes`, { body: 'x' });
    expect(write.statusCode).toBe(403);
  });
});

describe('authentication comes first', () => {
  it('answers an anonymous call with 401 whatever its body', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', payload: { nope: true } });
    expect(bad.statusCode).toBe(401);
    const malformed = await t.app.inject({
      method: 'POST', url: '/api/v1/tickets', headers: { 'content-type': 'application/json' }, payload: '{oops',
    });
    expect(malformed.statusCode).toBe(401);
  });
});
