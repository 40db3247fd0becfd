import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildRequester, buildTicket, signIn, type BuiltAgent } from '../support/factories.js';
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

describe('teams', () => {
  it('lets admins create, rename and list teams with their members', async () => {
    expect((await call('POST', '/teams', bearer(manager), { name: 'Réseau' })).statusCode).toBe(403);
    const res = await call('POST', '/teams', bearer(admin), { name: 'Réseau', description: 'N2 réseau et VPN' });
    expect(res.statusCode).toBe(201);
    const team = res.json();
    expect(team).toMatchObject({ name: 'Réseau', description: 'N2 réseau et VPN', member_count: 0, members: [] });
    expect((await call('POST', '/teams', bearer(admin), { name: 'RÉSEAU' })).statusCode).toBe(409);
    const member = await buildAgent(t.deps, { teamIds: [team.id], tier: 'L2' });
    const detail = await call('GET', `/teams/${team.id}`, bearer(agent));
    expect(detail.json()).toMatchObject({ member_count: 1, members: [{ id: member.agent.id, tier: 'L2', active: true }] });
    const renamed = await call('PATCH', `/teams/${team.id}`, bearer(admin), { name: 'Réseau & VPN' });
    expect(renamed.json()).toMatchObject({ name: 'Réseau & VPN', description: 'N2 réseau et VPN' });
    expect((await call('PATCH', `/teams/${team.id}`, bearer(agent), { name: 'x' })).statusCode).toBe(403);
    const list = await call('GET', '/teams', bearer(agent));
    expect(list.json().data).toContainEqual(expect.objectContaining({ id: team.id, member_count: 1 }));
    expect((await call('GET', '/teams/0190a3c2-0000-7000-8000-000000000000', bearer(agent))).json().error.code).toBe('TEAM_NOT_FOUND');
  });

  it('refuses to delete a team that tickets reference (409), deletes an unused one', async () => {
    const used = (await call('POST', '/teams', bearer(admin), { name: 'Support poste de travail' })).json();
    const unused = (await call('POST', '/teams', bearer(admin), { name: 'Équipe éphémère' })).json();
    const member = await buildAgent(t.deps, { teamIds: [unused.id] });
    const requester = await buildRequester(t.deps);
    await buildTicket(t.deps, admin.principal, requester.id, { teamId: used.id });
    const refused = await call('DELETE', `/teams/${used.id}`, bearer(admin));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'TEAM_IN_USE', details: { ticket_count: 1 } });
    expect((await call('DELETE', `/teams/${unused.id}`, bearer(manager))).statusCode).toBe(403);
    expect((await call('DELETE', `/teams/${unused.id}`, bearer(admin))).statusCode).toBe(204);
    expect((await call('GET', `/teams/${unused.id}`, bearer(admin))).statusCode).toBe(404);
    expect((await call('GET', `/agents/${member.agent.id}`, bearer(admin))).json().team_ids).toEqual([]);
    const audit = await t.db.query('SELECT actor_id FROM audit_log WHERE action = $1 AND target_id = $2', ['team.deleted', unused.id]);
    expect(audit).toEqual([{ actor_id: admin.agent.id }]);
  });
});

describe('categories', () => {
  const create = (body: object, who = admin) => call('POST', '/categories', bearer(who), body);

  it('builds a tree with materialized paths; everyone signed in reads it with full names', async () => {
    const network = (await create({ name_fr: 'Réseau', name_en: 'Network' })).json();
    const vpn = await create({ name_fr: 'VPN', name_en: 'VPN', parent_id: network.id });
    expect(vpn.statusCode).toBe(201);
    expect(vpn.json()).toMatchObject({
      parent_id: network.id, depth: 1, full_name: { fr: 'Réseau › VPN', en: 'Network › VPN' },
      path_names: { fr: ['Réseau', 'VPN'], en: ['Network', 'VPN'] },
    });
    const row = await t.db.one<{ path: string }>('SELECT path FROM categories WHERE id = $1', [vpn.json().id]);
    expect(row?.path).toBe(`/${network.id}/${vpn.json().id}/`);
    expect((await create({ name_fr: 'vpn', name_en: 'Other' , parent_id: network.id })).statusCode).toBe(409);
    expect((await create({ name_fr: 'X', name_en: 'X' }, manager)).statusCode).toBe(403);
    const orphan = await create({ name_fr: 'X', name_en: 'X', parent_id: '0190a3c2-0000-7000-8000-000000000000' });
    expect(orphan.json().error.code).toBe('CATEGORY_NOT_FOUND');

    const requester = await buildRequester(t.deps);
    const list = await call('GET', '/categories', await signIn(t.app, requester.email));
    expect(list.statusCode).toBe(200);
    const names = list.json().data.map((c: { full_name: { fr: string } }) => c.full_name.fr);
    expect(names).toEqual(expect.arrayContaining(['Réseau', 'Réseau › VPN']));
    expect(names.indexOf('Réseau')).toBeLessThan(names.indexOf('Réseau › VPN'));
    expect((await call('GET', '/categories', {})).statusCode).toBe(401);
  });

  it('renames and moves a subtree, rewriting descendants’ paths, and refuses cycles', async () => {
    const hw = (await create({ name_fr: 'Matériel', name_en: 'Hardware' })).json();
    const printers = (await create({ name_fr: 'Imprimantes', name_en: 'Printers', parent_id: hw.id })).json();
    const toner = (await create({ name_fr: 'Toner', name_en: 'Toner', parent_id: printers.id })).json();
    const office = (await create({ name_fr: 'Bureautique', name_en: 'Office' })).json();

    const moved = await call('PATCH', `/categories/${printers.id}`, bearer(admin), { parent_id: office.id, name_en: 'Printing' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().full_name).toEqual({ fr: 'Bureautique › Imprimantes', en: 'Office › Printing' });
    const paths = await t.db.query<{ id: string; path: string }>('SELECT id, path FROM categories WHERE id = ANY($1::uuid[])', [[printers.id, toner.id]]);
    expect(Object.fromEntries(paths.map((p) => [p.id, p.path]))).toEqual({
      [printers.id]: `/${office.id}/${printers.id}/`,
      [toner.id]: `/${office.id}/${printers.id}/${toner.id}/`,
    });
    const all = (await call('GET', '/categories', bearer(agent))).json().data;
    expect(all.find((c: { id: string }) => c.id === toner.id).full_name.fr).toBe('Bureautique › Imprimantes › Toner');

    for (const parent of [printers.id, toner.id]) {
      const cycle = await call('PATCH', `/categories/${printers.id}`, bearer(admin), { parent_id: parent });
      expect(cycle.statusCode).toBe(400);
      expect(cycle.json().error.details[0]).toMatchObject({ path: 'parent_id', message: 'would make a cycle' });
    }
    const toRoot = await call('PATCH', `/categories/${printers.id}`, bearer(admin), { parent_id: null });
    expect(toRoot.json()).toMatchObject({ parent_id: null, depth: 0 });
    const tonerRow = await t.db.one<{ path: string }>('SELECT path FROM categories WHERE id = $1', [toner.id]);
    expect(tonerRow?.path).toBe(`/${printers.id}/${toner.id}/`);
    expect((await call('PATCH', `/categories/${printers.id}`, bearer(agent), { name_fr: 'x' })).statusCode).toBe(403);
  });
});

describe('priority matrix setting', () => {
  const matrix = [['P1', 'P1', 'P2'], ['P2', 'P2', 'P3'], ['P3', 'P4', 'P4']];

  it('shows the default, lets admins replace it (audited), and new tickets follow it', async () => {
    const before = await call('GET', '/settings/priority-matrix', bearer(agent));
    expect(before.json()).toEqual({ matrix: [['P1', 'P2', 'P3'], ['P2', 'P3', 'P4'], ['P3', 'P4', 'P4']], is_default: true });
    expect((await call('PUT', '/settings/priority-matrix', bearer(manager), { matrix })).statusCode).toBe(403);
    const put = await call('PUT', '/settings/priority-matrix', bearer(admin), { matrix });
    expect(put.json()).toEqual({ matrix, is_default: false });
    expect((await call('GET', '/settings/priority-matrix', bearer(agent))).json().matrix).toEqual(matrix);
    const requester = await buildRequester(t.deps);
    const ticket = await buildTicket(t.deps, admin.principal, requester.id, { urgency: 1, impact: 2 });
    expect(ticket.priority).toBe('P1');
    const audit = await t.db.one<{ actor_id: string; data: { to: unknown } }>(
      "SELECT actor_id, data FROM audit_log WHERE action = 'settings.priority_matrix_changed'",
    );
    expect(audit).toMatchObject({ actor_id: admin.agent.id, data: { to: matrix } });
  });

  it('rejects a malformed matrix with INVALID_PRIORITY_MATRIX', async () => {
    for (const bad of [[['P1']], [['P1', 'P2', 'P9'], ['P2', 'P3', 'P4'], ['P3', 'P4', 'P4']]]) {
      const res = await call('PUT', '/settings/priority-matrix', bearer(admin), { matrix: bad });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('INVALID_PRIORITY_MATRIX');
    }
    expect((await call('PUT', '/settings/priority-matrix', bearer(admin), { matrix: 'P1' })).json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('audit log', () => {
  it('lets managers and admins read it newest first, filtered, page by page', async () => {
    const target = await buildAgent(t.deps);
    for (const role of ['manager', 'agent', 'manager'] as const) {
      expect((await call('PATCH', `/agents/${target.agent.id}`, bearer(admin), { role })).statusCode).toBe(200);
    }
    expect((await call('GET', '/audit-log', bearer(agent))).statusCode).toBe(403);
    const seen: Array<{ seq: number; data: { from: string; to: string } }> = [];
    let cursor: string | null = null;
    do {
      const res = await call('GET', `/audit-log?action=agent.role_changed&limit=2${cursor ? `&cursor=${cursor}` : ''}`, bearer(manager));
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().data);
      cursor = res.json().next_cursor;
    } while (cursor);
    const mine = seen.filter((e) => (e as unknown as { target_id: string }).target_id === target.agent.id);
    expect(mine.map((e) => `${e.data.from}>${e.data.to}`)).toEqual(['agent>manager', 'manager>agent', 'agent>manager']);
    expect(seen.map((e) => e.seq)).toEqual([...seen.map((e) => e.seq)].sort((a, b) => b - a));

    const family = await call('GET', `/audit-log?action=agent.*&actor=${admin.agent.id}`, bearer(admin));
    const actions = new Set(family.json().data.map((e: { action: string }) => e.action));
    expect([...actions].every((a) => String(a).startsWith('agent.'))).toBe(true);
    expect(actions.has('agent.role_changed')).toBe(true);
    expect((await call('GET', '/audit-log?action=DROP TABLE', bearer(admin))).statusCode).toBe(400);
  });
});
