import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildRequester, buildTeam, buildTicket, signIn, type BuiltAgent } from '../support/factories.js';
import { startTestApp, TestClock, type TestApp } from '../support/harness.js';

let t: TestApp;
const clock = new TestClock();
let agent: BuiltAgent;
let requester: { id: string; email: string; name: string };
let session: Record<string, string>;

type As = BuiltAgent | Record<string, string>;
const headersOf = (as: As) => ('token' in as ? { authorization: `Bearer ${(as as BuiltAgent).token}` } : (as as Record<string, string>));

async function call(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, as: As = agent) {
  const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: headersOf(as), ...(body === undefined ? {} : { payload: body as object }) });
  return { status: res.statusCode, body: res.json() };
}

interface Entry { id: string; ticket_id: string; ticket_number: number; kind: string; visibility: string; actor: { kind: string; id: string | null; name: string | null }; body: string | null; reason: string | null; data: Record<string, unknown>; created_at: string }
async function timeline(ref: string, as: As = agent): Promise<Entry[]> {
  const res = await call('GET', `/tickets/${ref}/timeline`, undefined, as);
  expect(res.status).toBe(200);
  return res.body.data;
}

const reply = (id: string, body: string, as: As = agent) => call('POST', `/tickets/${id}/replies`, { body }, as);
const note = (id: string, body: string, as: As = agent) => call('POST', `/tickets/${id}/notes`, { body }, as);
const status = (id: string, to: string, as: As = agent) => call('POST', `/tickets/${id}/status`, { status: to }, as);
const newTicket = (subject = 'Souci de messagerie') => buildTicket(t.deps, agent.principal, requester.id, { subject });

beforeAll(async () => {
  t = await startTestApp({ clock });
  agent = await buildAgent(t.deps, { role: 'admin' });
  requester = await buildRequester(t.deps);
  session = await signIn(t.app, requester.email);
});
afterAll(async () => t.close());

describe('replies', () => {
  it('only an agent public reply sets first_response_at, and it opens a new ticket', async () => {
    const ticket = await newTicket();
    clock.advance(60_000);
    expect((await note(ticket.id, 'Je regarde les journaux.')).status).toBe(201);
    const fromRequester = await reply(ticket.id, 'Toujours bloqué.', session);
    expect(fromRequester.status).toBe(201);
    expect(fromRequester.body.ticket).toMatchObject({ first_response_at: null, status: 'new' });
    clock.advance(60_000);
    const first = await reply(ticket.id, 'Bonjour, pouvez-vous redémarrer Outlook ?');
    expect(first.status).toBe(201);
    expect(first.body.ticket).toMatchObject({ first_response_at: clock.now().toISOString(), status: 'open', updated_at: clock.now().toISOString() });
    expect(first.body.entry).toMatchObject({
      kind: 'ticket.replied', visibility: 'public', ticket_id: ticket.id, ticket_number: ticket.number,
      actor: { kind: 'agent', id: agent.agent.id, name: agent.agent.name }, body: 'Bonjour, pouvez-vous redémarrer Outlook ?',
    });
    const opened = (await timeline(ticket.id)).at(-1)!;
    expect(opened).toMatchObject({ kind: 'ticket.status_changed', reason: 'agent replied', data: { from: 'new', to: 'open' } });
    const stamp = clock.now().toISOString();
    clock.advance(60_000);
    const second = await reply(ticket.id, 'Autre chose ?');
    expect(second.body.ticket.first_response_at).toBe(stamp);
  });

  it('a requester reply reopens a pending or resolved ticket, but not a closed one', async () => {
    const ticket = await newTicket();
    await status(ticket.id, 'pending');
    const back = await reply(ticket.id, 'Voici la capture demandée.', session);
    expect(back.body.ticket.status).toBe('open');
    expect((await timeline(ticket.id)).at(-1)).toMatchObject({
      kind: 'ticket.status_changed', reason: 'requester replied', actor: { kind: 'requester', id: requester.id }, data: { from: 'pending', to: 'open' },
    });
    await status(ticket.id, 'resolved');
    const reopened = await reply(ticket.id, 'Le problème est revenu.', session);
    expect(reopened.body.ticket).toMatchObject({ status: 'open', resolved_at: null });
    await status(ticket.id, 'on_hold');
    expect((await reply(ticket.id, 'Des nouvelles ?', session)).body.ticket.status).toBe('on_hold');
    await status(ticket.id, 'resolved');
    await status(ticket.id, 'closed');
    for (const as of [session, agent] as As[]) {
      const closed = await reply(ticket.id, 'Encore là ?', as);
      expect(closed.status).toBe(409);
      expect(closed.body.error.code).toBe('TICKET_CLOSED');
    }
  });

  it('makes reply text searchable, for the requester too', async () => {
    const ticket = await newTicket('Accès VPN');
    await reply(ticket.id, 'Le certificat Fortinet a expiré hier.', session);
    const mine = await call('GET', '/tickets?q=fortinet', undefined, session);
    expect(mine.body.data.map((x: { id: string }) => x.id)).toEqual([ticket.id]);
  });

  it('refuses strangers, unknown tickets and bad bodies', async () => {
    const ticket = await newTicket();
    const other = await buildRequester(t.deps);
    const otherSession = await signIn(t.app, other.email);
    expect((await reply(ticket.id, 'Coucou', otherSession)).status).toBe(404);
    for (const ref of ['0190a3c2-0000-7000-8000-000000000000', '424242']) {
      const res = await reply(ref, 'x');
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('TICKET_NOT_FOUND');
    }
    for (const body of [{}, { body: '' }, { body: '   \n' }, { body: 'x'.repeat(100_001) }, { body: 'ok', internal: true }, { body: 42 }]) {
      for (const path of ['replies', 'notes']) {
        const res = await call('POST', `/tickets/${ticket.id}/${path}`, body);
        expect(res.status, `${path} ${JSON.stringify(body).slice(0, 40)}`).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(res.body.error.details.length).toBeGreaterThan(0);
      }
    }
    expect((await reply(ticket.id, 'x'.repeat(100_000))).status).toBe(201);
  });
});

describe('internal notes', () => {
  it('are for agents only: requesters cannot write, see or search them', async () => {
    const ticket = await newTicket('Imprimante du service paie');
    const denied = await note(ticket.id, 'Je veux voir', session);
    expect(denied.status).toBe(403);
    const written = await note(ticket.id, 'Le fournisseur Konica doit passer jeudi.');
    expect(written.status).toBe(201);
    expect(written.body).toMatchObject({ kind: 'ticket.noted', visibility: 'internal', body: 'Le fournisseur Konica doit passer jeudi.' });
    const agentSearch = await call('GET', '/tickets?q=konica');
    expect(agentSearch.body.data.map((x: { id: string }) => x.id)).toEqual([ticket.id]);
    const requesterSearch = await call('GET', '/tickets?q=konica', undefined, session);
    expect(requesterSearch.status).toBe(200);
    expect(requesterSearch.body.data).toEqual([]);
    // The same requester finds the ticket by its public words, so the empty answer above is the note rule.
    const byPublic = await call('GET', '/tickets?q=paie', undefined, session);
    expect(byPublic.body.data.map((x: { id: string }) => x.id)).toEqual([ticket.id]);
    const seen = await timeline(ticket.id, session);
    expect(seen.some((e) => e.kind === 'ticket.noted' || (e.body ?? '').includes('Konica'))).toBe(false);
    // Editing the subject afterwards keeps the note findable by agents only.
    await call('PATCH', `/tickets/${ticket.id}`, { subject: 'Imprimante paie (étage 2)' });
    expect((await call('GET', '/tickets?q=konica')).body.data).toHaveLength(1);
    expect((await call('GET', '/tickets?q=konica', undefined, session)).body.data).toHaveLength(0);
  });

  it('do not set first_response_at and do not change the status', async () => {
    const ticket = await newTicket();
    await note(ticket.id, 'Rien à signaler');
    const res = await call('GET', `/tickets/${ticket.id}`);
    expect(res.body).toMatchObject({ status: 'new', first_response_at: null });
  });
});

describe('GET /tickets/{id}/timeline', () => {
  it('lists entries oldest first, with actors, reasons and data', async () => {
    const ticket = await newTicket();
    clock.advance(1000);
    await reply(ticket.id, 'Question', session);
    clock.advance(1000);
    await call('PATCH', `/tickets/${ticket.id}`, { urgency: 1, tier: 'L2', reason: 'VIP' });
    clock.advance(1000);
    await note(ticket.id, 'Vu avec le N2');
    const entries = await timeline(String(ticket.number));
    expect(entries.map((e) => e.kind)).toEqual([
      'ticket.created', 'ticket.replied', 'ticket.tier_changed', 'ticket.priority_changed', 'ticket.fields_changed', 'ticket.noted',
    ]);
    const times = entries.map((e) => e.created_at);
    expect([...times].sort()).toEqual(times);
    expect(entries[1]!.actor).toEqual({ kind: 'requester', id: requester.id, name: requester.name });
    expect(entries[2]).toMatchObject({ reason: 'VIP', visibility: 'internal', data: { from: 'L1', to: 'L2' }, ticket_number: ticket.number });
    expect(entries[3]!.reason).toBe('urgency 1 × impact 2 → P2 — VIP');
  });

  it('shows requesters only public replies and status events, without internal reasons or routing data', async () => {
    const ticket = await newTicket();
    await reply(ticket.id, 'Réponse publique');
    await note(ticket.id, 'Note interne');
    await call('PATCH', `/tickets/${ticket.id}`, { tier: 'L3', urgency: 1, status: 'pending', reason: 'client pénible' });
    const entries = await timeline(ticket.id, session);
    expect(entries.map((e) => e.kind)).toEqual(['ticket.created', 'ticket.replied', 'ticket.status_changed', 'ticket.status_changed']);
    expect(entries.every((e) => e.visibility === 'public' && e.reason === null)).toBe(true);
    expect(entries[0]!.data).not.toHaveProperty('assignee_id');
    expect(entries[0]!.data).not.toHaveProperty('team_id');
    expect(entries[3]!.data).toEqual({ from: 'open', to: 'pending' });
  });

  it('answers 404 for unknown tickets and other requesters', async () => {
    const ticket = await newTicket();
    const other = await buildRequester(t.deps);
    expect((await call('GET', `/tickets/${ticket.id}/timeline`, undefined, await signIn(t.app, other.email))).status).toBe(404);
    expect((await call('GET', '/tickets/987654/timeline')).status).toBe(404);
    const team = await buildTeam(t.deps);
    const outsider = await buildAgent(t.deps);
    const routed = await buildTicket(t.deps, agent.principal, requester.id, { teamId: team.id });
    expect((await call('GET', `/tickets/${routed.id}/timeline`, undefined, outsider)).status).toBe(404);
  });
});
