import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildRequester, buildTeam, buildTicket, signIn, TEST_PASSWORD, type BuiltAgent } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: BuiltAgent;
let manager: BuiltAgent;
let agent: BuiltAgent;

beforeAll(async () => {
  t = await startTestApp();
  admin = await buildAgent(t.deps, { role: 'admin' });
  manager = await buildAgent(t.deps, { role: 'manager' });
  agent = await buildAgent(t.deps, { role: 'agent' });
});
afterAll(async () => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const bearer = (who: BuiltAgent) => ({ authorization: `Bearer ${who.token}` });
const call = (method: Method, url: string, headers: Record<string, string>, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

const auditRows = (action: string, targetId: string) =>
  t.db.query<{ actor_id: string | null; data: Record<string, unknown> }>(
    'SELECT actor_id, data FROM audit_log WHERE action = $1 AND target_id = $2 ORDER BY seq',
    [action, targetId],
  );

describe('requesters', () => {
  it('creates a requester with identities, organization, language and time zone', async () => {
    const org = (await call('POST', '/organizations', bearer(manager), { name: 'Mairie de Lyon', domain: 'Lyon.fr' })).json();
    const res = await call('POST', '/requesters', bearer(agent), {
      name: 'Élodie Martin', email: 'Elodie.Martin@Lyon.fr', password: 'un mot de passe sûr', phone: '+33 4 72 10 30 30',
      phones: ['06 12 34 56 78', '+33 4 72 10 30 30'], organization_id: org.id, language: 'en', time_zone: 'europe/paris',
    });
    expect(res.statusCode).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({
      name: 'Élodie Martin', email: 'elodie.martin@lyon.fr', language: 'en', time_zone: 'Europe/Paris', portal_access: true,
      organization: { id: org.id, name: 'Mairie de Lyon' },
    });
    expect(r.identities.map((i: { kind: string; value: string; primary: boolean }) => [i.kind, i.value, i.primary])).toEqual([
      ['email', 'elodie.martin@lyon.fr', true],
      ['phone', '+33472103030', true],
      ['phone', '0612345678', false],
    ]);
    // The password works at the sign-in route; the audit says who created the account.
    const login = await call('POST', '/auth/login', {}, { email: 'elodie.martin@lyon.fr', password: 'un mot de passe sûr' });
    expect(login.json()).toMatchObject({ kind: 'requester', id: r.id });
    expect((await auditRows('requester.created', r.id))[0]).toMatchObject({ actor_id: agent.agent.id, data: { portal_access: true } });
  });

  it('refuses a taken email (409 EMAIL_TAKEN), a bad time zone, a weak password, an unknown organization', async () => {
    await buildRequester(t.deps, { email: 'deja.la@client.test' });
    const taken = await call('POST', '/requesters', bearer(agent), { name: 'X', email: 'DEJA.LA@client.test' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('EMAIL_TAKEN');
    const cases: Array<[object, number, string, string]> = [
      [{ time_zone: 'Mars/Olympus' }, 400, 'VALIDATION_FAILED', 'time_zone'],
      [{ time_zone: '+01:00' }, 400, 'VALIDATION_FAILED', 'time_zone'],
      [{ password: 'court' }, 400, 'VALIDATION_FAILED', 'password'],
      [{ phones: ['appelle-moi'] }, 400, 'VALIDATION_FAILED', 'phones.0'],
      [{ language: 'de' }, 400, 'VALIDATION_FAILED', 'body.language'],
      [{ organization_id: '0190a3c2-0000-7000-8000-000000000000' }, 404, 'ORGANIZATION_NOT_FOUND', 'organization_id'],
    ];
    for (const [extra, status, code, path] of cases) {
      const res = await call('POST', '/requesters', bearer(agent), { name: 'Y', email: 'y@client.test', ...extra });
      expect(res.statusCode, JSON.stringify(extra)).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.details[0].path).toBe(path);
    }
    const requester = await buildRequester(t.deps);
    const self = await call('POST', '/requesters', await signIn(t.app, requester.email), { name: 'Z', email: 'z@client.test' });
    expect(self.statusCode).toBe(403);
  });

  it('lists and searches by name (accent-insensitive), email or phone, by organization, page by page', async () => {
    const org = (await call('POST', '/organizations', bearer(manager), { name: 'Clinique Saint-Roch' })).json();
    for (const name of ['Zoé Dupré', 'Zacharie Durand', 'Zélie Dumont']) {
      const email = `${name.split(' ')[0]!.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}@roch.test`;
      expect((await call('POST', '/requesters', bearer(agent), { name, email, organization_id: org.id, phone: '+33 5 00 00 00 0' + name.length })).statusCode).toBe(201);
    }
    const byName = await call('GET', '/requesters?q=zoe', bearer(agent));
    expect(byName.json().data.map((r: { name: string }) => r.name)).toEqual(['Zoé Dupré']);
    const byEmail = await call('GET', '/requesters?q=zacharie%40roch', bearer(agent));
    expect(byEmail.json().data.map((r: { name: string }) => r.name)).toEqual(['Zacharie Durand']);
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call('GET', `/requesters?organization=${org.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, bearer(agent));
      expect(res.statusCode).toBe(200);
      pages.push(...res.json().data.map((r: { name: string }) => r.name));
      cursor = res.json().next_cursor;
    } while (cursor);
    const onePage = await call('GET', `/requesters?organization=${org.id}`, bearer(agent));
    expect(pages).toEqual(onePage.json().data.map((r: { name: string }) => r.name));
    expect([...pages].sort()).toEqual(['Zacharie Durand', 'Zoé Dupré', 'Zélie Dumont'].sort());
    const bad = await call('GET', '/requesters?cursor=nope', bearer(agent));
    expect(bad.statusCode).toBe(400);
  });

  it('lets a requester read themself but no one else', async () => {
    const me = await buildRequester(t.deps);
    const other = await buildRequester(t.deps);
    const session = await signIn(t.app, me.email);
    expect((await call('GET', `/requesters/${me.id}`, session)).json()).toMatchObject({ id: me.id, email: me.email });
    const probe = await call('GET', `/requesters/${other.id}`, session);
    expect(probe.statusCode).toBe(404);
    expect(probe.json().error.code).toBe('REQUESTER_NOT_FOUND');
    expect((await call('GET', '/requesters', session)).statusCode).toBe(403);
    expect((await call('GET', `/requesters/${other.id}`, bearer(agent))).statusCode).toBe(200);
  });

  it('edits a requester and adds or removes identities, keeping one primary of each kind', async () => {
    const r = await buildRequester(t.deps, { email: 'identites@client.test' });
    const org = (await call('POST', '/organizations', bearer(manager), { name: 'Identités SA' })).json();
    const added = await call('PATCH', `/requesters/${r.id}`, bearer(agent), {
      name: 'Nom Modifié', organization_id: org.id, time_zone: 'America/Montreal',
      add_identities: [{ kind: 'email', value: 'Perso@Exemple.test', primary: true }, { kind: 'phone', value: '+1 514 555 0101' }],
    });
    expect(added.statusCode).toBe(200);
    const body = added.json();
    expect(body).toMatchObject({ name: 'Nom Modifié', email: 'perso@exemple.test', time_zone: 'America/Montreal', organization: { id: org.id } });
    const old = body.identities.find((i: { value: string }) => i.value === 'identites@client.test');
    const personal = body.identities.find((i: { value: string }) => i.value === 'perso@exemple.test');
    expect(old.primary).toBe(false);
    expect(body.identities.find((i: { kind: string }) => i.kind === 'phone').primary).toBe(true);

    const removed = await call('PATCH', `/requesters/${r.id}`, bearer(agent), { remove_identity_ids: [personal.id] });
    expect(removed.json().email).toBe('identites@client.test');
    expect(removed.json().identities.find((i: { id: string }) => i.id === old.id).primary).toBe(true);
    expect((await auditRows('requester.identities_changed', r.id)).length).toBe(2);

    const all = removed.json().identities.map((i: { id: string }) => i.id);
    const empty = await call('PATCH', `/requesters/${r.id}`, bearer(agent), { remove_identity_ids: all });
    expect(empty.statusCode).toBe(400);
    const someoneElse = await buildRequester(t.deps);
    const stolen = await call('PATCH', `/requesters/${r.id}`, bearer(agent), { add_identities: [{ kind: 'email', value: someoneElse.email }] });
    expect(stolen.statusCode).toBe(409);
    expect(stolen.json().error.code).toBe('EMAIL_TAKEN');
    const foreign = await call('PATCH', `/requesters/${r.id}`, bearer(agent), {
      remove_identity_ids: [(await call('GET', `/requesters/${someoneElse.id}`, bearer(agent))).json().identities[0].id],
    });
    expect(foreign.statusCode).toBe(400);
    expect((await call('PATCH', `/requesters/${r.id}`, bearer(agent), { colour: 'red' })).statusCode).toBe(400);
  });
});

describe('organizations', () => {
  it('lets managers and admins write, agents read', async () => {
    const byAgent = await call('POST', '/organizations', bearer(agent), { name: 'Refusée' });
    expect(byAgent.statusCode).toBe(403);
    const created = await call('POST', '/organizations', bearer(admin), { name: 'Transports Urbains', domain: 'tu.example' });
    expect(created.statusCode).toBe(201);
    const dup = await call('POST', '/organizations', bearer(manager), { name: 'transports urbains' });
    expect(dup.statusCode).toBe(409);
    const list = await call('GET', '/organizations?q=urbains', bearer(agent));
    expect(list.json().data).toEqual([expect.objectContaining({ name: 'Transports Urbains', domain: 'tu.example', requester_count: 0 })]);
    expect((await call('GET', `/organizations/${created.json().id}`, bearer(agent))).statusCode).toBe(200);
    expect((await call('PATCH', `/organizations/${created.json().id}`, bearer(agent), { name: 'X' })).statusCode).toBe(403);
    expect((await call('POST', '/organizations', bearer(manager), { name: 'Bad', domain: 'not a domain' })).statusCode).toBe(400);
  });

  it("turns ticket sharing on: members then see each other's tickets, and the change is audited", async () => {
    const org = (await call('POST', '/organizations', bearer(manager), { name: 'Cabinet Partagé' })).json();
    const alice = await buildRequester(t.deps, { organizationId: org.id });
    const bob = await buildRequester(t.deps, { organizationId: org.id });
    const ticket = await buildTicket(t.deps, admin.principal, alice.id);
    const bobSession = await signIn(t.app, bob.email);
    expect((await call('GET', `/tickets/${ticket.id}`, bobSession)).statusCode).toBe(404);
    const patched = await call('PATCH', `/organizations/${org.id}`, bearer(manager), { requesters_see_org_tickets: true });
    expect(patched.json()).toMatchObject({ requesters_see_org_tickets: true, requester_count: 2 });
    expect((await call('GET', `/tickets/${ticket.id}`, bobSession)).statusCode).toBe(200);
    expect(await auditRows('organization.ticket_sharing_changed', org.id)).toEqual([
      { actor_id: manager.agent.id, data: { from: false, to: true } },
    ]);
  });
});

describe('agents', () => {
  it('lets admins create agents (audited) and agents list them', async () => {
    const team = await buildTeam(t.deps);
    const res = await call('POST', '/agents', bearer(admin), {
      name: 'Nadia Benali', email: 'Nadia@relais.test', password: 'mot de passe long', role: 'agent', tier: 'L2',
      language: 'fr', time_zone: 'Europe/Paris', team_ids: [team.id],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ email: 'nadia@relais.test', role: 'agent', tier: 'L2', team_ids: [team.id], active: true });
    expect((await auditRows('agent.created', res.json().id))[0]?.actor_id).toBe(admin.agent.id);
    expect((await call('POST', '/agents', bearer(manager), { name: 'X', email: 'x@relais.test', role: 'agent' })).statusCode).toBe(403);
    const dup = await call('POST', '/agents', bearer(admin), { name: 'X', email: 'NADIA@relais.test', role: 'agent' });
    expect(dup.json().error.code).toBe('EMAIL_TAKEN');
    const tz = await call('POST', '/agents', bearer(admin), { name: 'X', email: 'tz@relais.test', role: 'agent', time_zone: 'Nowhere/City' });
    expect(tz.statusCode).toBe(400);
    const inTeam = await call('GET', `/agents?team=${team.id}`, bearer(agent));
    expect(inTeam.json().data.map((a: { id: string }) => a.id)).toEqual([res.json().id]);
    expect((await call('GET', `/agents/${res.json().id}`, bearer(agent))).json().name).toBe('Nadia Benali');
  });

  it('records role changes with from/to; agents edit only their own profile fields', async () => {
    const target = await buildAgent(t.deps, { role: 'agent' });
    const promoted = await call('PATCH', `/agents/${target.agent.id}`, bearer(admin), { role: 'manager', tier: 'L3' });
    expect(promoted.json()).toMatchObject({ role: 'manager', tier: 'L3' });
    expect(await auditRows('agent.role_changed', target.agent.id)).toEqual([
      { actor_id: admin.agent.id, data: { from: 'agent', to: 'manager' } },
    ]);
    const session = await signIn(t.app, target.agent.email);
    const own = await call('PATCH', `/agents/${target.agent.id}`, session, { name: 'Nouveau Nom', language: 'en', time_zone: 'Europe/London' });
    expect(own.json()).toMatchObject({ name: 'Nouveau Nom', language: 'en', time_zone: 'Europe/London' });
    expect((await call('PATCH', `/agents/${target.agent.id}`, session, { role: 'admin' })).statusCode).toBe(403);
    expect((await call('PATCH', `/agents/${agent.agent.id}`, session, { name: 'Pas moi' })).statusCode).toBe(403);
    expect((await call('PATCH', `/agents/${target.agent.id}`, session, { time_zone: 'Lune/Base' })).statusCode).toBe(400);
  });

  it('changes a password: current one required for oneself, other sessions end, audited', async () => {
    const me = await buildAgent(t.deps);
    const here = await signIn(t.app, me.agent.email);
    const elsewhere = await signIn(t.app, me.agent.email);
    const noCurrent = await call('PATCH', `/agents/${me.agent.id}`, here, { password: 'un nouveau secret' });
    expect(noCurrent.statusCode).toBe(400);
    expect(noCurrent.json().error.details[0].path).toBe('current_password');
    const viaToken = await call('PATCH', `/agents/${me.agent.id}`, bearer(me), { password: 'un nouveau secret', current_password: TEST_PASSWORD });
    expect(viaToken.statusCode).toBe(403);
    const ok = await call('PATCH', `/agents/${me.agent.id}`, here, { password: 'un nouveau secret', current_password: TEST_PASSWORD });
    expect(ok.statusCode).toBe(200);
    expect((await call('GET', '/auth/me', here)).statusCode).toBe(200);
    expect((await call('GET', '/auth/me', elsewhere)).statusCode).toBe(401);
    const login = await call('POST', '/auth/login', {}, { email: me.agent.email, password: 'un nouveau secret' });
    expect(login.statusCode).toBe(200);
    expect((await auditRows('agent.password_changed', me.agent.id))[0]?.data).toEqual({ by: 'self' });
    const reset = await call('PATCH', `/agents/${me.agent.id}`, bearer(admin), { password: 'remis par admin' });
    expect(reset.statusCode).toBe(200);
    expect((await call('GET', '/auth/me', here)).statusCode).toBe(401);
  });

  it('deactivation signs the agent out everywhere; team changes change what they see', async () => {
    const team = await buildTeam(t.deps);
    const target = await buildAgent(t.deps);
    const requester = await buildRequester(t.deps);
    const ticket = await buildTicket(t.deps, admin.principal, requester.id, { teamId: team.id });
    const session = await signIn(t.app, target.agent.email);
    expect((await call('GET', `/tickets/${ticket.id}`, session)).statusCode).toBe(404);
    await call('PATCH', `/agents/${target.agent.id}`, bearer(admin), { team_ids: [team.id] });
    expect((await call('GET', `/tickets/${ticket.id}`, session)).statusCode).toBe(200);
    expect((await auditRows('agent.teams_changed', target.agent.id))[0]?.data).toEqual({ from: [], to: [team.id] });

    const off = await call('PATCH', `/agents/${target.agent.id}`, bearer(admin), { active: false });
    expect(off.json().active).toBe(false);
    const sessions = await t.db.query('SELECT 1 FROM sessions WHERE principal_id = $1', [target.agent.id]);
    expect(sessions).toHaveLength(0);
    expect((await call('GET', '/auth/me', session)).statusCode).toBe(401);
    expect((await call('GET', '/auth/me', bearer(target))).statusCode).toBe(401);
    expect(await auditRows('agent.deactivated', target.agent.id)).toHaveLength(1);
    const listed = await call('GET', '/agents?active=false', bearer(agent));
    expect(listed.json().data.map((a: { id: string }) => a.id)).toContain(target.agent.id);
    expect((await call('GET', '/agents', bearer(agent))).json().data.map((a: { id: string }) => a.id)).not.toContain(target.agent.id);
  });

  it('never demotes or deactivates the last active administrator', async () => {
    const solo = await startTestApp();
    try {
      const only = await buildAgent(solo.deps, { role: 'admin' });
      const h = { authorization: `Bearer ${only.token}` };
      const patch = (id: string, payload: object) => solo.app.inject({ method: 'PATCH', url: `/api/v1/agents/${id}`, headers: h, payload });
      for (const body of [{ role: 'manager' }, { active: false }]) {
        const res = await patch(only.agent.id, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(409);
        expect(res.json().error.code).toBe('LAST_ADMIN');
      }
      const second = await buildAgent(solo.deps, { role: 'admin' });
      // Both demotions at once: one wins, the other sees it and is refused.
      const both = await Promise.all([
        patch(only.agent.id, { role: 'agent' }),
        solo.app.inject({ method: 'PATCH', url: `/api/v1/agents/${second.agent.id}`, headers: { authorization: `Bearer ${second.token}` }, payload: { role: 'agent' } }),
      ]);
      expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const admins = await solo.db.query("SELECT id FROM agents WHERE role = 'admin' AND active");
      expect(admins).toHaveLength(1);
    } finally {
      await solo.close();
    }
  });
});
