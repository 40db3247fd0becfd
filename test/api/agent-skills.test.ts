import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildAgent, type BuiltAgent } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: BuiltAgent;
let agent: BuiltAgent;
beforeAll(async () => {
  t = await startTestApp();
  admin = await buildAgent(t.deps, { role: 'admin' });
  agent = await buildAgent(t.deps);
});
afterAll(async () => t.close());

const call = (who: BuiltAgent, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${who.token}` }, ...(payload ? { payload } : {}) });

it('lets administrators record skills with levels, normalized, and shows them on the agent', async () => {
  const created = await call(admin, 'POST', '/agents', {
    name: 'Camille Martin', email: 'camille.martin@relais.test', role: 'agent', tier: 'L2',
    skills: [{ name: 'Cisco', level: 3 }, { name: 'Réseau', level: 2 }, { name: 'cisco', level: 1 }],
  });
  expect(created.statusCode, created.body).toBe(201);
  expect(created.json().skills).toEqual([{ name: 'Cisco', level: 3 }, { name: 'Réseau', level: 2 }]);
  const patched = await call(admin, 'PATCH', `/agents/${created.json().id}`, { skills: [{ name: 'Linux', level: 2 }] });
  expect(patched.json().skills).toEqual([{ name: 'Linux', level: 2 }]);
  expect((await call(agent, 'GET', `/agents/${created.json().id}`)).json().skills).toEqual([{ name: 'Linux', level: 2 }]);
});

it('refuses bad levels and keeps agents from rating themselves', async () => {
  const bad = await call(admin, 'PATCH', `/agents/${agent.agent.id}`, { skills: [{ name: 'HP', level: 4 }] });
  expect(bad.statusCode).toBe(400);
  const self = await call(agent, 'PATCH', `/agents/${agent.agent.id}`, { skills: [{ name: 'HP', level: 3 }] });
  expect(self.statusCode).toBe(403);
});
