/**
 * Macros end to end: the catalogue (personal vs shared, who may change what, audit), template checks with their
 * details, the preview in the requester's language, and applying one: reply + changes in one transaction, the
 * macro named on the timeline, idempotent, invisible to requesters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildRequester, buildTeam, buildTicket, signIn, type BuiltAgent } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/harness.js';

const V1 = '/api/v1';
const PUBLIC_URL = 'https://support.relais.test';
let t: TestApp;
let admin: BuiltAgent;
let manager: BuiltAgent;
let lea: BuiltAgent; // agent of team N1
let hugo: BuiltAgent; // another agent of team N1
let teamN1: string;
let teamN2: string;
let frRequester: Awaited<ReturnType<typeof buildRequester>>;
let enRequester: Awaited<ReturnType<typeof buildRequester>>;
let requesterSession: Record<string, string>;

type Who = BuiltAgent | Record<string, string>;
const headers = (who: Who): Record<string, string> =>
  'principal' in who ? { authorization: `Bearer ${(who as BuiltAgent).token}` } : (who as Record<string, string>);
const call = (who: Who, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, extra: Record<string, string> = {}) =>
  t.app.inject({ method, url: `${V1}${url}`, headers: { ...headers(who), ...extra }, ...(payload ? { payload } : {}) });

const macro = async (who: BuiltAgent, body: object) => {
  const res = await call(who, 'POST', '/macros', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; name: string; shared: boolean; can_edit: boolean };
};
const audit = async (targetId: string) =>
  (await t.db.query<{ action: string }>('SELECT action FROM audit_log WHERE target_id = $1 ORDER BY seq', [targetId])).map((r) => r.action);
// Routing's own entries (nobody online in these tests: the ticket waits in its team queue) are left out.
const timeline = async (who: Who, ticketId: string) =>
  ((await call(who, 'GET', `/tickets/${ticketId}/timeline`)).json().data as Array<{
    id: string; kind: string; body: string | null; reason: string | null; data: Record<string, unknown>; visibility: string;
  }>).filter((e) => e.kind !== 'ticket.queued');
const freshTicket = (requesterId = frRequester.id) => buildTicket(t.deps, admin.principal, requesterId, { teamId: teamN1, subject: 'VPN inaccessible' });

beforeAll(async () => {
  t = await startTestApp({
    config: { RELAIS_PUBLIC_URL: PUBLIC_URL, RELAIS_SUPPORT_ADDRESSES: 'support@relais.test', RELAIS_SMTP_OUT_URL: 'smtp://127.0.0.1:9' },
  });
  teamN1 = (await buildTeam(t.deps, 'Support N1')).id;
  teamN2 = (await buildTeam(t.deps, 'Réseau N2')).id;
  admin = await buildAgent(t.deps, { role: 'admin' });
  manager = await buildAgent(t.deps, { role: 'manager' });
  lea = await buildAgent(t.deps, { teamIds: [teamN1] });
  hugo = await buildAgent(t.deps, { teamIds: [teamN1] });
  await t.db.query("UPDATE agents SET name = 'Léa Dubois' WHERE id = $1", [lea.agent.id]);
  frRequester = await buildRequester(t.deps);
  enRequester = await buildRequester(t.deps);
  await t.db.query("UPDATE requesters SET name = 'Jean Martin' WHERE id = $1", [frRequester.id]);
  const patched = await call(admin, 'PATCH', `/requesters/${enRequester.id}`, { name: 'Oliver Smith', language: 'en' });
  expect(patched.statusCode, patched.body).toBe(200);
  requesterSession = await signIn(t.app, frRequester.email);
});
afterAll(async () => t.close());

describe('the catalogue', () => {
  it('keeps a personal macro to its owner: others neither list, read, change nor delete it', async () => {
    const mine = await macro(lea, { name: 'Mon brouillon', body: { fr: 'Bonjour {{requester.first_name}}' } });
    expect(mine).toMatchObject({ shared: false, can_edit: true });
    const names = async (who: BuiltAgent, q = '') => ((await call(who, 'GET', `/macros${q}`)).json().data as Array<{ name: string }>).map((m) => m.name);
    expect(await names(lea)).toContain('Mon brouillon');
    expect(await names(hugo)).not.toContain('Mon brouillon');
    expect(await names(admin)).not.toContain('Mon brouillon');
    for (const [method, payload] of [['GET'], ['PATCH', { name: 'Volé' }], ['DELETE']] as const) {
      const res = await call(hugo, method, `/macros/${mine.id}`, payload);
      expect(res.statusCode, `${method} ${res.body}`).toBe(404);
      expect(res.json().error.code).toBe('MACRO_NOT_FOUND');
    }
    const renamed = await call(lea, 'PATCH', `/macros/${mine.id}`, { name: 'Mon modèle', actions: [{ type: 'add_tags', tags: ['VPN'] }] });
    expect(renamed.json()).toMatchObject({ name: 'Mon modèle', actions: [{ type: 'add_tags', tags: ['VPN'] }], body: { fr: 'Bonjour {{requester.first_name}}', en: null } });
    // Personal macros are nobody's configuration: no audit entry.
    expect(await audit(mine.id)).toEqual([]);
    expect((await call(lea, 'DELETE', `/macros/${mine.id}`)).statusCode).toBe(204);
    expect((await call(lea, 'GET', `/macros/${mine.id}`)).statusCode).toBe(404);
  });

  it('lets managers and administrators manage shared macros (audited); agents use them but cannot change them', async () => {
    const refused = await call(lea, 'POST', '/macros', { name: 'Partagée', body: { fr: 'x' }, shared: true });
    expect(refused.statusCode).toBe(403);
    const shared = await macro(manager, { name: 'Relance', body: { fr: 'Bonjour', en: 'Hello' }, shared: true });
    const seen = ((await call(lea, 'GET', '/macros?q=relance')).json().data as Array<{ id: string; can_edit: boolean; owner: unknown }>);
    expect(seen).toEqual([expect.objectContaining({ id: shared.id, can_edit: false, owner: { id: manager.agent.id, name: manager.agent.name } })]);
    expect((await call(lea, 'PATCH', `/macros/${shared.id}`, { name: 'Changée' })).statusCode).toBe(403);
    expect((await call(lea, 'DELETE', `/macros/${shared.id}`)).statusCode).toBe(403);
    // An agent cannot share their own macro either.
    const own = await macro(lea, { name: 'À partager', body: { fr: 'x' } });
    expect((await call(lea, 'PATCH', `/macros/${own.id}`, { shared: true })).statusCode).toBe(403);
    const edited = await call(admin, 'PATCH', `/macros/${shared.id}`, { body: { fr: 'Bonjour {{requester.first_name}}' } });
    expect(edited.json()).toMatchObject({ body: { fr: 'Bonjour {{requester.first_name}}', en: null }, can_edit: true });
    expect((await call(manager, 'DELETE', `/macros/${shared.id}`)).statusCode).toBe(204);
    expect(await audit(shared.id)).toEqual(['macro.created', 'macro.updated', 'macro.deleted']);
  });

  it('searches names in any case and without accents, and lists the template variables', async () => {
    await macro(manager, { name: 'Écran noir au démarrage', body: { fr: 'x' }, shared: true });
    const res = await call(hugo, 'GET', '/macros?q=ecran%20NOIR');
    expect(res.json().data.map((m: { name: string }) => m.name)).toEqual(['Écran noir au démarrage']);
    expect(res.json().variables).toContain('requester.first_name');
  });

  it('refuses invalid templates with details per language, and other mistakes with their paths', async () => {
    const bad = await call(lea, 'POST', '/macros', { name: 'Cassée', body: { fr: 'Bonjour {{requester.prenom}}', en: 'Hello {{#team.name}}x{{/team.name}}' } });
    expect(bad.statusCode).toBe(400);
    const err = bad.json().error;
    expect(err.code).toBe('INVALID_TEMPLATE');
    expect(err.details).toEqual([
      expect.objectContaining({ path: 'body.fr', variable: 'requester.prenom', message: expect.stringContaining('{{requester.prenom}}') }),
      expect.objectContaining({ path: 'body.en', message: expect.stringContaining('sections') }),
    ]);
    const unclosed = await call(lea, 'POST', '/macros', { name: 'Cassée', body: { en: 'Hello {{requester.name' } });
    expect(unclosed.json().error).toMatchObject({ code: 'INVALID_TEMPLATE', details: [{ path: 'body.en', message: expect.stringContaining('Unclosed tag') }] });

    const empty = await call(lea, 'POST', '/macros', { name: 'Vide', body: { fr: '   ' } });
    expect(empty.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body' }] });
    const unknownTeam = await call(lea, 'POST', '/macros', { name: 'Équipe', actions: [{ type: 'set_team', team_id: '00000000-0000-4000-8000-000000000000' }] });
    expect(unknownTeam.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'actions.0.team_id' }] });
    const twice = await call(lea, 'POST', '/macros', { name: 'Deux', actions: [{ type: 'set_status', status: 'pending' }, { type: 'set_status', status: 'open' }] });
    expect(twice.json().error.details).toEqual([expect.objectContaining({ path: 'actions.1' })]);
    const notAnAction = await call(lea, 'POST', '/macros', { name: 'Notifier', actions: [{ type: 'notify', recipients: ['team'], email: false }] });
    expect(notAnAction.statusCode).toBe(400);

    await macro(manager, { name: 'Doublon', body: { fr: 'x' }, shared: true });
    const dup = await call(admin, 'POST', '/macros', { name: 'doublon', body: { fr: 'y' }, shared: true });
    expect(dup.statusCode).toBe(409);
    // The same name is fine among one's own macros.
    await macro(lea, { name: 'Doublon', body: { fr: 'z' } });
  });
});

describe('rendering on a ticket', () => {
  let bilingual: string;
  let frenchOnly: string;
  beforeAll(async () => {
    bilingual = (await macro(manager, {
      name: 'Informations complémentaires',
      shared: true,
      body: {
        fr: 'Bonjour {{requester.first_name}},\n\nVotre demande n° {{ticket.number}} « {{ticket.subject}} » est {{ticket.status}} ({{team.name}}) : {{ticket.url}}\n\n{{agent.first_name}}',
        en: 'Hello {{requester.first_name}},\n\nYour request #{{ticket.number}} is {{ticket.status}}, priority {{ticket.priority}}.\n\n{{agent.name}}',
      },
      actions: [{ type: 'set_status', status: 'pending' }, { type: 'set_team', team_id: teamN2 }, { type: 'set_assignee', agent_id: null }],
    })).id;
    frenchOnly = (await macro(lea, { name: 'Seulement en français', body: { fr: 'Bonjour {{requester.name}}, statut {{ticket.status}}' } })).id;
  });

  it('fills the variables in French for a French requester, and describes the changes', async () => {
    const ticket = await freshTicket();
    const res = await call(lea, 'POST', `/tickets/${ticket.number}/macros/${bilingual}/render`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      language: 'fr',
      body: `Bonjour Jean,\n\nVotre demande n° ${ticket.number} « VPN inaccessible » est Nouveau (Support N1) : ${PUBLIC_URL}/portal/tickets/${ticket.number}\n\nLéa`,
      actions: [
        { type: 'set_status', status: 'pending' },
        { type: 'set_team', team_id: teamN2, team_name: 'Réseau N2' },
        { type: 'set_assignee', agent_id: null, agent_name: null },
      ],
      macro: { id: bilingual },
    });
    // A preview changes nothing.
    expect((await timeline(lea, ticket.id)).map((e) => e.kind)).toEqual(['ticket.created']);
  });

  it('speaks English to an English requester, and falls back to the other text', async () => {
    const ticket = await freshTicket(enRequester.id);
    const en = (await call(lea, 'POST', `/tickets/${ticket.id}/macros/${bilingual}/render`)).json();
    expect(en.language).toBe('en');
    expect(en.body).toBe(`Hello Oliver,\n\nYour request #${ticket.number} is New, priority ${{ P1: 'Critical', P2: 'High', P3: 'Medium', P4: 'Low' }[ticket.priority]}.\n\nLéa Dubois`);
    const fallback = (await call(lea, 'POST', `/tickets/${ticket.id}/macros/${frenchOnly}/render`)).json();
    expect(fallback).toMatchObject({ language: 'fr', body: 'Bonjour Oliver Smith, statut Nouveau' });
  });

  it('needs a ticket the agent can see and a macro they can use', async () => {
    const other = await buildTicket(t.deps, admin.principal, frRequester.id, { teamId: teamN2 });
    expect((await call(lea, 'POST', `/tickets/${other.id}/macros/${bilingual}/render`)).json().error.code).toBe('TICKET_NOT_FOUND');
    const ticket = await freshTicket();
    expect((await call(hugo, 'POST', `/tickets/${ticket.id}/macros/${frenchOnly}/render`)).json().error.code).toBe('MACRO_NOT_FOUND');
  });
});

describe('applying a macro', () => {
  let askInfo: { id: string; name: string };
  beforeAll(async () => {
    askInfo = await macro(manager, {
      name: 'Demande d’informations complémentaires',
      shared: true,
      body: { fr: 'Bonjour {{requester.first_name}}, pouvez-vous préciser le message d’erreur ?' },
      actions: [{ type: 'set_status', status: 'pending' }, { type: 'add_tags', tags: ['attente-info'] }, { type: 'set_urgency', urgency: 1 }],
    });
  });

  it('replies and changes the fields in one go, the macro named on every entry', async () => {
    const ticket = await freshTicket();
    const res = await call(lea, 'POST', `/tickets/${ticket.id}/macros/${askInfo.id}/apply`, {});
    expect(res.statusCode, res.body).toBe(201);
    const out = res.json();
    expect(out.changed).toBe(true);
    expect(out.entry).toMatchObject({ kind: 'ticket.replied', body: 'Bonjour Jean, pouvez-vous préciser le message d’erreur ?' });
    expect(out.ticket).toMatchObject({ status: 'pending', tags: ['attente-info'], urgency: 1, first_response_at: expect.any(String) });

    const reason = 'macro «Demande d’informations complémentaires»';
    const source = { kind: 'macro', id: askInfo.id, name: askInfo.name };
    const entries = await timeline(lea, ticket.id);
    expect(entries.map((e) => [e.kind, e.reason])).toEqual([
      ['ticket.created', expect.anything()],
      ['ticket.replied', reason],
      ['ticket.status_changed', 'agent replied'],
      ['ticket.status_changed', reason],
      ['ticket.priority_changed', expect.stringContaining(reason)],
      ['ticket.fields_changed', reason],
    ]);
    for (const e of entries.filter((x) => x.reason?.includes('macro'))) expect(e.data.source).toEqual(source);
    // The requester got the reply by mail, queued with it.
    const mail = await t.db.query<{ kind: string; text_body: string }>('SELECT kind, text_body FROM outbound_messages WHERE ticket_id = $1', [ticket.id]);
    expect(mail).toEqual([expect.objectContaining({ kind: 'reply', text_body: expect.stringContaining('Bonjour Jean, pouvez-vous préciser') })]);
  });

  it('sends the edited text and leaves out the changes the agent removed', async () => {
    const ticket = await freshTicket();
    const res = await call(lea, 'POST', `/tickets/${ticket.id}/macros/${askInfo.id}/apply`, {
      body: 'Bonjour Jean, texte retouché.', omit_actions: ['add_tags', 'set_urgency'],
    });
    expect(res.json()).toMatchObject({ entry: { body: 'Bonjour Jean, texte retouché.' }, ticket: { status: 'pending', tags: [], urgency: ticket.urgency } });
  });

  it('with an empty text, applies only the changes (no reply, no first response)', async () => {
    const ticket = await freshTicket();
    const res = await call(lea, 'POST', `/tickets/${ticket.id}/macros/${askInfo.id}/apply`, { body: '  ' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ entry: null, ticket: { status: 'pending', first_response_at: null } });
    expect((await timeline(lea, ticket.id)).map((e) => e.kind)).not.toContain('ticket.replied');
    const nothing = await call(lea, 'POST', `/tickets/${ticket.id}/macros/${askInfo.id}/apply`, {
      body: '', omit_actions: ['set_status', 'add_tags', 'set_urgency'],
    });
    expect(nothing.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('rolls the reply back when a change is refused: all or nothing', async () => {
    const closing = await macro(manager, { name: 'Fermer', shared: true, body: { fr: 'Je ferme.' }, actions: [{ type: 'set_status', status: 'closed' }] });
    const ticket = await freshTicket();
    // new → (reply) open → closed: the lifecycle refuses open → closed.
    const res = await call(lea, 'POST', `/tickets/${ticket.id}/macros/${closing.id}/apply`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('TRANSITION_NOT_ALLOWED');
    expect((await timeline(lea, ticket.id)).map((e) => e.kind)).toEqual(['ticket.created']);
    const after = (await call(lea, 'GET', `/tickets/${ticket.id}`)).json();
    expect(after).toMatchObject({ status: 'new', first_response_at: null });
    expect(await t.db.query('SELECT id FROM outbound_messages WHERE ticket_id = $1', [ticket.id])).toEqual([]);
  });

  it('is idempotent: a retry with the same key answers the first result and writes nothing more', async () => {
    const ticket = await freshTicket();
    const key = { 'idempotency-key': `macro-${ticket.id}` };
    const first = await call(lea, 'POST', `/tickets/${ticket.id}/macros/${askInfo.id}/apply`, {}, key);
    const again = await call(lea, 'POST', `/tickets/${ticket.id}/macros/${askInfo.id}/apply`, {}, key);
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().entry.id).toBe(first.json().entry.id);
    expect(again.json()).toMatchObject({ changed: true, ticket: { status: 'pending' } });
    expect((await timeline(lea, ticket.id)).filter((e) => e.kind === 'ticket.replied')).toHaveLength(1);
    const otherBody = await call(lea, 'POST', `/tickets/${ticket.id}/macros/${askInfo.id}/apply`, { body: 'autre' }, key);
    expect(otherBody.statusCode).toBe(422);
  });

  it('shows the requester the reply and the status, never the macro', async () => {
    const ticket = await freshTicket();
    expect((await call(lea, 'POST', `/tickets/${ticket.id}/macros/${askInfo.id}/apply`, {})).statusCode).toBe(201);
    const seen = await timeline(requesterSession, ticket.id);
    expect(seen.map((e) => e.kind)).toEqual(['ticket.created', 'ticket.replied', 'ticket.status_changed', 'ticket.status_changed']);
    expect(JSON.stringify(seen)).not.toContain('macro');
    expect(seen.every((e) => e.reason === null && !('source' in e.data))).toBe(true);
  });

  it('is for agents only: requesters get 403 on every macro route', async () => {
    const ticket = await freshTicket();
    const routes: Array<['GET' | 'POST' | 'PATCH' | 'DELETE', string, object?]> = [
      ['GET', '/macros'],
      ['POST', '/macros', { name: 'x', body: { fr: 'x' } }],
      ['GET', `/macros/${askInfo.id}`],
      ['PATCH', `/macros/${askInfo.id}`, { name: 'x' }],
      ['DELETE', `/macros/${askInfo.id}`],
      ['POST', `/tickets/${ticket.id}/macros/${askInfo.id}/render`],
      ['POST', `/tickets/${ticket.id}/macros/${askInfo.id}/apply`, {}],
    ];
    for (const [method, url, payload] of routes) {
      const res = await call(requesterSession, method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await timeline(lea, ticket.id)).map((e) => e.kind)).toEqual(['ticket.created']);
  });
});
