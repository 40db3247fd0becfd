import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TICKET_STATUSES, type TicketStatus } from '../../src/domain/ticket.js';
import { putSetting } from '../../src/store/settings.js';
import { buildAgent, buildRequester, buildTeam, buildTicket, signIn, type BuiltAgent } from '../support/factories.js';
import { startTestApp, TestClock, type TestApp } from '../support/harness.js';

let t: TestApp;
const clock = new TestClock();
let admin: BuiltAgent;
let alice: BuiltAgent; // agent of team A
let bob: BuiltAgent; // agent of team B
let teamA: string;
let teamB: string;
let requester: { id: string; email: string };
let requesterSession: Record<string, string>;

type As = BuiltAgent | Record<string, string>;
const headersOf = (as: As) => ('token' in as ? { authorization: `Bearer ${(as as BuiltAgent).token}` } : (as as Record<string, string>));

async function call(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, as: As = admin) {
  const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: headersOf(as), ...(body === undefined ? {} : { payload: body as object }) });
  return { status: res.statusCode, body: res.json() };
}

async function timeline(id: string, as: As = admin) {
  const res = await call('GET', `/tickets/${id}/timeline`, undefined, as);
  expect(res.status).toBe(200);
  // Routing's own entries (nobody online here: unassigned tickets wait in their team queue) are left out.
  return (res.body.data as Array<{ kind: string; reason: string | null; data: Record<string, unknown>; actor: { id: string }; body: string | null }>)
    .filter((e) => e.kind !== 'ticket.queued');
}

const newTicket = (input: Parameters<typeof buildTicket>[3] = {}) => buildTicket(t.deps, admin.principal, requester.id, input);

beforeAll(async () => {
  t = await startTestApp({ clock });
  admin = await buildAgent(t.deps, { role: 'admin' });
  teamA = (await buildTeam(t.deps)).id;
  teamB = (await buildTeam(t.deps)).id;
  alice = await buildAgent(t.deps, { teamIds: [teamA] });
  bob = await buildAgent(t.deps, { teamIds: [teamB] });
  requester = await buildRequester(t.deps);
  requesterSession = await signIn(t.app, requester.email);
});
afterAll(async () => t.close());

describe('PATCH /tickets/{id}', () => {
  it('changes fields and writes one timeline entry per kind of change, with actor and reason', async () => {
    const ticket = await newTicket({ teamId: teamA, assigneeId: alice.agent.id });
    clock.advance(60_000);
    const res = await call('PATCH', `/tickets/${ticket.number}`, {
      subject: 'Imprimante du 3e HS', tags: ['Printing', 'floor-3'], tier: 'L2', team_id: teamB, assignee_id: bob.agent.id,
      status: 'pending', urgency: 1, equipment_brand: 'HP', reason: 'escalade vers le réseau',
    }, alice);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      subject: 'Imprimante du 3e HS', tags: ['floor-3', 'printing'], tier: 'L2', team_id: teamB, assignee_id: bob.agent.id,
      status: 'pending', urgency: 1, priority: 'P2', equipment: { brand: 'HP', model: null }, updated_at: clock.now().toISOString(),
    });
    const entries = (await timeline(ticket.id)).slice(1);
    expect(entries.map((e) => e.kind)).toEqual([
      'ticket.status_changed', 'ticket.team_changed', 'ticket.assigned', 'ticket.tier_changed', 'ticket.priority_changed', 'ticket.fields_changed',
    ]);
    for (const e of entries) expect(e.actor.id).toBe(alice.agent.id);
    expect(entries[0]).toMatchObject({ data: { from: 'new', to: 'pending' }, reason: 'escalade vers le réseau' });
    expect(entries[2]).toMatchObject({ data: { from: alice.agent.id, to: bob.agent.id } });
    expect(entries[4]).toMatchObject({ data: { from: 'P3', to: 'P2' }, reason: 'urgency 1 × impact 2 → P2 — escalade vers le réseau' });
    expect(entries[5]!.data.changes).toEqual([
      { field: 'subject', from: ticket.subject, to: 'Imprimante du 3e HS' },
      { field: 'urgency', from: 2, to: 1 },
      { field: 'equipment_brand', from: null, to: 'HP' },
      { field: 'tags', from: [], to: ['floor-3', 'printing'] },
    ]);
    // The new subject is searchable.
    const found = await call('GET', '/tickets?q=imprimante');
    expect(found.body.data.map((x: { id: string }) => x.id)).toContain(ticket.id);
  });

  it('recomputes the priority from the configured matrix', async () => {
    const ticket = await newTicket();
    const res = await call('PATCH', `/tickets/${ticket.id}`, { urgency: 1, impact: 2 });
    expect(res.body.priority).toBe('P2');
    const prio = (await timeline(ticket.id)).find((e) => e.kind === 'ticket.priority_changed');
    expect(prio).toMatchObject({ reason: 'urgency 1 × impact 2 → P2', data: { from: 'P3', to: 'P2', urgency: 1, impact: 2 } });
    await putSetting(t.db, 'priority_matrix', [['P1', 'P1', 'P1'], ['P4', 'P4', 'P4'], ['P4', 'P4', 'P4']], clock.now());
    try {
      expect((await call('PATCH', `/tickets/${ticket.id}`, { urgency: 2 })).body.priority).toBe('P4');
      // Unrelated changes never reprioritize, even though the matrix now disagrees with the stored priority.
      expect((await call('PATCH', `/tickets/${ticket.id}`, { impact: 1 })).body.priority).toBe('P4');
      expect((await call('PATCH', `/tickets/${ticket.id}`, { urgency: 1 })).body.priority).toBe('P1');
    } finally {
      await t.db.query("DELETE FROM settings WHERE key = 'priority_matrix'");
    }
  });

  it('writes nothing for a patch that changes nothing', async () => {
    const ticket = await newTicket({ tags: ['vpn'] });
    const before = await timeline(ticket.id);
    const seen: string[][] = [];
    t.deps.onCommitted = (ids) => seen.push([...ids]);
    clock.advance(60_000);
    try {
      const res = await call('PATCH', `/tickets/${ticket.id}`, { subject: ticket.subject, tags: ['VPN'], urgency: 2, reason: 'rien' });
      expect(res.status).toBe(200);
      expect(res.body.updated_at).toBe(ticket.updatedAt.toISOString());
      expect(await timeline(ticket.id)).toHaveLength(before.length);
      expect(seen).toEqual([]);
      await call('PATCH', `/tickets/${ticket.id}`, { tags: [] });
      expect(seen).toEqual([[ticket.id]]);
    } finally {
      t.deps.onCommitted = undefined;
    }
  });

  it('checks what a change refers to', async () => {
    const ticket = await newTicket({ teamId: teamA });
    const missing = '0190a3c2-0000-7000-8000-000000000000';
    const cases: Array<[object, number, string]> = [
      [{ category_id: missing }, 404, 'CATEGORY_NOT_FOUND'],
      [{ team_id: missing }, 404, 'TEAM_NOT_FOUND'],
      [{ assignee_id: missing }, 404, 'AGENT_NOT_FOUND'],
      [{ assignee_id: bob.agent.id }, 409, 'INVALID_ASSIGNMENT'],
    ];
    for (const [body, status, code] of cases) {
      const res = await call('PATCH', `/tickets/${ticket.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.code).toBe(code);
    }
    const gone = await buildAgent(t.deps, { teamIds: [teamA] });
    await t.db.query('UPDATE agents SET active = false WHERE id = $1', [gone.agent.id]);
    expect((await call('PATCH', `/tickets/${ticket.id}`, { assignee_id: gone.agent.id })).body.error.code).toBe('AGENT_NOT_FOUND');
    const categoryId = t.deps.newId();
    await t.db.query("INSERT INTO categories (id, name_fr, name_en, path) VALUES ($1, 'Réseau', 'Network', $2)", [categoryId, `/${categoryId}/`]);
    const ok = await call('PATCH', `/tickets/${ticket.id}`, { category_id: categoryId, assignee_id: alice.agent.id });
    expect(ok.body).toMatchObject({ category_id: categoryId, assignee_id: alice.agent.id });
    expect(await timeline(ticket.id)).toHaveLength(3);
  });

  it('refuses changes to a closed ticket, and requesters altogether', async () => {
    const ticket = await newTicket();
    await call('POST', `/tickets/${ticket.id}/status`, { status: 'resolved' });
    await call('POST', `/tickets/${ticket.id}/status`, { status: 'closed' });
    const res = await call('PATCH', `/tickets/${ticket.id}`, { subject: 'encore' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('TICKET_CLOSED');
    const own = await newTicket();
    const byRequester = await call('PATCH', `/tickets/${own.id}`, { subject: 'moi' }, requesterSession);
    expect(byRequester.status).toBe(403);
    expect(byRequester.body.error.code).toBe('FORBIDDEN');
  });

  it('answers 404 for unknown or invisible tickets and 400 with details for bad bodies', async () => {
    for (const ref of ['999999', '0190a3c2-0000-7000-8000-000000000000', 'not-a-ticket']) {
      const res = await call('PATCH', `/tickets/${ref}`, { subject: 'x' });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('TICKET_NOT_FOUND');
    }
    const ofTeamB = await newTicket({ teamId: teamB });
    expect((await call('PATCH', `/tickets/${ofTeamB.id}`, { subject: 'x' }, alice)).status).toBe(404);
    const ticket = await newTicket();
    for (const body of [{ urgency: 9 }, { colour: 'red' }, { status: 'done' }, { subject: '' }, { tags: 'vpn' }, { assignee_id: 'bob' }]) {
      const res = await call('PATCH', `/tickets/${ticket.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.length).toBeGreaterThan(0);
    }
  });
});

/** Drives a new ticket to `status` through the API. */
async function ticketIn(status: TicketStatus) {
  const ticket = await newTicket();
  const path: Record<TicketStatus, TicketStatus[]> = {
    new: [], open: ['open'], pending: ['pending'], on_hold: ['on_hold'], resolved: ['resolved'], closed: ['resolved', 'closed'],
  };
  for (const s of path[status]) expect((await call('POST', `/tickets/${ticket.id}/status`, { status: s })).status).toBe(200);
  return ticket;
}

describe('POST /tickets/{id}/status', () => {
  const allowed = new Set([
    'new>open', 'new>pending', 'new>on_hold', 'new>resolved', 'open>pending', 'open>on_hold', 'open>resolved',
    'pending>open', 'pending>on_hold', 'pending>resolved', 'on_hold>open', 'on_hold>pending', 'on_hold>resolved',
    'resolved>open', 'resolved>closed',
  ]);

  it.each(TICKET_STATUSES.map((s) => [s]))('from %s: allows exactly the lifecycle moves', async (from) => {
    for (const to of TICKET_STATUSES) {
      const ticket = await ticketIn(from);
      const before = (await timeline(ticket.id)).length;
      const res = await call('POST', `/tickets/${ticket.id}/status`, { status: to, reason: 'test' });
      if (from === 'closed') {
        expect(res.body.error.code, `${from}>${to}`).toBe('TICKET_CLOSED');
      } else if (from === to) {
        expect(res.status).toBe(200);
        expect(await timeline(ticket.id)).toHaveLength(before);
      } else if (allowed.has(`${from}>${to}`)) {
        expect(res.status, `${from}>${to}`).toBe(200);
        expect(res.body.status).toBe(to);
        const last = (await timeline(ticket.id)).at(-1)!;
        expect(last).toMatchObject({ kind: 'ticket.status_changed', reason: 'test', data: { from, to } });
        if (to === 'resolved') expect(res.body.resolved_at).toBe(clock.now().toISOString());
        if (to === 'closed') expect(res.body.closed_at).toBe(clock.now().toISOString());
        if (from === 'resolved' && to === 'open') expect(res.body.resolved_at).toBeNull();
      } else {
        expect(res.status, `${from}>${to}`).toBe(409);
        expect(res.body.error).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', details: { from, to } });
      }
    }
  });

  it('lets requesters resolve their own ticket and reopen it, nothing else', async () => {
    const ticket = await ticketIn('open');
    const pending = await call('POST', `/tickets/${ticket.id}/status`, { status: 'pending' }, requesterSession);
    expect(pending.status).toBe(403);
    const resolved = await call('POST', `/tickets/${ticket.id}/status`, { status: 'resolved', reason: 'ça marche' }, requesterSession);
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');
    expect((await call('POST', `/tickets/${ticket.id}/status`, { status: 'closed' }, requesterSession)).status).toBe(403);
    const reopened = await call('POST', `/tickets/${ticket.id}/status`, { status: 'open' }, requesterSession);
    expect(reopened.body.status).toBe('open');
    const last = (await timeline(ticket.id)).at(-1)!;
    expect(last).toMatchObject({ actor: { id: requester.id }, data: { from: 'resolved', to: 'open', reopened: true } });
    // Someone else's ticket does not exist for this requester.
    const stranger = await buildRequester(t.deps);
    const theirs = await buildTicket(t.deps, admin.principal, stranger.id);
    expect((await call('POST', `/tickets/${theirs.id}/status`, { status: 'resolved' }, requesterSession)).status).toBe(404);
  });

  it('lets organization colleagues read but not change the status of a ticket', async () => {
    const orgId = t.deps.newId();
    await t.db.query("INSERT INTO organizations (id, name, requesters_see_org_tickets) VALUES ($1, 'ACME', true)", [orgId]);
    const author = await buildRequester(t.deps, { organizationId: orgId });
    const colleague = await buildRequester(t.deps, { organizationId: orgId });
    const ticket = await buildTicket(t.deps, admin.principal, author.id);
    const session = await signIn(t.app, colleague.email);
    expect((await call('GET', `/tickets/${ticket.id}/timeline`, undefined, session)).status).toBe(200);
    const res = await call('POST', `/tickets/${ticket.id}/status`, { status: 'resolved' }, session);
    expect(res.status).toBe(403);
  });

  it('rejects bad bodies', async () => {
    const ticket = await newTicket();
    for (const body of [{}, { status: 'done' }, { status: 'open', extra: 1 }, { status: 'open', reason: 'x'.repeat(2001) }]) {
      const res = await call('POST', `/tickets/${ticket.id}/status`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.length).toBeGreaterThan(0);
    }
  });
});

describe('POST /tickets/{id}/assign', () => {
  it('assigns, moves team, unassigns, and records each with the reason', async () => {
    const ticket = await newTicket({ teamId: teamA });
    const toAlice = await call('POST', `/tickets/${ticket.id}/assign`, { assignee_id: alice.agent.id, reason: 'de garde' }, alice);
    expect(toAlice.body.assignee_id).toBe(alice.agent.id);
    const toBob = await call('POST', `/tickets/${ticket.id}/assign`, { assignee_id: bob.agent.id, team_id: teamB, reason: 'N2 réseau' }, alice);
    expect(toBob.body).toMatchObject({ assignee_id: bob.agent.id, team_id: teamB });
    const none = await call('POST', `/tickets/${ticket.id}/assign`, { assignee_id: null }, bob);
    expect(none.body.assignee_id).toBeNull();
    const entries = (await timeline(ticket.id)).slice(1);
    expect(entries.map((e) => [e.kind, e.reason, e.data.to])).toEqual([
      ['ticket.assigned', 'de garde', alice.agent.id],
      ['ticket.team_changed', 'N2 réseau', teamB],
      ['ticket.assigned', 'N2 réseau', bob.agent.id],
      ['ticket.assigned', null, null],
    ]);
  });

  it('moving the team alone unassigns an assignee who is not in it, and says why', async () => {
    const ticket = await newTicket({ teamId: teamA, assigneeId: alice.agent.id });
    const res = await call('PATCH', `/tickets/${ticket.id}`, { team_id: teamB });
    expect(res.body).toMatchObject({ team_id: teamB, assignee_id: null });
    const assigned = (await timeline(ticket.id)).find((e) => e.kind === 'ticket.assigned');
    expect(assigned?.reason).toBe('the assignee is not a member of the new team');
  });

  it('refuses requesters, non-members and missing fields', async () => {
    const ticket = await newTicket({ teamId: teamA });
    expect((await call('POST', `/tickets/${ticket.id}/assign`, { assignee_id: alice.agent.id }, requesterSession)).status).toBe(403);
    const outsider = await call('POST', `/tickets/${ticket.id}/assign`, { assignee_id: bob.agent.id });
    expect(outsider.body.error.code).toBe('INVALID_ASSIGNMENT');
    const missing = await call('POST', `/tickets/${ticket.id}/assign`, { team_id: teamA });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].path).toContain('assignee_id');
    const readOnly = await buildAgent(t.deps, { scopes: ['tickets:read'] });
    expect((await call('POST', `/tickets/${ticket.id}/assign`, { assignee_id: null }, readOnly)).status).toBe(403);
  });
});
