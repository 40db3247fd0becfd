import { afterAll, beforeAll, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { buildAgent, type BuiltAgent } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: BuiltAgent;
let agent: BuiltAgent;
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await startTestApp();
  admin = await buildAgent(t.deps, { role: 'admin' });
  agent = await buildAgent(t.deps);
  for (const [key, kind, name_en, name_fr] of [
    ['cisco', 'brand', 'Cisco', 'Cisco'], ['network', 'domain', 'Networking', 'Réseau'], ['linux', 'domain', 'Linux', 'Linux'],
  ] as const) {
    const res = await call(admin, 'POST', '/skills', { kind, name_en, name_fr });
    expect(res.statusCode, res.body).toBe(201);
    ids[key] = res.json().id;
  }
});
afterAll(async () => t.close());

function call(who: BuiltAgent, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  return t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${who.token}` }, ...(payload ? { payload } : {}) });
}

it('lets administrators give skills from the catalogue with levels, one per skill, shown with their names', async () => {
  const created = await call(admin, 'POST', '/agents', {
    name: 'Camille Martin', email: 'camille.martin@relais.test', role: 'agent', tier: 'L2',
    skills: [{ skill_id: ids.cisco, level: 3 }, { skill_id: ids.network, level: 2 }, { skill_id: ids.cisco, level: 1 }],
  });
  expect(created.statusCode, created.body).toBe(201);
  expect(created.json().skills).toEqual([
    { skill_id: ids.cisco, kind: 'brand', name_en: 'Cisco', name_fr: 'Cisco', level: 3 },
    { skill_id: ids.network, kind: 'domain', name_en: 'Networking', name_fr: 'Réseau', level: 2 },
  ]);
  const patched = await call(admin, 'PATCH', `/agents/${created.json().id}`, { skills: [{ skill_id: ids.linux, level: 2 }] });
  expect(patched.statusCode, patched.body).toBe(200);
  const linux = [{ skill_id: ids.linux, kind: 'domain', name_en: 'Linux', name_fr: 'Linux', level: 2 }];
  expect(patched.json().skills).toEqual(linux);
  expect((await call(agent, 'GET', `/agents/${created.json().id}`)).json().skills).toEqual(linux);
  // A renamed skill is renamed on every agent holding it.
  await call(admin, 'PATCH', `/skills/${ids.linux}`, { name_fr: 'Linux (serveurs)' });
  expect((await call(agent, 'GET', `/agents/${created.json().id}`)).json().skills[0].name_fr).toBe('Linux (serveurs)');
});

it('refuses an unknown skill with its path, bad levels, and agents rating themselves', async () => {
  const ghost = uuidv7();
  const unknown = await call(admin, 'PATCH', `/agents/${agent.agent.id}`, { skills: [{ skill_id: ids.cisco, level: 2 }, { skill_id: ghost, level: 1 }] });
  expect(unknown.statusCode).toBe(404);
  expect(unknown.json().error).toMatchObject({ code: 'SKILL_NOT_FOUND', details: [{ path: 'skills.1.skill_id' }] });
  const created = await call(admin, 'POST', '/agents', {
    name: 'Luc Bernard', email: 'luc.bernard@relais.test', role: 'agent', skills: [{ skill_id: ghost, level: 2 }],
  });
  expect(created.statusCode).toBe(404);
  expect(created.json().error.details).toEqual([{ path: 'skills.0.skill_id', message: `unknown skill ${ghost}` }]);
  expect((await call(admin, 'GET', '/agents?q=Luc')).json().data).toEqual([]);

  const bad = await call(admin, 'PATCH', `/agents/${agent.agent.id}`, { skills: [{ skill_id: ids.cisco, level: 4 }] });
  expect(bad.statusCode).toBe(400);
  expect(JSON.stringify(bad.json().error.details)).toContain('skills.0.level');
  const oldShape = await call(admin, 'PATCH', `/agents/${agent.agent.id}`, { skills: [{ name: 'HP', level: 2 }] });
  expect(oldShape.statusCode).toBe(400);
  const self = await call(agent, 'PATCH', `/agents/${agent.agent.id}`, { skills: [{ skill_id: ids.cisco, level: 3 }] });
  expect(self.statusCode).toBe(403);
  expect((await call(agent, 'GET', `/agents/${agent.agent.id}`)).json().skills).toEqual([]);
});
