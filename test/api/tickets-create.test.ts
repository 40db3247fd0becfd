import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildRequester, buildTeam, type BuiltAgent } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: BuiltAgent;
let requesterId: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await buildAgent(t.deps, { role: 'admin' });
  requesterId = (await buildRequester(t.deps)).id;
});
afterAll(async () => t.close());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/tickets',
    headers: { authorization: `Bearer ${admin.token}`, ...headers },
    payload: body as object,
  });

describe('POST /api/v1/tickets', () => {
  it('creates a ticket with a number, a priority from the matrix and a creation event', async () => {
    const res = await post({ subject: 'Imprimante HP bloquée', requester_id: requesterId, urgency: 1, impact: 2, channel: 'phone', tags: ['Printing'] });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ status: 'new', priority: 'P2', channel: 'phone', tags: ['printing'], tier: 'L1' });
    expect(body.number).toBeGreaterThanOrEqual(1000);
    const again = await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${body.number}`, headers: { authorization: `Bearer ${admin.token}` } });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(body.id);
  });

  it('finds or creates the requester by email', async () => {
    const res = await post({ subject: 'VPN', requester_email: 'Nouvelle.Personne@Client.test', requester_name: 'Nouvelle Personne' });
    expect(res.statusCode).toBe(201);
    const second = await post({ subject: 'VPN encore', requester_email: 'nouvelle.personne@client.test' });
    expect(second.json().requester_id).toBe(res.json().requester_id);
  });

  it('never makes a second ticket for a retried Idempotency-Key', async () => {
    const body = { subject: 'Écran noir', requester_id: requesterId };
    const first = await post(body, { 'idempotency-key': 'k-1' });
    const retry = await post(body, { 'idempotency-key': 'k-1' });
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(first.json().id);
    const concurrent = await Promise.all([1, 2, 3, 4].map(() => post(body, { 'idempotency-key': 'k-2' })));
    expect(new Set(concurrent.map((r) => r.json().id)).size).toBe(1);
    const reused = await post({ ...body, subject: 'Autre chose' }, { 'idempotency-key': 'k-1' });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('rejects bad input with field details, never a 500', async () => {
    const cases: Array<[unknown, string]> = [
      [{ requester_id: requesterId }, 'VALIDATION_FAILED'],
      [{ subject: 42, requester_id: requesterId }, 'VALIDATION_FAILED'],
      [{ subject: 'x', requester_id: requesterId, colour: 'red' }, 'VALIDATION_FAILED'],
      [{ subject: 'x', requester_id: requesterId, urgency: 7 }, 'VALIDATION_FAILED'],
      [{ subject: 'x', requester_id: 'not-a-uuid' }, 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of cases) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.details.length).toBeGreaterThan(0);
    }
    const unknown = await post({ subject: 'x', requester_id: '0190a3c2-0000-7000-8000-000000000000' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('REQUESTER_NOT_FOUND');
    const team = await buildTeam(t.deps);
    const ok = await post({ subject: 'x', requester_id: requesterId, team_id: team.id });
    expect(ok.statusCode).toBe(201);
    const outsider = await buildAgent(t.deps);
    const wrongTeam = await post({ subject: 'x', requester_id: requesterId, team_id: team.id, assignee_id: outsider.agent.id });
    expect(wrongTeam.statusCode).toBe(409);
    expect(wrongTeam.json().error.code).toBe('INVALID_ASSIGNMENT');
    const member = await buildAgent(t.deps, { teamIds: [team.id] });
    const assigned = await post({ subject: 'x', requester_id: requesterId, team_id: team.id, assignee_id: member.agent.id });
    expect(assigned.statusCode).toBe(201);
    expect(assigned.json().assignee_id).toBe(member.agent.id);
  });

  it('answers malformed JSON and oversize bodies with the error shape', async () => {
    const malformed = await t.app.inject({
      method: 'POST', url: '/api/v1/tickets',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      payload: '{"subject": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('INVALID_JSON');
    const huge = await post({ subject: 'x', requester_id: requesterId, description: 'a'.repeat(2 * 1024 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('requires authentication', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', payload: { subject: 'x' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });
});
