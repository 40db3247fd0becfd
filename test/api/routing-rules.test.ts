/**
 * Routing rules through the API on a real database: CRUD in order, validation with a path per problem, reorder,
 * the tester explaining which rule decides (French keywords typed without accents), the default rule (created
 * once, only with an L1 team), the audit log, who may do what; and the teams' assignment mode and support level.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTeam } from '../../src/store/teams.js';
import { DEFAULT_ROUTING_RULE_NAME, ensureDefaultRoutingRule } from '../../src/usecases/routing-rules/default-rule.js';
import { buildAgent, buildTeam, type BuiltAgent } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: BuiltAgent;
let manager: BuiltAgent;
let agent: BuiltAgent;
let networkTeam: string;
let l1Team: string;
let networking: string;
let cisco: string;
let vpnCategory: string;
let networkCategory: string;
let org: string;

const UNKNOWN = '0190a3c2-0000-7000-8000-000000000000';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const call = (method: Method, url: string, who: BuiltAgent = admin, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${who.token}` }, ...(payload ? { payload } : {}) });
const paths = (res: { json(): { error: { details: Array<{ path: string }> } } }) => res.json().error.details.map((d) => d.path);

async function skill(kind: 'domain' | 'brand', name: string): Promise<string> {
  const id = t.deps.newId();
  await t.db.query('INSERT INTO skills (id, kind, name_en, name_fr, created_at, updated_at) VALUES ($1, $2, $3, $3, now(), now())', [id, kind, name]);
  return id;
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await buildAgent(t.deps, { role: 'admin' });
  manager = await buildAgent(t.deps, { role: 'manager' });
  agent = await buildAgent(t.deps);
  networkTeam = (await buildTeam(t.deps, 'Réseau')).id;
  l1Team = (await insertTeam(t.db, { id: t.deps.newId(), name: 'Centre de services', description: '', tier: 'L1', createdAt: new Date() })).id;
  networking = await skill('domain', 'Networking');
  cisco = await skill('brand', 'Cisco');
  networkCategory = (await call('POST', '/categories', admin, { name_fr: 'Réseau', name_en: 'Network' })).json().id;
  vpnCategory = (await call('POST', '/categories', admin, { name_fr: 'VPN', name_en: 'VPN', parent_id: networkCategory })).json().id;
  org = (await call('POST', '/organizations', admin, { name: 'Clinique du Parc' })).json().id;
});
afterAll(async () => t.close());

const networkRule = () => ({
  name: 'Réseau et VPN',
  description: 'Commutateurs, Wi-Fi, VPN',
  conditions: { keywords: ['switch', 'réseau', 'wi-fi', ' VPN ', 'Wi-Fi'] },
  outcome: { team_id: networkTeam, tier: 'L2', required_skills: [{ skill_id: networking, level: 2 }, { skill_id: cisco, level: 1 }], tags: ['Réseau'] },
});

describe('routing rules', () => {
  const ids: string[] = [];

  it('starts with the default rule, created once and only when an L1 team exists', async () => {
    expect(await ensureDefaultRoutingRule(t.deps)).toBe(1);
    expect(await ensureDefaultRoutingRule(t.deps)).toBe(0);
    const list = (await call('GET', '/routing-rules', agent)).json().data;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      name: DEFAULT_ROUTING_RULE_NAME, position: 1, active: true,
      conditions: { channels: [], category_ids: [], organization_ids: [], keywords: [], brands: [], priorities: [] },
      outcome: { team_id: l1Team, tier: 'L1', required_skills: [], priority_adjust: null, tags: [] },
    });
    ids.push(list[0].id);
    // Deleted by an administrator, it does not come back.
    expect((await call('DELETE', `/routing-rules/${list[0].id}`)).statusCode).toBe(204);
    expect(await ensureDefaultRoutingRule(t.deps)).toBe(0);
    ids.length = 0;
  });

  it('creates rules in order, tidying conditions and tags', async () => {
    const res = await call('POST', '/routing-rules', admin, networkRule());
    expect(res.statusCode).toBe(201);
    const rule = res.json();
    expect(rule).toMatchObject({
      name: 'Réseau et VPN', position: 1, active: true,
      conditions: { keywords: ['switch', 'réseau', 'wi-fi', 'VPN'], brands: [], channels: [] },
      outcome: { team_id: networkTeam, tier: 'L2', priority_adjust: null, tags: ['réseau'] },
    });
    expect(rule.outcome.required_skills).toEqual([{ skill_id: networking, level: 2 }, { skill_id: cisco, level: 1 }]);
    const printing = await call('POST', '/routing-rules', admin, {
      name: 'Impression', conditions: { keywords: ['imprimante', 'printer', 'toner'] }, outcome: { tier: 'L1' },
    });
    const phone = await call('POST', '/routing-rules', admin, {
      name: 'Appel urgent', position: 1, conditions: { channels: ['phone'], priorities: ['P1'] },
      outcome: { priority_adjust: 'raise', tags: ['urgent-phone'] },
    });
    const everything = await call('POST', '/routing-rules', admin, { name: 'Tout le reste', outcome: { team_id: l1Team, tier: 'L1' } });
    expect([printing.statusCode, phone.statusCode, everything.statusCode]).toEqual([201, 201, 201]);
    const list = (await call('GET', '/routing-rules', manager)).json().data;
    expect(list.map((r: { name: string; position: number }) => `${r.position} ${r.name}`)).toEqual([
      '1 Appel urgent', '2 Réseau et VPN', '3 Impression', '4 Tout le reste',
    ]);
    ids.push(...list.map((r: { id: string }) => r.id));
    expect((await call('GET', `/routing-rules/${rule.id}`, agent)).json().name).toBe('Réseau et VPN');
  });

  it('refuses invalid rules with a path per problem', async () => {
    const shape = await call('POST', '/routing-rules', admin, {
      name: 'Cassée', conditions: { keywords: ['ok', '   ', 'x'.repeat(101)], channels: ['fax'] }, outcome: { tier: 'L4' },
    });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().error.code).toBe('VALIDATION_FAILED');
    expect(paths(shape)).toEqual(expect.arrayContaining([
      'body.conditions.keywords.1', 'body.conditions.keywords.2', 'body.conditions.channels.0', 'body.outcome.tier',
    ]));
    const tooMany = await call('POST', '/routing-rules', admin, { name: 'Trop', conditions: { keywords: Array.from({ length: 51 }, (_, i) => `mot${i}`) } });
    expect(paths(tooMany)).toEqual(['body.conditions.keywords']);

    const domain = await call('POST', '/routing-rules', admin, {
      name: 'Doublons', conditions: { keywords: ['!!!'] },
      outcome: { required_skills: [{ skill_id: networking, level: 1 }, { skill_id: networking, level: 2 }] },
    });
    expect(domain.statusCode).toBe(400);
    expect(domain.json().error.code).toBe('INVALID_ROUTING_RULE');
    expect(paths(domain)).toEqual(expect.arrayContaining(['outcome.required_skills.1', 'conditions.keywords.0']));

    const team = await call('POST', '/routing-rules', admin, { name: 'Fantôme', outcome: { team_id: UNKNOWN } });
    expect(team.statusCode).toBe(404);
    expect(team.json().error).toMatchObject({ code: 'TEAM_NOT_FOUND', details: [{ path: 'outcome.team_id', message: 'unknown team' }] });

    const refs = await call('POST', '/routing-rules', admin, {
      name: 'Références', conditions: { category_ids: [vpnCategory, UNKNOWN], organization_ids: [UNKNOWN] },
    });
    expect(refs.json().error.code).toBe('INVALID_ROUTING_RULE');
    expect(paths(refs).sort()).toEqual(['conditions.category_ids.1', 'conditions.organization_ids.0']);

    const skills = await call('POST', '/routing-rules', admin, {
      name: 'Compétence', outcome: { required_skills: [{ skill_id: cisco, level: 3 }, { skill_id: UNKNOWN, level: 1 }] },
    });
    expect(skills.statusCode).toBe(404);
    expect(skills.json().error).toMatchObject({ code: 'SKILL_NOT_FOUND' });
    expect(paths(skills)).toEqual(['outcome.required_skills.1.skill_id']);

    const same = await call('POST', '/routing-rules', admin, { name: 'réseau ET vpn' });
    expect(same.statusCode).toBe(409);
    expect(paths(same)).toEqual(['name']);
  });

  it('changes outcome fields one by one and replaces conditions', async () => {
    const id = ids[1]!;
    const res = await call('PATCH', `/routing-rules/${id}`, admin, {
      conditions: { keywords: ['switch'], category_ids: [networkCategory] }, outcome: { tags: ['reseau', 'lan'] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      position: 2, conditions: { keywords: ['switch'], brands: [], category_ids: [networkCategory] },
      outcome: { team_id: networkTeam, tier: 'L2', tags: ['lan', 'reseau'] },
    });
    expect(res.json().outcome.required_skills).toHaveLength(2);
    const bad = await call('PATCH', `/routing-rules/${id}`, admin, { outcome: { team_id: UNKNOWN } });
    expect(bad.statusCode).toBe(404);
    // Put back what the tester below expects.
    expect((await call('PATCH', `/routing-rules/${id}`, admin, { conditions: networkRule().conditions })).statusCode).toBe(200);
    expect((await call('PATCH', `/routing-rules/${UNKNOWN}`, admin, { active: false })).json().error.code).toBe('ROUTING_RULE_NOT_FOUND');
  });

  it('explains which rule decides, with French keywords typed without accents', async () => {
    const test = (body: object, who: BuiltAgent = agent) => call('POST', '/routing-rules/test', who, body);
    const res = await test({ subject: 'Plus de reseau au 2e etage', description: 'Le poste ne voit plus le serveur.' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      rule: { id: ids[1], name: 'Réseau et VPN', position: 2 },
      matched: ['keyword «réseau»'],
      reason: 'routing rule «Réseau et VPN» (keyword «réseau»)',
      outcome: { team_id: networkTeam, tier: 'L2' },
    });
    expect(res.json().rules.map((r: { name: string; matches: boolean }) => [r.name, r.matches])).toEqual([
      ['Appel urgent', false], ['Réseau et VPN', true], ['Impression', false], ['Tout le reste', true],
    ]);
    const phone = await test({ subject: 'Imprimante en panne', channel: 'phone', priority: 'P1' });
    expect(phone.json()).toMatchObject({ rule: { name: 'Appel urgent' }, outcome: { priority_adjust: 'raise', tags: ['urgent-phone'] } });
    const printer = await test({ subject: 'Toner vide', channel: 'email' }, manager);
    expect(printer.json().rule.name).toBe('Impression');
    // "switches" is not the word "switch": whole words only.
    expect((await test({ subject: 'Des switches neufs' })).json().rule.name).toBe('Tout le reste');
    const unknown = await test({ subject: 'x', category_id: UNKNOWN });
    expect(unknown.statusCode).toBe(404);
    expect(paths(unknown)).toEqual(['category_id']);
  });

  it('matches a category with its sub-categories, an organization, a brand: every condition must hold', async () => {
    const test = (body: object) => call('POST', '/routing-rules/test', agent, body).then((r) => r.json());
    const clinic = await call('POST', '/routing-rules', admin, {
      name: 'Clinique réseau', position: 1, conditions: { category_ids: [networkCategory], organization_ids: [org] }, outcome: { tier: 'L3' },
    });
    const brand = await call('POST', '/routing-rules', admin, {
      name: 'Commutateurs Cisco', position: 1, conditions: { brands: ['Cisco'], keywords: ['switch'] }, outcome: { tier: 'L3' },
    });
    expect([clinic.statusCode, brand.statusCode]).toEqual([201, 201]);
    expect(await test({ subject: 'Connexion', category_id: vpnCategory, organization_id: org }))
      .toMatchObject({ rule: { name: 'Clinique réseau', position: 2 }, matched: ['organization', 'category'] });
    expect((await test({ subject: 'Connexion', category_id: vpnCategory })).rule.name).toBe('Tout le reste');
    expect(await test({ subject: 'Le SWITCH redémarre', equipment_brand: 'cisco' }))
      .toMatchObject({ rule: { name: 'Commutateurs Cisco', position: 1 }, matched: ['brand cisco', 'keyword «switch»'] });
    // The brand alone is not enough: the rule also asks for a keyword (the network rule takes it).
    expect((await test({ subject: 'Le commutateur redémarre', equipment_brand: 'Cisco' })).rule.name).toBe('Tout le reste');
    expect((await test({ subject: 'Le switch redémarre' })).rule.name).toBe('Réseau et VPN');
    for (const r of [clinic, brand]) expect((await call('DELETE', `/routing-rules/${r.json().id}`)).statusCode).toBe(204);
  });

  it('reorders with the full list of ids and closes the gap after a delete', async () => {
    const order = [ids[3]!, ids[2]!, ids[1]!, ids[0]!];
    const partial = await call('PUT', '/routing-rules/order', admin, { ids: order.slice(1) });
    expect(partial.statusCode).toBe(400);
    expect(paths(partial)).toEqual(['ids']);
    const res = await call('PUT', '/routing-rules/order', admin, { ids: order });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.map((r: { id: string }) => r.id)).toEqual(order);
    expect((await call('DELETE', `/routing-rules/${ids[2]}`)).statusCode).toBe(204);
    const list = (await call('GET', '/routing-rules', agent)).json().data;
    expect(list.map((r: { id: string; position: number }) => [r.id, r.position])).toEqual([[ids[3], 1], [ids[1], 2], [ids[0], 3]]);
    expect((await call('GET', `/routing-rules/${ids[2]}`, agent)).json().error.code).toBe('ROUTING_RULE_NOT_FOUND');
  });

  it('writes every change to the audit log', async () => {
    const res = await call('GET', '/audit-log?action=routing_rule.*');
    const actions = res.json().data.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining([
      'routing_rule.created', 'routing_rule.updated', 'routing_rule.reordered', 'routing_rule.deleted',
    ]));
    const updated = res.json().data.find((e: { action: string }) => e.action === 'routing_rule.updated');
    expect(updated).toMatchObject({ actor_id: admin.agent.id, target_kind: 'routing_rule', data: { name: 'Réseau et VPN' } });
  });

  it('lets agents and managers read and test, only administrators write', async () => {
    for (const who of [agent, manager]) {
      expect((await call('POST', '/routing-rules', who, { name: `Interdite ${who.agent.id}` })).statusCode).toBe(403);
      expect((await call('PATCH', `/routing-rules/${ids[0]}`, who, { active: false })).statusCode).toBe(403);
      expect((await call('DELETE', `/routing-rules/${ids[0]}`, who)).statusCode).toBe(403);
      expect((await call('PUT', '/routing-rules/order', who, { ids: [] })).statusCode).toBe(403);
      expect((await call('GET', '/routing-rules', who)).statusCode).toBe(200);
    }
  });

  it('keeps a team that routing rules send tickets to', async () => {
    const res = await call('DELETE', `/teams/${networkTeam}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('TEAM_IN_USE');
  });
});

describe('team assignment mode and support level', () => {
  it('creates, changes and shows them; only administrators change them', async () => {
    const created = await call('POST', '/teams', admin, { name: 'Applications N2', tier: 'L2', assignment_mode: 'pull' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ tier: 'L2', assignment_mode: 'pull' });
    const plain = await call('POST', '/teams', admin, { name: 'Développement' });
    expect(plain.json()).toMatchObject({ tier: null, assignment_mode: 'push' });
    const id = created.json().id;
    const changed = await call('PATCH', `/teams/${id}`, admin, { tier: null, assignment_mode: 'push' });
    expect(changed.json()).toMatchObject({ tier: null, assignment_mode: 'push', name: 'Applications N2' });
    expect((await call('PATCH', `/teams/${id}`, admin, { description: 'ERP' })).json()).toMatchObject({ tier: null, assignment_mode: 'push' });
    expect((await call('PATCH', `/teams/${id}`, admin, { tier: 'L4' })).statusCode).toBe(400);
    expect((await call('PATCH', `/teams/${id}`, manager, { tier: 'L3' })).statusCode).toBe(403);
    const listed = (await call('GET', '/teams', agent)).json().data.find((x: { id: string }) => x.id === l1Team);
    expect(listed).toMatchObject({ tier: 'L1', assignment_mode: 'push' });
    const audit = (await call('GET', `/audit-log?action=team.updated&target=${id}`)).json().data;
    expect(audit).toHaveLength(1);
    expect(audit[0].data).toMatchObject({ tier: null, assignment_mode: 'push' });
  });
});
