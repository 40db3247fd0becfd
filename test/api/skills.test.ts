import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { makeDeps } from '../../src/usecases/deps.js';
import { DEFAULT_SKILLS, ensureDefaultSkills } from '../../src/usecases/skills/default-skills.js';
import { listSkills } from '../../src/store/skills.js';
import { buildAgent, buildRequester, buildTicket, type BuiltAgent } from '../support/factories.js';
import { startTestApp, testDatabase, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: BuiltAgent;
let manager: BuiltAgent;
let agent: BuiltAgent;
beforeAll(async () => {
  t = await startTestApp();
  admin = await buildAgent(t.deps, { role: 'admin' });
  manager = await buildAgent(t.deps, { role: 'manager' });
  agent = await buildAgent(t.deps);
});
afterAll(async () => t.close());

function call(who: BuiltAgent, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  return t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${who.token}` }, ...(payload ? { payload } : {}) });
}
async function create(kind: 'domain' | 'brand', name_en: string, name_fr = name_en): Promise<string> {
  const res = await call(admin, 'POST', '/skills', { kind, name_en, name_fr });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
const auditOf = (id: string) =>
  t.db.query<{ action: string; actor_id: string; data: Record<string, unknown> }>(
    'SELECT action, actor_id, data FROM audit_log WHERE target_kind = $1 AND target_id = $2 ORDER BY seq', ['skill', id]);

describe('the skill catalogue', () => {
  it('creates, reads, lists with filters, renames, deactivates and deletes skills', async () => {
    const created = await call(admin, 'POST', '/skills', { kind: 'domain', name_en: '  Networking ', name_fr: 'Réseau' });
    expect(created.statusCode, created.body).toBe(201);
    const net = created.json();
    expect(net).toMatchObject({ kind: 'domain', name_en: 'Networking', name_fr: 'Réseau', active: true, agent_count: 0 });
    expect(net.created_at).toBe(net.updated_at);
    const cisco = await create('brand', 'Cisco');
    await create('brand', 'Canon');

    expect((await call(agent, 'GET', `/skills/${net.id}`)).json()).toEqual(net);
    const all = (await call(agent, 'GET', '/skills')).json().data.map((s: { name_en: string }) => s.name_en);
    expect(all).toEqual(['Networking', 'Canon', 'Cisco']); // domains first, then brands, by name
    const brands = (await call(agent, 'GET', '/skills?kind=brand')).json().data.map((s: { name_en: string }) => s.name_en);
    expect(brands).toEqual(['Canon', 'Cisco']);
    const byFrench = (await call(agent, 'GET', '/skills?q=reseau')).json().data;
    expect(byFrench.map((s: { id: string }) => s.id)).toEqual([net.id]);

    const renamed = await call(admin, 'PATCH', `/skills/${cisco}`, { name_fr: 'Cisco Systems', kind: 'brand' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name_en: 'Cisco', name_fr: 'Cisco Systems' });
    const off = await call(admin, 'PATCH', `/skills/${cisco}`, { active: false });
    expect(off.json().active).toBe(false);
    expect((await call(agent, 'GET', '/skills?active=true&kind=brand')).json().data.map((s: { name_en: string }) => s.name_en)).toEqual(['Canon']);
    expect((await call(agent, 'GET', '/skills?active=false')).json().data.map((s: { id: string }) => s.id)).toEqual([cisco]);

    const deleted = await call(admin, 'DELETE', `/skills/${cisco}`);
    expect(deleted.statusCode).toBe(204);
    const gone = await call(agent, 'GET', `/skills/${cisco}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('SKILL_NOT_FOUND');
    expect((await call(admin, 'DELETE', `/skills/${cisco}`)).statusCode).toBe(404);
    expect((await call(admin, 'PATCH', `/skills/${cisco}`, { active: true })).json().error.code).toBe('SKILL_NOT_FOUND');

    const audit = await auditOf(cisco);
    expect(audit.map((a) => a.action)).toEqual(['skill.created', 'skill.updated', 'skill.updated', 'skill.deleted']);
    expect(audit.every((a) => a.actor_id === admin.agent.id)).toBe(true);
    expect(audit[1]!.data).toEqual({ from: { name_fr: 'Cisco' }, to: { name_fr: 'Cisco Systems' } });
    expect(audit[2]!.data).toEqual({ from: { active: true }, to: { active: false } });
    expect(audit[3]!.data).toMatchObject({ name_en: 'Cisco', name_fr: 'Cisco Systems' });
  });

  it('answers bad input with a path for each problem', async () => {
    const missing = await call(admin, 'POST', '/skills', { kind: 'domain', name_en: 'Backup' });
    expect(missing.statusCode).toBe(400);
    expect(JSON.stringify(missing.json().error.details)).toContain('name_fr');
    const blank = await call(admin, 'POST', '/skills', { kind: 'domain', name_en: '   ', name_fr: 'Sauvegarde' });
    expect(blank.statusCode).toBe(400);
    expect(JSON.stringify(blank.json().error.details)).toContain('name_en');
    const kind = await call(admin, 'POST', '/skills', { kind: 'vendor', name_en: 'Dell', name_fr: 'Dell' });
    expect(kind.statusCode).toBe(400);
    expect(JSON.stringify(kind.json().error.details)).toContain('kind');
    const extra = await call(admin, 'POST', '/skills', { kind: 'brand', name_en: 'Dell', name_fr: 'Dell', level: 3 });
    expect(extra.statusCode).toBe(400);
    const long = await call(admin, 'PATCH', `/skills/${uuidv7()}`, { name_en: 'x'.repeat(81) });
    expect(long.statusCode).toBe(400);
    expect(JSON.stringify(long.json().error.details)).toContain('name_en');
    expect((await call(agent, 'GET', '/skills?active=maybe')).statusCode).toBe(400);
    expect((await call(agent, 'GET', '/skills/not-a-uuid')).statusCode).toBe(400);
  });

  it('refuses duplicate names in either language, case and accents ignored', async () => {
    await create('domain', 'Security', 'Sécurité');
    const sameEn = await call(admin, 'POST', '/skills', { kind: 'domain', name_en: 'SECURITY', name_fr: 'Sûreté' });
    expect(sameEn.statusCode).toBe(409);
    expect(sameEn.json().error).toMatchObject({ code: 'CONFLICT', details: [{ path: 'name_en' }] });
    const sameFr = await call(admin, 'POST', '/skills', { kind: 'domain', name_en: 'Safety', name_fr: 'securite' });
    expect(sameFr.json().error).toMatchObject({ code: 'CONFLICT', details: [{ path: 'name_fr' }] });
    // One skill's French name is another's English one: still the same word to people.
    const crossed = await call(admin, 'POST', '/skills', { kind: 'domain', name_en: 'Sécurité', name_fr: 'Sécurité informatique' });
    expect(crossed.json().error.details).toEqual([{ path: 'name_en', message: 'already used by the skill Sécurité' }]);

    const backup = await create('domain', 'Backup', 'Sauvegarde');
    const rename = await call(admin, 'PATCH', `/skills/${backup}`, { name_en: 'security' });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().error.details).toMatchObject([{ path: 'name_en' }]);
    // Its own names, differently written, are not a conflict.
    const recase = await call(admin, 'PATCH', `/skills/${backup}`, { name_en: 'BACKUP', name_fr: 'sauvegarde' });
    expect(recase.statusCode, recase.body).toBe(200);
  });

  it('refuses to delete a skill agents, routing rules or open tickets use, and counts active holders', async () => {
    const windows = await create('domain', 'Windows');
    const active = await buildAgent(t.deps, { role: 'agent' });
    const gone = await buildAgent(t.deps, { role: 'agent' });
    for (const [who, level] of [[active, 3], [gone, 1]] as const) {
      const res = await call(admin, 'PATCH', `/agents/${who.agent.id}`, { skills: [{ skill_id: windows, level }] });
      expect(res.statusCode, res.body).toBe(200);
    }
    await call(admin, 'PATCH', `/agents/${gone.agent.id}`, { active: false });
    expect((await call(agent, 'GET', `/skills/${windows}`)).json().agent_count).toBe(1);

    const holders = await call(agent, 'GET', `/skills/${windows}/agents`);
    expect(holders.statusCode, holders.body).toBe(200);
    expect(holders.json().skill.id).toBe(windows);
    expect(holders.json().data.map((a: { id: string; level: number; active: boolean }) => [a.id, a.level, a.active])).toEqual([
      [active.agent.id, 3, true], [gone.agent.id, 1, false],
    ]);
    expect(holders.json().data[0]).toMatchObject({ tier: 'L1', availability: 'offline', team_ids: [] });

    const refused = await call(admin, 'DELETE', `/skills/${windows}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'SKILL_IN_USE', details: { agent_count: 2, routing_rule_count: 0, open_ticket_count: 0 },
    });
    expect(refused.json().error.message).toMatch(/deactivate it instead/);

    // Rules and unfinished tickets that require it block the deletion too; resolved tickets do not.
    const printing = await create('domain', 'Printing', 'Impression');
    const required = JSON.stringify([{ skill_id: printing, level: 2 }]);
    const ruleId = uuidv7();
    await t.db.query(
      `INSERT INTO routing_rules (id, name, position, required_skills, created_at, updated_at) VALUES ($1, 'Imprimantes', 1, $2, now(), now())`,
      [ruleId, required]);
    const requester = await buildRequester(t.deps);
    const open = await buildTicket(t.deps, admin.principal, requester.id);
    const done = await buildTicket(t.deps, admin.principal, requester.id);
    await t.db.query('UPDATE tickets SET required_skills = $2 WHERE id = ANY($1::uuid[])', [[open.id, done.id], required]);
    await t.db.query("UPDATE tickets SET status = 'resolved', resolved_at = now() WHERE id = $1", [done.id]);
    const blocked = await call(admin, 'DELETE', `/skills/${printing}`);
    expect(blocked.json().error.details).toEqual({ agent_count: 0, routing_rule_count: 1, open_ticket_count: 1 });

    await t.db.query('DELETE FROM routing_rules WHERE id = $1', [ruleId]);
    await t.db.query("UPDATE tickets SET status = 'closed', closed_at = now() WHERE id = $1", [open.id]);
    expect((await call(admin, 'DELETE', `/skills/${printing}`)).statusCode).toBe(204);
    // Deactivating is the way out for a skill in use: holders keep it.
    expect((await call(admin, 'PATCH', `/skills/${windows}`, { active: false })).json()).toMatchObject({ active: false, agent_count: 1 });
    expect((await call(agent, 'GET', `/agents/${active.agent.id}`)).json().skills).toMatchObject([{ skill_id: windows, level: 3 }]);
  });

  it('lets every agent read, and only administrators write', async () => {
    const id = await create('brand', 'Lenovo');
    for (const who of [agent, manager]) {
      expect((await call(who, 'GET', '/skills')).statusCode).toBe(200);
      expect((await call(who, 'GET', `/skills/${id}/agents`)).statusCode).toBe(200);
      expect((await call(who, 'POST', '/skills', { kind: 'brand', name_en: 'Acer', name_fr: 'Acer' })).statusCode).toBe(403);
      expect((await call(who, 'PATCH', `/skills/${id}`, { active: false })).statusCode).toBe(403);
      expect((await call(who, 'DELETE', `/skills/${id}`)).statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/skills' })).statusCode).toBe(401);
    expect((await call(agent, 'GET', `/skills/${id}`)).json()).toMatchObject({ name_en: 'Lenovo', active: true });
    // A change that changes nothing is not a change: no audit entry.
    expect((await call(admin, 'PATCH', `/skills/${id}`, { active: true, name_fr: 'Lenovo ' })).statusCode).toBe(200);
    expect((await auditOf(id)).map((a) => a.action)).toEqual(['skill.created']);
  });
});

describe('the default catalogue', () => {
  it('is created once per database, in both languages, and not recreated after deletions', async () => {
    const db = await testDatabase();
    try {
      const deps = makeDeps(db);
      const created = await Promise.all([ensureDefaultSkills(deps), ensureDefaultSkills(deps), ensureDefaultSkills(deps)]);
      expect(created.sort()).toEqual([0, 0, DEFAULT_SKILLS.length]);
      const skills = await listSkills(db);
      expect(skills).toHaveLength(28);
      expect(skills.filter((s) => s.kind === 'brand').map((s) => s.name_en)).toContain('Cisco');
      expect(skills.find((s) => s.name_en === 'Networking')).toMatchObject({ kind: 'domain', name_fr: 'Réseau', active: true });
      expect(skills.find((s) => s.name_en === 'Databases (SQL)')?.name_fr).toBe('Bases de données (SQL)');

      await db.query('DELETE FROM skills');
      expect(await ensureDefaultSkills(deps)).toBe(0);
      expect(await listSkills(db)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('is skipped when the catalogue already has skills (a restored or migrated database)', async () => {
    const db = await testDatabase();
    try {
      await db.query(`INSERT INTO skills (id, kind, name_en, name_fr, created_at, updated_at) VALUES ($1, 'domain', 'SAP', 'SAP', now(), now())`, [uuidv7()]);
      expect(await ensureDefaultSkills(makeDeps(db))).toBe(0);
      expect((await listSkills(db)).map((s) => s.name_en)).toEqual(['SAP']);
    } finally {
      await db.close();
    }
  });
});
