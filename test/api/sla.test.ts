/**
 * The SLA clock through the API, on a real database, with the clock in the test's hands: policies and their
 * choice, deadlines in business hours, first response met only by an agent's public reply, pauses, next response,
 * priority changes, the sweep's warnings and breaches with their escalation actions (once), and the report.
 * Office hours: Europe/Paris, Monday–Friday 09:00–12:30 and 13:30–18:00. 2026-03-02 is a Monday (UTC+1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAgentTeams } from '../../src/store/agents.js';
import { findNotifyTargets } from '../../src/store/notifications.js';
import { sweepSla } from '../../src/usecases/sla/sweep-sla.js';
import { buildAgent, buildRequester, buildTeam, signIn, type BuiltAgent } from '../support/factories.js';
import { startTestApp, TestClock, type TestApp } from '../support/harness.js';

const clock = new TestClock(new Date('2026-03-02T08:00:00Z')); // Monday 09:00 in Paris
let t: TestApp;
let admin: BuiltAgent;
let agent: BuiltAgent;
let lead: BuiltAgent;
let teamId: string;
let requester: Awaited<ReturnType<typeof buildRequester>>;

const office = [{ start: '09:00', end: '12:30' }, { start: '13:30', end: '18:00' }];
const paris = (local: string) => new Date(`${local}+01:00`).toISOString();

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const call = (method: Method, url: string, who: BuiltAgent = admin, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${who.token}` }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await startTestApp({ clock });
  admin = await buildAgent(t.deps, { role: 'admin' });
  const team = await buildTeam(t.deps);
  teamId = team.id;
  agent = await buildAgent(t.deps, { teamIds: [teamId] });
  lead = await buildAgent(t.deps, { teamIds: [teamId] });
  requester = await buildRequester(t.deps);
  const cal = await call('POST', '/calendars', admin, {
    name: 'Bureau Paris', time_zone: 'Europe/Paris', weekly: { 1: office, 2: office, 3: office, 4: office, 5: office },
  });
  expect(cal.statusCode).toBe(201);
  expect((await call('PATCH', `/teams/${teamId}`, admin, { lead_id: lead.agent.id })).statusCode).toBe(200);
  const policy = await call('POST', '/sla-policies', admin, {
    name: 'Standard',
    targets: {
      P1: { first_response: 30, next_response: 30, resolution: 240 },
      P2: { first_response: 60, next_response: 60, resolution: 480 },
      P3: { first_response: 240, next_response: 120, resolution: 960 },
      P4: { first_response: 480, resolution: 2400 },
    },
    escalations: [
      { metric: 'first_response', percent: 75, actions: [{ type: 'notify', recipients: ['assignee'], email: false }] },
      { metric: 'first_response', percent: 100, actions: [{ type: 'raise_priority' }, { type: 'notify', recipients: ['team_lead'], email: true }] },
    ],
  });
  expect(policy.statusCode).toBe(201);
});
afterAll(async () => t.close());

const newTicket = async (extra: object = {}) => {
  const res = await call('POST', '/tickets', agent, { subject: 'Imprimante du 3e étage', requester_id: requester.id, ...extra });
  expect(res.statusCode).toBe(201);
  return res.json();
};
const target = (ticket: { sla: { targets: Array<{ metric: string }> } }, metric: string) =>
  ticket.sla.targets.find((x) => x.metric === metric) as Record<string, unknown> | undefined;

describe('SLA policies', () => {
  it('refuses invalid targets and escalations with a path per problem', async () => {
    const res = await call('POST', '/sla-policies', admin, {
      name: 'Cassée', targets: { P1: { first_response: 200_000 } },
      escalations: [{ metric: 'resolution', percent: 150, actions: [{ type: 'set_team', team_id: '0190a3c2-0000-7000-8000-000000000000' }] }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_SLA_POLICY');
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['targets.P1.first_response', 'escalations.0.percent']));
    const unknownTeam = await call('POST', '/sla-policies', admin, {
      name: 'Équipe fantôme', targets: {}, escalations: [{ metric: 'resolution', percent: 100, actions: [{ type: 'set_team', team_id: '0190a3c2-0000-7000-8000-000000000000' }] }],
    });
    expect(unknownTeam.json().error.details).toEqual([{ path: 'escalations.0.actions.0.team_id', message: 'unknown team' }]);
  });
});

describe('the clock on a ticket', () => {
  it('applies the policy at creation with business-hour deadlines, and says why on the timeline', async () => {
    clock.set(new Date(paris('2026-03-02T09:00')));
    const ticket = await newTicket();
    expect(ticket.priority).toBe('P3');
    expect(ticket.sla).toMatchObject({ policy: { name: 'Standard' }, calendar: { name: 'Bureau Paris' }, paused: false, breached: false });
    // 4 business hours from 09:00 with a lunch break: 14:00. 16 h: Tuesday 18:00.
    expect(target(ticket, 'first_response')).toMatchObject({ status: 'running', due_at: paris('2026-03-02T14:00') });
    expect(target(ticket, 'resolution')).toMatchObject({ status: 'running', due_at: paris('2026-03-03T18:00') });
    expect(ticket.sla.due_at).toBe(paris('2026-03-02T14:00'));
    const timeline = (await call('GET', `/tickets/${ticket.id}/timeline`)).json().data;
    const applied = timeline.find((e: { kind: string }) => e.kind === 'ticket.sla_changed');
    expect(applied.reason).toContain('SLA policy «Standard» applies');
    expect(applied.reason).toContain('Bureau Paris');
    expect(applied.visibility).toBe('internal');
  });

  it('meets first response only with an agent public reply, pauses in pending, starts next response on the requester reply', async () => {
    clock.set(new Date(paris('2026-03-02T09:00')));
    const ticket = await newTicket();
    clock.set(new Date(paris('2026-03-02T10:00')));
    await call('POST', `/tickets/${ticket.id}/notes`, agent, { body: 'Vérifié le pilote.' });
    let sla = (await call('GET', `/tickets/${ticket.id}/sla`, agent)).json();
    expect(sla.state.targets.find((x: { metric: string }) => x.metric === 'first_response').status).toBe('running');
    expect(sla.now.find((x: { metric: string }) => x.metric === 'first_response')).toEqual({ metric: 'first_response', used_minutes: 60, remaining_minutes: 180 });

    await call('POST', `/tickets/${ticket.id}/replies`, agent, { body: 'Pouvez-vous redémarrer l’imprimante ?' });
    const pending = await call('POST', `/tickets/${ticket.id}/status`, agent, { status: 'pending' });
    expect(pending.json().sla.paused).toBe(true);
    expect(target(pending.json(), 'first_response')).toMatchObject({ status: 'met', breached: false });
    expect(target(pending.json(), 'resolution')).toMatchObject({ status: 'paused', due_at: null });

    // A night and a morning later the requester answers: nothing counted while pending.
    clock.set(new Date(paris('2026-03-03T10:00')));
    const headers = await signIn(t.app, requester.email);
    const reply = await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/replies`, headers, payload: { body: 'Toujours en panne.' } });
    expect(reply.statusCode).toBe(201);
    const after = (await call('GET', `/tickets/${ticket.id}`)).json();
    expect(after.status).toBe('open');
    // Resolution used 1 h on Monday: 15 h left from Tuesday 10:00 → Wednesday 18:00. Next response: 2 h → 12:00.
    expect(target(after, 'resolution')).toMatchObject({ status: 'running', due_at: paris('2026-03-04T18:00') });
    expect(target(after, 'next_response')).toMatchObject({ status: 'running', due_at: paris('2026-03-03T12:00'), cycle: 1 });

    // The clock is the support team's: the requester's answers and reads carry no SLA block.
    expect(reply.json().ticket.sla).toBeNull();
    const mine = await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}`, headers });
    expect(mine.json().sla).toBeNull();
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/tickets', headers });
    expect(list.json().data.every((x: { sla: unknown }) => x.sla === null)).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}/sla`, headers })).statusCode).toBe(403);

    sla = (await call('GET', `/tickets/${ticket.id}/sla`, agent)).json();
    const kinds = sla.history.map((e: { kind: string; metric: string | null }) => `${e.kind}:${e.metric ?? ''}`);
    expect(kinds).toEqual([
      'applied:', 'started:first_response', 'started:resolution', 'met:first_response', 'paused:resolution',
      'started:next_response', 'resumed:resolution',
    ]);
    expect(sla.history.find((e: { kind: string }) => e.kind === 'paused').reason).toContain('pending');
  });

  it('re-targets on a priority change, keeping the business time already used', async () => {
    clock.set(new Date(paris('2026-03-02T09:00')));
    const ticket = await newTicket();
    clock.set(new Date(paris('2026-03-02T11:00')));
    const changed = await call('PATCH', `/tickets/${ticket.id}`, agent, { urgency: 1, reason: 'production à l’arrêt' });
    expect(changed.json().priority).toBe('P2');
    // P2: first response 60 min, already 120 used → breached, due when the new target was reached (10:00).
    expect(target(changed.json(), 'first_response')).toMatchObject({ target_minutes: 60, breached: true, due_at: paris('2026-03-02T10:00') });
    // Resolution 480 min, 2 h used → 6 h from 11:00: 11:00–12:30, 13:30–18:00 → Monday 18:00.
    expect(target(changed.json(), 'resolution')).toMatchObject({ target_minutes: 480, due_at: paris('2026-03-02T18:00') });
    const timeline = (await call('GET', `/tickets/${ticket.id}/timeline`)).json().data;
    const retargeted = timeline.filter((e: { kind: string }) => e.kind === 'ticket.sla_changed').at(-1);
    expect(retargeted.data.change).toBe('retargeted');
    expect(retargeted.reason).toContain('priority P3 → P2');
  });
});

describe('the sweep', () => {
  it('announces each threshold once, runs its escalation actions and notifies; a second sweep does nothing', async () => {
    clock.set(new Date(paris('2026-03-02T09:00')));
    const ticket = await newTicket({ team_id: teamId, assignee_id: agent.agent.id });
    await sweepSla(t.deps); // earlier tests' tickets may be due too; start from a clean slate
    const escalations = async () => (await call('GET', `/tickets/${ticket.id}/timeline`)).json().data
      .filter((e: { kind: string }) => e.kind === 'ticket.sla_escalated');

    clock.set(new Date(paris('2026-03-02T12:00'))); // 3 h of 4: 75 %
    await sweepSla(t.deps);
    expect((await escalations()).map((e: { data: { percent: number } }) => e.data.percent)).toEqual([75]);
    const mine = (await call('GET', '/notifications', agent)).json();
    expect(mine.unread_count).toBe(1);
    expect(mine.data[0]).toMatchObject({ kind: 'sla', title: 'SLA à 75 % : première réponse', ticket: { number: ticket.number } });

    clock.set(new Date(paris('2026-03-02T14:30'))); // past 14:00
    await sweepSla(t.deps);
    await sweepSla(t.deps);
    const fired = await escalations();
    expect(fired.map((e: { data: { percent: number } }) => e.data.percent)).toEqual([75, 100]);
    expect(fired[1].reason).toContain('breached');
    expect(fired[1].data.crossed_at).toBe(paris('2026-03-02T14:00'));
    const now = (await call('GET', `/tickets/${ticket.id}`)).json();
    expect(now.priority).toBe('P2');
    expect(now.sla.breached).toBe(true);
    const timeline = (await call('GET', `/tickets/${ticket.id}/timeline`)).json().data;
    const raised = timeline.find((e: { kind: string }) => e.kind === 'ticket.priority_changed');
    expect(raised.data.source).toMatchObject({ kind: 'sla', name: 'Standard' });
    const notified = timeline.find((e: { kind: string; data: { recipients?: Array<{ as: string }> } }) =>
      e.kind === 'ticket.notified' && e.data.recipients?.[0]?.as === 'team_lead');
    expect(notified.data.recipients).toEqual([{ id: lead.agent.id, name: lead.agent.name, as: 'team_lead' }]);
    expect((await call('GET', '/notifications?unread=true', lead)).json().unread_count).toBe(1);
    expect((await call('POST', '/notifications/read', lead, { all: true })).json()).toEqual({ updated: 1, unread_count: 0 });
  });

  it('records a deadline passed before a change, and runs its escalation at the next sweep', async () => {
    clock.set(new Date(paris('2026-03-02T09:00')));
    const ticket = await newTicket({ team_id: teamId, assignee_id: agent.agent.id });
    await sweepSla(t.deps);
    clock.set(new Date(paris('2026-03-02T15:00'))); // due 14:00, nobody swept
    const pending = await call('POST', `/tickets/${ticket.id}/status`, agent, { status: 'pending' });
    expect(target(pending.json(), 'first_response')).toMatchObject({ status: 'paused', breached: true, breached_at: paris('2026-03-02T14:00') });
    expect((await sweepSla(t.deps)).fired).toBe(2);
    const fired = (await call('GET', `/tickets/${ticket.id}/timeline`)).json().data
      .filter((e: { kind: string }) => e.kind === 'ticket.sla_escalated').map((e: { data: { percent: number } }) => e.data.percent);
    expect(fired).toEqual([75, 100]);
  });
});

describe('the compliance report', () => {
  it('counts finished measurements per month, team, priority and target', async () => {
    const res = await call('GET', '/reports/sla-compliance?from=2026-03-01&to=2026-03-31');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const firstP3 = body.rows.find((r: { metric: string; priority: string; team: unknown }) => r.metric === 'first_response' && r.priority === 'P3' && r.team === null);
    expect(firstP3).toMatchObject({ month: '2026-03', total: 1, met: 1, breached: 0, compliance: 1, median_business_minutes: 60 });
    expect(body.totals.total).toBeGreaterThanOrEqual(1);
    expect((await call('GET', '/reports/sla-compliance?from=2026-03-31&to=2026-03-01')).statusCode).toBe(400);
  });
});

describe('queues by SLA deadline', () => {
  it('sorts by the earliest running deadline, pages with the cursor, and puts tickets without one last', async () => {
    clock.set(new Date(paris('2026-03-03T09:00')));
    const done = await newTicket();
    await call('POST', `/tickets/${done.id}/status`, agent, { status: 'resolved' });
    const seen: Array<{ id: string; sla: { due_at: string | null } | null }> = [];
    let cursor: string | null = null;
    do {
      const page = await call('GET', `/tickets?sort=sla_due&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.statusCode).toBe(200);
      seen.push(...page.json().data);
      cursor = page.json().next_cursor;
    } while (cursor);
    const dues = seen.map((x) => x.sla?.due_at ?? null);
    const running = dues.filter((d): d is string => d !== null);
    expect(running.length).toBeGreaterThan(3);
    expect(running).toEqual([...running].sort());
    expect(dues.slice(0, running.length)).toEqual(running); // every ticket without a running deadline comes after
    expect(seen.at(-1)!.sla?.due_at ?? null).toBeNull();
    expect(new Set(seen.map((x) => x.id)).size).toBe(seen.length);
    expect(seen.map((x) => x.id)).toContain(done.id);
  });
});

describe('who an escalation notifies', () => {
  it('reaches the team lead only while the lead is a member of the team, and inactive agents never', async () => {
    const team = await buildTeam(t.deps);
    const chief = await buildAgent(t.deps, { teamIds: [team.id] });
    const manager = await buildAgent(t.deps, { role: 'manager', teamIds: [team.id] });
    expect((await call('PATCH', `/teams/${team.id}`, admin, { lead_id: chief.agent.id })).statusCode).toBe(200);
    const targets = () => findNotifyTargets(t.db, { teamId: team.id, assigneeId: null, recipients: ['team_lead', 'managers'], agentIds: [] });
    expect((await targets()).map((x) => [x.id, x.as])).toEqual(expect.arrayContaining([[chief.agent.id, 'team_lead'], [manager.agent.id, 'managers']]));
    await setAgentTeams(t.db, chief.agent.id, []);
    await t.db.query('UPDATE agents SET active = false WHERE id = $1', [manager.agent.id]);
    expect(await targets()).toEqual([]);
  });
});
