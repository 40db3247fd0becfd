import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildRequester, buildTicket, signIn, type BuiltAgent } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent: BuiltAgent;
let requester: { id: string; email: string };

beforeAll(async () => {
  t = await startTestApp();
  agent = await buildAgent(t.deps, { role: 'manager' });
  requester = await buildRequester(t.deps);
});
afterAll(async () => t.close());

const post = (url: string, payload: object, headers: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: `/api/v1${url}`, payload, headers });
const bearer = (key?: string) => ({ authorization: `Bearer ${agent.token}`, ...(key ? { 'idempotency-key': key } : {}) });
const timelineKinds = async (ticketId: string) =>
  ((await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticketId}/timeline`, headers: bearer() })).json().data as Array<{ kind: string }>)
    .map((e) => e.kind);

describe('Idempotency-Key on replies and notes', () => {
  it('never posts a retried reply twice, even when the retries race', async () => {
    const ticket = await buildTicket(t.deps, agent.principal, requester.id);
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => post(`/tickets/${ticket.id}/replies`, { body: 'Bonjour, redémarrez le poste.' }, bearer('r-1'))));
    expect([a, b, c].map((r) => r!.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set([a, b, c].map((r) => r!.json().entry.id)).size).toBe(1);
    expect((await timelineKinds(ticket.id)).filter((k) => k === 'ticket.replied')).toHaveLength(1);
  });

  it('answers a retry with the first result even after the ticket moved on', async () => {
    const ticket = await buildTicket(t.deps, agent.principal, requester.id);
    const first = await post(`/tickets/${ticket.id}/replies`, { body: 'Résolu après mise à jour du pilote.' }, bearer('r-2'));
    expect(first.statusCode).toBe(201);
    for (const status of ['resolved', 'closed']) {
      expect((await post(`/tickets/${ticket.id}/status`, { status }, bearer())).statusCode).toBe(200);
    }
    const retry = await post(`/tickets/${ticket.id}/replies`, { body: 'Résolu après mise à jour du pilote.' }, bearer('r-2'));
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().entry.id).toBe(first.json().entry.id);
    expect(retry.json().ticket.status).toBe('closed');
  });

  it('refuses the same key for another body or another ticket', async () => {
    const one = await buildTicket(t.deps, agent.principal, requester.id);
    const two = await buildTicket(t.deps, agent.principal, requester.id);
    expect((await post(`/tickets/${one.id}/notes`, { body: 'Vérifier le switch.' }, bearer('n-1'))).statusCode).toBe(201);
    expect((await post(`/tickets/${one.id}/notes`, { body: 'Vérifier le switch.' }, bearer('n-1'))).statusCode).toBe(200);
    const otherBody = await post(`/tickets/${one.id}/notes`, { body: 'Autre chose' }, bearer('n-1'));
    expect(otherBody.statusCode).toBe(422);
    const otherTicket = await post(`/tickets/${two.id}/notes`, { body: 'Vérifier le switch.' }, bearer('n-1'));
    expect(otherTicket.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await timelineKinds(one.id)).filter((k) => k === 'ticket.noted')).toHaveLength(1);
  });

  it('keeps keys per caller: a requester reusing a key does not see the agent’s reply', async () => {
    const ticket = await buildTicket(t.deps, agent.principal, requester.id);
    expect((await post(`/tickets/${ticket.id}/replies`, { body: 'Merci' }, bearer('shared'))).statusCode).toBe(201);
    const session = await signIn(t.app, requester.email);
    const mine = await post(`/tickets/${ticket.id}/replies`, { body: 'Merci' }, { ...session, 'idempotency-key': 'shared' });
    expect(mine.statusCode).toBe(201);
    expect(mine.json().entry.actor.kind).toBe('requester');
  });
});
