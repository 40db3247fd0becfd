import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { searchAudit } from '../../src/store/audit.js';
import { buildAgent, buildRequester, buildTeam, buildTicket, type BuiltAgent } from '../support/factories.js';
import { startTestApp, TestClock, type TestApp } from '../support/harness.js';

// The routing hooks run for real; the spies record that the use case calls them, and when. The first also asks
// for the agent's teams to be dispatched, so that the after-commit call is exercised whatever routing decides.
const hooks = vi.hoisted(() => ({ order: [] as string[] }));
vi.mock('../../src/usecases/routing/availability-changed.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/usecases/routing/availability-changed.js')>();
  return {
    onAvailabilityChanged: vi.fn(async (...args: Parameters<typeof real.onAvailabilityChanged>) => {
      hooks.order.push('changed');
      const teams = await real.onAvailabilityChanged(...args);
      return [...new Set([...teams, ...args[3].team_ids])];
    }),
  };
});
vi.mock('../../src/usecases/routing/dispatch-waiting.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/usecases/routing/dispatch-waiting.js')>();
  return {
    dispatchWaiting: vi.fn(async (...args: Parameters<typeof real.dispatchWaiting>) => {
      hooks.order.push('dispatch');
      return real.dispatchWaiting(...args);
    }),
  };
});
const { onAvailabilityChanged } = await import('../../src/usecases/routing/availability-changed.js');
const { dispatchWaiting } = await import('../../src/usecases/routing/dispatch-waiting.js');

const clock = new TestClock(new Date('2026-03-02T09:00:00Z')); // Monday, 10:00 in Paris
let t: TestApp;
let admin: BuiltAgent;
let manager: BuiltAgent;
let agent: BuiltAgent;
let colleague: BuiltAgent;
let teamId: string;

beforeAll(async () => {
  t = await startTestApp({ clock });
  teamId = (await buildTeam(t.deps)).id;
  admin = await buildAgent(t.deps, { role: 'admin' });
  manager = await buildAgent(t.deps, { role: 'manager' });
  agent = await buildAgent(t.deps, { teamIds: [teamId] });
  colleague = await buildAgent(t.deps, { teamIds: [teamId] });
});
afterAll(async () => t.close());
beforeEach(() => {
  hooks.order.length = 0;
  vi.mocked(onAvailabilityChanged).mockClear();
  vi.mocked(dispatchWaiting).mockClear();
});

const call = (who: BuiltAgent, method: 'GET' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${who.token}` }, ...(payload ? { payload } : {}) });
const patch = (who: BuiltAgent, target: BuiltAgent, payload: object) => call(who, 'PATCH', `/agents/${target.agent.id}/availability`, payload);
const paths = (res: { json(): { error: { details?: Array<{ path: string }> } } }) => res.json().error.details?.map((d) => d.path);

const OFFICE = [{ start: '08:00', end: '12:00' }, { start: '13:30', end: '17:30' }];

describe('reading availability', () => {
  it('starts offline, without personal hours, limit or absence', async () => {
    const res = await call(colleague, 'GET', `/agents/${agent.agent.id}/availability`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      agent_id: agent.agent.id, status: 'offline', status_changed_at: null, working_hours: null, capacity: null, out_of_office: null,
      now: { on_shift: true, shift_ends_at: null, next_shift_start: null, out_of_office: false, available: false },
      open_tickets: 0,
    });
  });

  it('counts open tickets (assigned, neither resolved nor closed), here and on the agent', async () => {
    const worker = await buildAgent(t.deps, { teamIds: [teamId] });
    const requester = await buildRequester(t.deps);
    for (let i = 0; i < 3; i++) await buildTicket(t.deps, admin.principal, requester.id, { teamId, assigneeId: worker.agent.id });
    const done = await buildTicket(t.deps, admin.principal, requester.id, { teamId, assigneeId: worker.agent.id });
    await buildTicket(t.deps, admin.principal, requester.id, { teamId, assigneeId: colleague.agent.id });
    const resolved = await t.app.inject({
      method: 'POST', url: `/api/v1/tickets/${done.id}/status`, headers: { authorization: `Bearer ${admin.token}` }, payload: { status: 'resolved' },
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect((await call(agent, 'GET', `/agents/${worker.agent.id}/availability`)).json().open_tickets).toBe(3);
    const listed = (await call(agent, 'GET', `/agents?team=${teamId}`)).json().data.find((a: { id: string }) => a.id === worker.agent.id);
    expect(listed.availability).toEqual({ status: 'offline', available: false, on_shift: true, out_of_office: false, capacity: null, open_tickets: 3 });
    expect((await call(agent, 'GET', `/agents/${worker.agent.id}`)).json().availability.open_tickets).toBe(3);
  });

  it('answers 404 for an unknown agent', async () => {
    const res = await call(agent, 'GET', '/agents/00000000-0000-4000-8000-000000000000/availability');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('AGENT_NOT_FOUND');
  });
});

describe('agents change their own availability', () => {
  it('sets status, personal hours and an absence with a delegate, and reads them at this instant', async () => {
    const res = await patch(agent, agent, {
      status: 'online', working_hours: { 1: OFFICE, 2: OFFICE, 3: OFFICE, 4: OFFICE, 5: OFFICE },
      out_of_office: { from: '2026-03-09T07:00:00.000Z', until: '2026-03-16T07:00:00.000Z', delegate_id: colleague.agent.id },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      status: 'online', status_changed_at: '2026-03-02T09:00:00.000Z', capacity: null,
      out_of_office: { from: '2026-03-09T07:00:00.000Z', until: '2026-03-16T07:00:00.000Z', delegate_id: colleague.agent.id },
      now: { on_shift: true, shift_ends_at: '2026-03-02T11:00:00.000Z', next_shift_start: null, out_of_office: false, available: true },
    });
    expect(body.working_hours).toEqual({ 1: OFFICE, 2: OFFICE, 3: OFFICE, 4: OFFICE, 5: OFFICE, 6: [], 7: [] });
    expect((await call(colleague, 'GET', `/agents/${agent.agent.id}`)).json().availability).toMatchObject({ status: 'online', available: true });
  });

  it('writes one audit entry with the changed fields only, then calls routing in the transaction and dispatch after', async () => {
    clock.advance(60_000);
    const res = await patch(agent, agent, { status: 'away', working_hours: { 1: OFFICE, 2: OFFICE, 3: OFFICE, 4: OFFICE, 5: OFFICE } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status_changed_at).toBe('2026-03-02T09:01:00.000Z');
    const [entry] = await searchAudit(t.db, { action: 'agent.availability_changed', targetId: agent.agent.id, limit: 1 });
    // The hours were sent again unchanged: only the status is recorded.
    expect(entry).toMatchObject({ actor_id: agent.agent.id, target_kind: 'agent' });
    expect(entry!.data).toEqual({ before: { status: 'online' }, after: { status: 'away' } });
    expect(vi.mocked(onAvailabilityChanged)).toHaveBeenCalledOnce();
    const [, , before, after] = vi.mocked(onAvailabilityChanged).mock.calls[0]!;
    expect([before.availability, after.availability]).toEqual(['online', 'away']);
    expect(vi.mocked(dispatchWaiting)).toHaveBeenCalledWith(expect.anything(), [teamId]);
    expect(hooks.order).toEqual(['changed', 'dispatch']);
  });

  it('records nothing and calls no hook when nothing changes; the status time stays', async () => {
    const before = await searchAudit(t.db, { action: 'agent.availability_changed', targetId: agent.agent.id, limit: 50 });
    clock.advance(60_000);
    const res = await patch(agent, agent, { status: 'away' });
    expect(res.json().status_changed_at).toBe('2026-03-02T09:01:00.000Z');
    expect(await searchAudit(t.db, { action: 'agent.availability_changed', targetId: agent.agent.id, limit: 50 })).toHaveLength(before.length);
    expect(vi.mocked(onAvailabilityChanged)).not.toHaveBeenCalled();
  });

  it('clears the absence and the personal hours with null', async () => {
    const res = await patch(agent, agent, { out_of_office: null, working_hours: null });
    expect(res.json()).toMatchObject({ out_of_office: null, working_hours: null, now: { on_shift: true, shift_ends_at: null } });
  });

  it('takes an open-ended absence as out of office now', async () => {
    const res = await patch(agent, agent, { status: 'online', out_of_office: { until: '2026-03-05T00:00:00.000Z' } });
    expect(res.json()).toMatchObject({
      out_of_office: { from: null, until: '2026-03-05T00:00:00.000Z', delegate_id: null }, now: { out_of_office: true, available: false },
    });
    await patch(agent, agent, { out_of_office: null });
  });

  it("refuses another agent's availability and their own capacity", async () => {
    const other = await patch(agent, colleague, { status: 'online' });
    expect(other.statusCode).toBe(403);
    const capacity = await patch(agent, agent, { capacity: 12 });
    expect(capacity.statusCode).toBe(403);
    expect((await call(agent, 'GET', `/agents/${agent.agent.id}/availability`)).json().capacity).toBeNull();
  });

  it('refuses a read-only token', async () => {
    const reader = await buildAgent(t.deps, { scopes: ['directory:read'] });
    expect((await patch(reader, reader, { status: 'online' })).statusCode).toBe(403);
  });
});

describe('managers and administrators', () => {
  it('change anyone’s status, hours, absence and capacity, audited under their name', async () => {
    const res = await patch(manager, colleague, { status: 'online', capacity: 5 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'online', capacity: 5 });
    const [entry] = await searchAudit(t.db, { action: 'agent.availability_changed', targetId: colleague.agent.id, limit: 1 });
    expect(entry).toMatchObject({ actor_id: manager.agent.id, data: { before: { status: 'offline', capacity: null }, after: { status: 'online', capacity: 5 } } });
    const byAdmin = await patch(admin, colleague, { capacity: null, out_of_office: { from: '2026-04-01T00:00:00.000Z', until: null, delegate_id: agent.agent.id } });
    expect(byAdmin.json()).toMatchObject({ capacity: null, out_of_office: { until: null, delegate_id: agent.agent.id }, now: { out_of_office: false } });
    expect((await call(agent, 'GET', `/agents/${colleague.agent.id}`)).json().availability).toMatchObject({ capacity: null, status: 'online' });
  });

  it('answers 404 for an unknown agent', async () => {
    const res = await patch(admin, { ...admin, agent: { ...admin.agent, id: '00000000-0000-4000-8000-000000000000' } }, { status: 'away' });
    expect(res.statusCode).toBe(404);
  });
});

describe('validation', () => {
  it('names each problem of the working hours by path', async () => {
    const res = await patch(agent, agent, {
      working_hours: { 1: [{ start: '12:00', end: '08:00' }], 2: [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '14:00' }], 3: [{ start: '8h', end: '12:00' }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(paths(res)).toEqual(['working_hours.1.0', 'working_hours.2.1', 'working_hours.3.0.start']);
    const empty = await patch(agent, agent, { working_hours: { 1: [] } });
    expect(paths(empty)).toEqual(['working_hours']);
    const unknownDay = await patch(agent, agent, { working_hours: { 8: OFFICE } });
    expect(unknownDay.statusCode).toBe(400);
  });

  it('checks the absence: an end after the start, at least one bound, a real, active colleague as delegate', async () => {
    const reversed = await patch(agent, agent, { out_of_office: { from: '2026-03-10T00:00:00Z', until: '2026-03-09T00:00:00Z' } });
    expect([reversed.statusCode, paths(reversed)]).toEqual([400, ['out_of_office.until']]);
    const unbounded = await patch(agent, agent, { out_of_office: { delegate_id: colleague.agent.id } });
    expect([unbounded.statusCode, paths(unbounded)]).toEqual([400, ['out_of_office.from']]);
    const self = await patch(agent, agent, { out_of_office: { from: '2026-03-10T00:00:00Z', delegate_id: agent.agent.id } });
    expect([self.statusCode, paths(self)]).toEqual([400, ['out_of_office.delegate_id']]);
    const unknown = await patch(agent, agent, { out_of_office: { from: '2026-03-10T00:00:00Z', delegate_id: '00000000-0000-4000-8000-000000000000' } });
    expect([unknown.statusCode, unknown.json().error.code, paths(unknown)]).toEqual([404, 'AGENT_NOT_FOUND', ['out_of_office.delegate_id']]);
    const gone = await buildAgent(t.deps);
    expect((await call(admin, 'PATCH', `/agents/${gone.agent.id}`, { active: false })).statusCode).toBe(200);
    const inactive = await patch(agent, agent, { out_of_office: { from: '2026-03-10T00:00:00Z', delegate_id: gone.agent.id } });
    expect([inactive.statusCode, paths(inactive)]).toEqual([400, ['out_of_office.delegate_id']]);
    expect((await call(agent, 'GET', `/agents/${agent.agent.id}/availability`)).json().out_of_office).toBeNull();
  });

  it('refuses unknown statuses, negative or fractional capacities and unknown fields', async () => {
    expect((await patch(admin, agent, { status: 'busy' })).statusCode).toBe(400);
    expect(paths(await patch(admin, agent, { capacity: -1 }))).toEqual(['body.capacity']);
    expect((await patch(admin, agent, { capacity: 2.5 })).statusCode).toBe(400);
    expect((await patch(admin, agent, { skills: [] })).statusCode).toBe(400);
  });
});
