import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildRequester, buildTeam, buildTicket, type BuiltAgent } from '../support/factories.js';
import { startTestApp, TestClock, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: BuiltAgent;
let manager: BuiltAgent;
let agent: BuiltAgent;
let team: string;
let requester: string;
const clock = new TestClock(new Date('2026-03-02T09:00:00.000Z')); // a Monday

beforeAll(async () => {
  t = await startTestApp({ clock });
  admin = await buildAgent(t.deps, { role: 'admin' });
  manager = await buildAgent(t.deps, { role: 'manager' });
  agent = await buildAgent(t.deps);
  team = (await buildTeam(t.deps, 'Réseau')).id;
  requester = (await buildRequester(t.deps)).id;
});
afterAll(async () => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const call = (method: Method, url: string, payload?: object, who: BuiltAgent = admin) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${who.token}` }, ...(payload ? { payload } : {}) });

const eventRule = (over: object = {}) => ({
  name: 'Urgent à la création',
  kind: 'event',
  active: false,
  events: ['ticket.created'],
  conditions: { all: [], any: [{ field: 'text', op: 'contains_any', value: ['urgent', 'bloqué', 'down'] }] },
  actions: [{ type: 'add_tags', tags: ['Urgent'] }, { type: 'notify', recipients: ['team_lead'], email: false }],
  ...over,
});

describe('automations API', () => {
  it('creates, reads, changes and deletes rules; managers read, only admins write; every write is audited', async () => {
    expect((await call('POST', '/automations', eventRule(), manager)).statusCode).toBe(403);
    const created = await call('POST', '/automations', eventRule());
    expect(created.statusCode).toBe(201);
    const rule = created.json();
    expect(rule).toMatchObject({
      name: 'Urgent à la création', kind: 'event', active: false, position: 1, events: ['ticket.created'], timing: null,
      conditions: { all: [], any: [{ field: 'text', op: 'contains_any', value: ['urgent', 'bloqué', 'down'] }] },
      actions: [{ type: 'add_tags', tags: ['urgent'] }, { type: 'notify', recipients: ['team_lead'], email: false }],
      created_by: admin.agent.id,
    });
    expect((await call('POST', '/automations', eventRule({ name: 'URGENT À LA CRÉATION' }))).statusCode).toBe(409);

    expect((await call('GET', `/automations/${rule.id}`, undefined, manager)).json().id).toBe(rule.id);
    expect((await call('GET', '/automations', undefined, manager)).json().data.map((a: { id: string }) => a.id)).toContain(rule.id);
    expect((await call('GET', '/automations', undefined, agent)).statusCode).toBe(403);

    const patched = await call('PATCH', `/automations/${rule.id}`, { active: true, conditions: { all: [{ field: 'team_id', op: 'is', value: team }] } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ active: true, conditions: { all: [{ field: 'team_id', op: 'is', value: team }], any: [] } });
    expect((await call('PATCH', `/automations/${rule.id}`, { active: false }, manager)).statusCode).toBe(403);

    // Turning it into a time rule drops its events; it needs a timing.
    const toTime = await call('PATCH', `/automations/${rule.id}`, { kind: 'time' });
    expect(toTime.statusCode).toBe(400);
    expect(toTime.json().error.details).toEqual([{ path: 'timing', message: expect.any(String) }]);

    expect((await call('DELETE', `/automations/${rule.id}`, undefined, manager)).statusCode).toBe(403);
    expect((await call('DELETE', `/automations/${rule.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/automations/${rule.id}`)).json().error.code).toBe('AUTOMATION_NOT_FOUND');
    const audit = await t.db.query<{ action: string }>("SELECT action FROM audit_log WHERE target_id = $1 ORDER BY seq", [rule.id]);
    expect(audit.map((a) => a.action)).toEqual(['automation.created', 'automation.updated', 'automation.deleted']);
  });

  it('answers INVALID_AUTOMATION with a path per problem, unknown ids and bad templates included', async () => {
    const res = await call('POST', '/automations', eventRule({
      name: 'Cassée',
      events: ['ticket.created', 'ticket.exploded'],
      conditions: { all: [{ field: 'status', op: 'contains', value: 'x' }, { field: 'team_id', op: 'is', value: '0195a0e4-0000-7000-8000-00000000dead' }], any: [] },
      actions: [{ type: 'reply', body: { fr: 'Bonjour {{requester.prenom}}' } }, { type: 'set_status', status: 'new' }],
    }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_AUTOMATION');
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'events.1', 'conditions.all.0.op', 'actions.0.body.fr', 'actions.1.status',
    ]);
    expect(res.json().error.details[2].message).toContain('{{requester.prenom}}');

    const unknown = await call('POST', '/automations', eventRule({
      name: 'Inconnus',
      conditions: { all: [{ field: 'team_id', op: 'in', value: [team, '0195a0e4-0000-7000-8000-00000000dead'] }], any: [] },
      actions: [{ type: 'set_assignee', agent_id: '0195a0e4-0000-7000-8000-00000000beef' }],
    }));
    expect(unknown.json().error).toMatchObject({
      code: 'INVALID_AUTOMATION',
      details: [{ path: 'conditions.all.0.value', message: 'unknown team' }, { path: 'actions.0.agent_id', message: 'unknown agent' }],
    });

    const time = await call('POST', '/automations', { name: 'Sans minuterie', kind: 'time', actions: [{ type: 'raise_priority' }] });
    expect(time.json().error.details).toEqual([{ path: 'timing', message: expect.any(String) }]);
    const badTiming = await call('POST', '/automations', {
      name: 'Minuterie', kind: 'time', timing: { since: 'status_changed', hours: -1, business: true, calendar_id: '0195a0e4-0000-7000-8000-00000000dead' },
      actions: [{ type: 'raise_priority' }],
    });
    expect(badTiming.json().error.details.map((d: { path: string }) => d.path)).toEqual(['timing.hours']);
    const unknownCalendar = await call('POST', '/automations', {
      name: 'Minuterie', kind: 'time', timing: { since: 'status_changed', hours: 1, business: true, calendar_id: '0195a0e4-0000-7000-8000-00000000dead' },
      actions: [{ type: 'raise_priority' }],
    });
    expect(unknownCalendar.json().error.details).toEqual([{ path: 'timing.calendar_id', message: 'unknown calendar' }]);
    // Zod still guards the envelope.
    expect((await call('POST', '/automations', { name: '', kind: 'event', actions: [] })).json().error.code).toBe('VALIDATION_FAILED');
  });

  it('sets the order from a complete list, refusing a partial one', async () => {
    const ids: string[] = [];
    for (const name of ['Un', 'Deux', 'Trois']) ids.push((await call('POST', '/automations', eventRule({ name }))).json().id);
    const before = (await call('GET', '/automations')).json().data.map((a: { id: string }) => a.id);
    const wanted = [...before].reverse();
    expect((await call('PUT', '/automations/order', { ids: wanted }, manager)).statusCode).toBe(403);
    const res = await call('PUT', '/automations/order', { ids: wanted });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.map((a: { id: string; position: number }) => [a.id, a.position])).toEqual(wanted.map((id, i) => [id, i + 1]));
    const partial = await call('PUT', '/automations/order', { ids: wanted.slice(1) });
    expect(partial.statusCode).toBe(409);
    expect(partial.json().error.details.missing).toEqual([wanted[0]]);
    expect((await call('PUT', '/automations/order', { ids: [...wanted, wanted[0]] })).statusCode).toBe(409);
    // A new rule goes last.
    const last = (await call('POST', '/automations', eventRule({ name: 'Quatre' }))).json();
    expect(last.position).toBe(wanted.length + 1);
    for (const id of [...ids, last.id]) await call('DELETE', `/automations/${id}`);
  });

  it('tests a rule against a ticket without changing anything', async () => {
    const ticket = await buildTicket(t.deps, admin.principal, requester, { subject: 'Serveur DOWN', description: 'Tout est bloqué', teamId: team });
    const rule = (await call('POST', '/automations', eventRule({
      name: 'Test urgent', conditions: { all: [{ field: 'team_id', op: 'is', value: team }], any: [{ field: 'text', op: 'contains_any', value: ['urgent', 'down'] }] },
    }))).json();
    const before = await t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM timeline_entries WHERE ticket_id = $1', [ticket.id]);
    const res = await call('POST', `/automations/${rule.id}/test`, { ticket_id: `#${ticket.number}` }, manager);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      ticket_id: ticket.id, ticket_number: ticket.number, matched: true, event: 'ticket.created', timing: null,
      explanation: 'team is «Réseau»; subject or text contains any of "urgent", "down" (found "down")',
    });
    const other = await call('POST', `/automations/${rule.id}/test`, { ticket_id: ticket.number, event: 'ticket.replied' });
    expect(other.json()).toMatchObject({ matched: false, explanation: expect.stringMatching(/^the rule does not run on ticket.replied/) });
    const after = await t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM timeline_entries WHERE ticket_id = $1', [ticket.id]);
    expect(after!.n).toBe(before!.n);
    expect((await t.db.one<{ tags: string[] }>('SELECT tags FROM tickets WHERE id = $1', [ticket.id]))!.tags).toEqual([]);

    const time = (await call('POST', '/automations', {
      name: 'Relance', kind: 'time', active: false, timing: { since: 'status_changed', hours: 24, business: false },
      conditions: { all: [{ field: 'status', op: 'is', value: 'new' }] }, actions: [{ type: 'note', body: { en: 'Still new' } }],
    })).json();
    clock.advance(6 * 3_600_000);
    const early = (await call('POST', `/automations/${time.id}/test`, { ticket_id: ticket.id })).json();
    expect(early).toMatchObject({ matched: false, timing: { elapsed_hours: 6, required_hours: 24, already_ran: false, calendar: null } });
    expect(early.explanation).toBe(`status is new; not due yet: 6 h of 1 day (24 h) since ${ticket.createdAt.toISOString()}`);
    clock.advance(20 * 3_600_000);
    const due = (await call('POST', `/automations/${time.id}/test`, { ticket_id: ticket.id })).json();
    expect(due).toMatchObject({ matched: true, timing: { elapsed_hours: 26 } });
    expect(due.explanation).toBe(`new for 1 day (24 h) since ${ticket.createdAt.toISOString()}; status is new`);
    expect((await call('POST', `/automations/${time.id}/test`, { ticket_id: '#999999' })).json().error.code).toBe('TICKET_NOT_FOUND');
    expect((await call('POST', `/automations/${time.id}/test`, { ticket_id: ticket.id }, agent)).statusCode).toBe(403);
  });
});
