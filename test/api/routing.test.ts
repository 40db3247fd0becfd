/**
 * Skill-based assignment end to end (issue 6): routing rule on arrival, the choice and its explanation, waiting in
 * the team queue and assignment as soon as someone qualifies (a ticket resolved, an agent online), hand-over when
 * an agent goes offline or out of office, pull mode, and tiered escalation with handoff notes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAgentSkills } from '../../src/store/agents.js';
import { sweepRouting } from '../../src/usecases/routing/dispatch-waiting.js';
import { buildAgent, buildRequester, buildTeam, signIn, type BuiltAgent } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: BuiltAgent;
let requester: { id: string; email: string };
const skill: Record<string, string> = {};

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
const call = async (who: BuiltAgent, method: Method, url: string, payload?: object) => {
  const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${who.token}` }, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() as Record<string, any> };
};
const ok = async (who: BuiltAgent, method: Method, url: string, payload?: object) => {
  const r = await call(who, method, url, payload);
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  return r.body;
};
const timeline = async (id: string) => (await ok(admin, 'GET', `/tickets/${id}/timeline?limit=100`)).data as Array<Record<string, any>>;
const ticket = async (id: string) => ok(admin, 'GET', `/tickets/${id}`);

async function agentWith(name: string, teamId: string, skills: Array<[string, 1 | 2 | 3]>, availability: object, tier: 'L1' | 'L2' | 'L3' = 'L2') {
  const a = await buildAgent(t.deps, { name, teamIds: [teamId], tier });
  await setAgentSkills(t.db, a.agent.id, skills.map(([s, level]) => ({ skill_id: skill[s]!, level })));
  await ok(admin, 'PATCH', `/agents/${a.agent.id}/availability`, availability);
  return a;
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await buildAgent(t.deps, { role: 'admin' });
  requester = await buildRequester(t.deps);
  for (const [en, fr, kind] of [['Cisco', 'Cisco', 'brand'], ['Networking', 'Réseau', 'domain'], ['Printing', 'Impression', 'domain']] as const) {
    skill[en] = (await ok(admin, 'POST', '/skills', { kind, name_en: en, name_fr: fr })).id;
  }
});
afterAll(async () => t.close());

describe('push assignment', () => {
  let team: string;
  let camille: BuiltAgent, luc: BuiltAgent, hugo: BuiltAgent;
  let first: string, second: string;

  beforeAll(async () => {
    team = (await buildTeam(t.deps, 'Réseau')).id;
    await ok(admin, 'POST', '/routing-rules', {
      name: 'Cisco', conditions: { brands: ['Cisco'], keywords: [] },
      outcome: { team_id: team, tier: 'L2', required_skills: [{ skill_id: skill.Cisco, level: 3 }], priority_adjust: null, tags: ['cisco'] },
    });
    camille = await agentWith('Camille Martin', team, [['Cisco', 3], ['Networking', 2]], { status: 'online', capacity: 1 });
    luc = await agentWith('Luc Bernard', team, [['Cisco', 3]], { status: 'offline', capacity: 5 });
    hugo = await agentWith('Hugo Petit', team, [['Cisco', 1]], { status: 'online', capacity: 5 });
  });

  it('routes by the rule and assigns the competent available agent, explaining who was skipped and why', async () => {
    const created = await ok(admin, 'POST', '/tickets', {
      subject: 'Le switch du 2e étage ne répond plus', requester_id: requester.id, equipment_brand: 'Cisco', channel: 'phone',
    });
    first = created.id;
    expect([created.team_id, created.tier, created.assignee_id, created.tags]).toEqual([team, 'L2', camille.agent.id, ['cisco']]);
    expect(created.routing.required_skills).toEqual([{ skill_id: skill.Cisco, level: 3 }]);
    const entries = await timeline(first);
    const routed = entries.find((e) => e.kind === 'ticket.routed')!;
    expect(routed.reason).toContain('routing rule «Cisco» (brand Cisco)');
    expect(routed.reason).toContain('needs Cisco 3');
    const assigned = entries.find((e) => e.kind === 'ticket.assigned')!;
    expect(assigned.reason).toBe('Assigned to Camille Martin: Cisco level 3, 0 open tickets, on shift; skipped Luc Bernard (offline), Hugo Petit (missing skill: Cisco 3, has 1).');
    expect(assigned.data.routing.skipped.map((s: { reason: string }) => s.reason)).toEqual(['offline', 'missing_skill']);
  });

  it('lets a ticket wait in the team queue with the reason when nobody qualifies, once on the timeline', async () => {
    const created = await ok(admin, 'POST', '/tickets', { subject: 'VPN Cisco coupé', requester_id: requester.id, equipment_brand: 'cisco' });
    second = created.id;
    expect(created.assignee_id).toBeNull();
    expect(created.routing.waiting_reason).toContain('Camille Martin (at capacity)');
    expect(created.routing.waiting_since).not.toBeNull();
    await sweepRouting(t.deps);
    expect((await timeline(second)).filter((e) => e.kind === 'ticket.queued')).toHaveLength(1);
  });

  it('assigns the waiting ticket as soon as the agent has room again (a ticket resolved)', async () => {
    await ok(camille, 'POST', `/tickets/${first}/status`, { status: 'resolved' });
    await sweepRouting(t.deps);
    const now = await ticket(second);
    expect(now.assignee_id).toBe(camille.agent.id);
    expect(now.routing.waiting_since).toBeNull();
    expect((await timeline(second)).find((e) => e.kind === 'ticket.assigned')!.reason).toMatch(/after waiting \d+ min\.$/);
  });

  it('hands untouched tickets over when their agent goes offline, and assigns waiting work to an agent coming online', async () => {
    await ok(luc, 'PATCH', `/agents/${luc.agent.id}/availability`, { status: 'online' });
    await ok(camille, 'PATCH', `/agents/${camille.agent.id}/availability`, { status: 'offline' });
    const moved = await ticket(second);
    expect(moved.assignee_id).toBe(luc.agent.id);
    const entries = await timeline(second);
    expect(entries.some((e) => e.kind === 'ticket.assigned' && e.reason?.includes('Camille Martin went offline; not touched since assigned'))).toBe(true);
  });

  it('keeps a ticket the agent worked on, and gives tickets of an agent out of office to their delegate', async () => {
    await ok(admin, 'PATCH', `/agents/${camille.agent.id}/availability`, { status: 'online', capacity: 5 });
    const worked = await ok(admin, 'POST', '/tickets', { subject: 'Switch Cisco 2', requester_id: requester.id, team_id: team });
    const untouched = await ok(admin, 'POST', '/tickets', { subject: 'Switch Cisco 3', requester_id: requester.id, team_id: team });
    await ok(admin, 'POST', `/tickets/${worked.id}/assign`, { assignee_id: camille.agent.id });
    await ok(admin, 'POST', `/tickets/${untouched.id}/assign`, { assignee_id: camille.agent.id });
    await ok(camille, 'POST', `/tickets/${worked.id}/notes`, { body: 'Je regarde la config.' });
    await ok(camille, 'PATCH', `/agents/${camille.agent.id}/availability`, {
      out_of_office: { from: null, until: '2099-01-01T00:00:00Z', delegate_id: hugo.agent.id },
    });
    expect((await ticket(worked.id)).assignee_id).toBe(camille.agent.id);
    expect((await ticket(untouched.id)).assignee_id).toBe(hugo.agent.id);
    const handed = (await timeline(untouched.id)).filter((e) => e.kind === 'ticket.assigned').at(-1)!;
    expect(handed.reason).toContain('Camille Martin is out of office until 2099-01-01 00:00 UTC; not touched since assigned: handed to their delegate Hugo Petit.');
  });
});

describe('pull mode', () => {
  it('gives each agent the most urgent ticket they can take, and refuses at capacity', async () => {
    const team = (await buildTeam(t.deps, 'Impression')).id;
    await ok(admin, 'PATCH', `/teams/${team}`, { assignment_mode: 'pull' });
    const a = await agentWith('Alice Roy', team, [['Printing', 2]], { status: 'online', capacity: 1 }, 'L1');
    const low = await ok(admin, 'POST', '/tickets', { subject: 'Toner', requester_id: requester.id, team_id: team, urgency: 3, impact: 3 });
    const high = await ok(admin, 'POST', '/tickets', { subject: 'Imprimante HS', requester_id: requester.id, team_id: team, urgency: 1, impact: 1 });
    expect(low.assignee_id).toBeNull();
    expect(low.routing.waiting_reason).toContain('Next ticket');
    const next = await ok(a, 'POST', '/queue/next', {});
    expect(next.ticket.id).toBe(high.id);
    expect(next.waiting).toBe(2);
    expect(next.explanation).toContain('the most urgent of 2 waiting in Impression');
    const full = await call(a, 'POST', '/queue/next', {});
    expect([full.status, full.body.error.code]).toEqual([409, 'AT_CAPACITY']);
  });
});

describe('tiered escalation', () => {
  it('escalates L1 → L2 with a required handoff note, routes in the L2 team, and de-escalates back to the agent who escalated', async () => {
    const l1 = (await buildTeam(t.deps, 'Service desk')).id;
    const l2 = (await buildTeam(t.deps, 'Support N2')).id;
    await ok(admin, 'PATCH', `/teams/${l1}`, { tier: 'L1' });
    await ok(admin, 'PATCH', `/teams/${l2}`, { tier: 'L2' });
    const lea = await agentWith('Léa Dubois', l1, [], { status: 'online' }, 'L1');
    const nico = await agentWith('Nicolas Garnier', l2, [], { status: 'online' }, 'L2');
    const created = await ok(admin, 'POST', '/tickets', { subject: 'Erreur ERP', requester_id: requester.id, team_id: l1 });
    expect(created.assignee_id).toBe(lea.agent.id);

    const noNote = await call(lea, 'POST', `/tickets/${created.id}/escalate`, { note: '  ' });
    expect([noNote.status, noNote.body.error.details[0].path]).toEqual([400, 'note']);
    const up = await ok(lea, 'POST', `/tickets/${created.id}/escalate`, { note: 'Redémarrage fait, erreur 0x80 persiste.' });
    expect([up.tier, up.team_id, up.assignee_id, up.routing.escalation_count]).toEqual(['L2', l2, nico.agent.id, 1]);
    const esc = (await timeline(created.id)).find((e) => e.kind === 'ticket.escalated')!;
    expect([esc.visibility, esc.body, esc.data.direction, esc.data.from_assignee_id]).toEqual(['internal', 'Redémarrage fait, erreur 0x80 persiste.', 'up', lea.agent.id]);

    const down = await ok(nico, 'POST', `/tickets/${created.id}/de-escalate`, { note: 'Corrigé côté ERP, à confirmer avec l’utilisateur.' });
    expect([down.tier, down.team_id, down.assignee_id]).toEqual(['L1', l1, lea.agent.id]);
    const again = await call(admin, 'POST', `/tickets/${created.id}/de-escalate`, { note: 'x' });
    expect([again.status, again.body.error.code]).toEqual([409, 'ESCALATION_NOT_ALLOWED']);

    const today = new Date().toISOString().slice(0, 10);
    const report = await ok(admin, 'GET', `/reports/escalations?from=${today}&to=${today}&time_zone=UTC`);
    expect(report.totals.escalations).toBeGreaterThanOrEqual(1);
    expect(report.totals.de_escalations).toBeGreaterThanOrEqual(1);
    const l2row = report.tiers.find((r: { tier: string }) => r.tier === 'L2');
    expect(l2row.arrived_up).toBeGreaterThanOrEqual(1);
  });

  it('shows the requester none of it: only public entries', async () => {
    const l1 = (await buildTeam(t.deps)).id;
    const created = await ok(admin, 'POST', '/tickets', { subject: 'Accès dossier', requester_id: requester.id, team_id: l1 });
    await ok(admin, 'POST', `/tickets/${created.id}/escalate`, { tier: 'L3', note: 'Note de passage confidentielle' });
    const mine = await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${created.id}/timeline`, headers: await requesterHeaders() });
    expect(mine.body).not.toContain('confidentielle');
    expect((mine.json().data as Array<{ kind: string }>).map((e) => e.kind)).toEqual(['ticket.created']);
  });
});

const requesterHeaders = () => signIn(t.app, requester.email);
