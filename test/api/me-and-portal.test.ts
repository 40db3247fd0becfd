/**
 * What the web app reads about the signed-in person (/auth/me), and the requester portal's journey through
 * the public API with a browser session: submit, list, read the public timeline, reply, resolve, reopen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildRequester, buildTeam, signIn, type BuiltAgent } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/harness.js';

const V1 = '/api/v1';
let t: TestApp;
let agent: BuiltAgent;
let teamId: string;
let requester: Awaited<ReturnType<typeof buildRequester>>;
let portal: Record<string, string>;

beforeAll(async () => {
  t = await startTestApp();
  teamId = (await buildTeam(t.deps)).id;
  agent = await buildAgent(t.deps, { role: 'manager', teamIds: [teamId] });
  requester = await buildRequester(t.deps);
  portal = await signIn(t.app, requester.email);
});
afterAll(async () => t.close());

const call = async (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) => {
  const res = await t.app.inject({ method, url: `${V1}${url}`, headers, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
};
const asAgent = () => ({ authorization: `Bearer ${agent.token}` });

describe('/auth/me', () => {
  it('gives agents their time zone and teams, requesters theirs and no teams; sign-in answers the same', async () => {
    const session = await signIn(t.app, agent.agent.email);
    const me = await call('GET', '/auth/me', session);
    expect(me.body).toEqual({
      kind: 'agent', id: agent.agent.id, name: agent.agent.name, role: 'manager', language: 'fr',
      time_zone: 'Europe/Paris', team_ids: [teamId], csrf_token: session['x-csrf-token'],
    });
    const login = await call('POST', '/auth/login', {}, { email: requester.email, password: 'correct horse battery' });
    expect(login.body).toMatchObject({ kind: 'requester', id: requester.id, role: null, time_zone: 'Europe/Paris', team_ids: [] });
    expect((await call('GET', '/auth/me', portal)).body).toMatchObject({ kind: 'requester', time_zone: 'Europe/Paris', team_ids: [] });
  });
});

describe('the requester portal', () => {
  it('submits a ticket from the portal with category, urgency and equipment', async () => {
    const admin = await buildAgent(t.deps, { role: 'admin' });
    const category = await call('POST', '/categories', { authorization: `Bearer ${admin.token}` }, { name_fr: 'Matériel', name_en: 'Hardware' });
    expect(category.status).toBe(201);
    const categoryId = category.body.id;
    const created = await call('POST', '/tickets', portal, {
      subject: 'Écran qui clignote', description: 'Depuis ce matin.', urgency: 1, category_id: categoryId,
      equipment_brand: 'Dell', equipment_model: 'P2422H',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      channel: 'portal', urgency: 1, status: 'new', equipment: { brand: 'Dell', model: 'P2422H' },
      requester: { id: requester.id, name: requester.name, email: requester.email }, category_id: categoryId,
    });
    const mine = await call('GET', '/tickets', portal);
    expect(mine.body.data.map((x: { id: string; status: string }) => [x.id, x.status])).toEqual([[created.body.id, 'new']]);
    // Categories to choose from are readable from the portal.
    expect((await call('GET', '/categories', portal)).status).toBe(200);
  });

  it("refuses the support team's fields from a requester (impact would raise their own priority)", async () => {
    for (const extra of [{ impact: 1 }, { tags: ['vip'] }, { tier: 'L3' }, { team_id: teamId }]) {
      const res = await call('POST', '/tickets', portal, { subject: 'Urgent !', urgency: 1, ...extra });
      expect(res.status, JSON.stringify(extra)).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('reads only the public timeline, replies, marks resolved and reopens', async () => {
    const ticket = (await call('POST', '/tickets', portal, { subject: 'Imprimante hors ligne' })).body;
    expect((await call('POST', `/tickets/${ticket.id}/notes`, asAgent(), { body: 'Note interne : pilote à revoir' })).status).toBe(201);
    expect((await call('POST', `/tickets/${ticket.id}/replies`, asAgent(), { body: 'Pouvez-vous la redémarrer ?' })).status).toBe(201);
    const seen = (await call('GET', `/tickets/${ticket.id}/timeline`, portal)).body.data as Array<{ visibility: string; body: string | null }>;
    expect(seen.every((e) => e.visibility === 'public')).toBe(true);
    expect(seen.map((e) => e.body)).toContain('Pouvez-vous la redémarrer ?');
    expect(JSON.stringify(seen)).not.toContain('pilote');

    const answered = await call('POST', `/tickets/${ticket.id}/replies`, portal, { body: 'C’est fait, merci.' });
    expect(answered.status).toBe(201);
    expect(answered.body.ticket.requester.id).toBe(requester.id);
    const resolved = await call('POST', `/tickets/${ticket.id}/status`, portal, { status: 'resolved' });
    expect(resolved.body).toMatchObject({ status: 'resolved' });
    const reopened = await call('POST', `/tickets/${ticket.id}/status`, portal, { status: 'open' });
    expect(reopened.body).toMatchObject({ status: 'open', requester: { id: requester.id } });
    expect((await call('POST', `/tickets/${ticket.id}/status`, portal, { status: 'pending' })).status).toBe(403);
  });
});
