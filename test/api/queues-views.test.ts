/**
 * Queues and saved views: the new list filters (team=mine, updated_after), counts that always equal what the
 * list shows to the same caller, view validation and ownership.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildRequester, buildTeam, buildTicket, signIn, type BuiltAgent } from '../support/factories.js';
import { startTestApp, TestClock, type TestApp } from '../support/harness.js';

const V1 = '/api/v1';
let t: TestApp;
let clock: TestClock;
let admin: BuiltAgent;
let alice: BuiltAgent; // team A
let bob: BuiltAgent; // team B
const n: Record<string, number> = {};

const as = (who: BuiltAgent) => ({ authorization: `Bearer ${who.token}` });
const get = (who: BuiltAgent | Record<string, string>, url: string) =>
  t.app.inject({ method: 'GET', url: `${V1}${url}`, headers: 'principal' in who ? as(who as BuiltAgent) : (who as Record<string, string>) });
const numbers = async (who: BuiltAgent, query: Record<string, string>) => {
  const res = await get(who, `/tickets?limit=200&${new URLSearchParams(query)}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().data as Array<{ number: number }>).map((x) => x.number).sort();
};

beforeAll(async () => {
  clock = new TestClock();
  t = await startTestApp({ clock });
  const teamA = await buildTeam(t.deps, 'Poste de travail');
  const teamB = await buildTeam(t.deps, 'Réseau');
  admin = await buildAgent(t.deps, { role: 'admin' });
  alice = await buildAgent(t.deps, { teamIds: [teamA.id] });
  bob = await buildAgent(t.deps, { teamIds: [teamB.id] });
  const r = await buildRequester(t.deps);
  const make = async (key: string, input: Parameters<typeof buildTicket>[3]) => {
    n[key] = (await buildTicket(t.deps, admin.principal, r.id, input)).number;
  };
  await make('aUnassigned', { teamId: teamA.id });
  await make('aMine', { teamId: teamA.id, assigneeId: alice.agent.id });
  await make('bUnassigned', { teamId: teamB.id });
  await make('unrouted', {});
  // Two days later: the tickets above are no longer "recent".
  clock.advance(48 * 3600_000);
  await make('aRecent', { teamId: teamA.id });
  const pending = await t.app.inject({ method: 'POST', url: `${V1}/tickets/${n.aRecent}/status`, headers: as(admin), payload: { status: 'pending' } });
  expect(pending.statusCode).toBe(200);
});
afterAll(async () => t.close());

describe('list filters', () => {
  it('team=mine lists the caller’s teams’ tickets; updated_after those changed since', async () => {
    expect(await numbers(alice, { team: 'mine' })).toEqual([n.aUnassigned, n.aMine, n.aRecent].sort());
    expect(await numbers(bob, { team: 'mine' })).toEqual([n.bUnassigned]);
    const since = new Date(clock.now().getTime() - 3600_000).toISOString();
    expect(await numbers(admin, { updated_after: since })).toEqual([n.aRecent]);
    expect((await get(admin, '/tickets?updated_after=yesterday')).statusCode).toBe(400);
  });

  it('puts the requester (name and email) on every ticket, in lists and alone', async () => {
    const list = (await get(admin, `/tickets?q=${n.aMine}`)).json().data[0];
    expect(list.requester).toEqual({ id: list.requester_id, name: expect.stringMatching(/^Requester/), email: expect.stringContaining('@client.test') });
    expect((await get(admin, `/tickets/${n.aMine}`)).json().requester).toEqual(list.requester);
  });
});

describe('GET /queues', () => {
  it('gives the built-in queues in order, each count equal to what its query lists for the caller', async () => {
    for (const who of [alice, bob, admin]) {
      const res = await get(who, '/queues');
      expect(res.statusCode).toBe(200);
      const queues = res.json().data as Array<{ key: string; kind: string; name: string | null; count: number; query: Record<string, string> }>;
      expect(queues.map((q) => q.key)).toEqual(['mine', 'team_unassigned', 'open', 'pending', 'recent']);
      expect(queues.every((q) => q.kind === 'builtin' && q.name === null)).toBe(true);
      for (const q of queues) expect(q.count, `${q.key} for ${who.agent.name}`).toBe((await numbers(who, q.query)).length);
    }
    const alices = Object.fromEntries((await get(alice, '/queues')).json().data.map((q: { key: string; count: number }) => [q.key, q.count]));
    // Alice sees her team's tickets and unrouted ones (new: aUnassigned, aMine, unrouted), not team B's.
    expect(alices).toEqual({ mine: 1, team_unassigned: 2, open: 3, pending: 1, recent: 1 });
  });

  it('adds the caller’s views and the shared ones, counted in the caller’s scope', async () => {
    const mk = (who: BuiltAgent, name: string, query: Record<string, string>, shared = false) =>
      t.app.inject({ method: 'POST', url: `${V1}/views`, headers: as(who), payload: { name, query, shared } });
    const own = (await mk(alice, 'Mes nouveaux', { status: 'new', assignee: 'me' })).json();
    const shared = (await mk(bob, 'Tout le nouveau', { status: 'new' }, true)).json();
    await mk(bob, 'Privée de Bob', { status: 'new' });
    const queues = (await get(alice, '/queues')).json().data as Array<{ key: string; kind: string; name: string; count: number }>;
    expect(queues.slice(5).map((q) => [q.key, q.kind, q.name])).toEqual([[own.id, 'view', 'Mes nouveaux'], [shared.id, 'view', 'Tout le nouveau']]);
    expect(queues[5]!.count).toBe(1);
    expect(queues[6]!.count).toBe((await numbers(alice, { status: 'new' })).length);
    expect(queues[6]!.count).toBeLessThan((await numbers(admin, { status: 'new' })).length);
  });

  it('is for agents only', async () => {
    const r = await buildRequester(t.deps);
    const headers = await signIn(t.app, r.email);
    expect((await get(headers, '/queues')).statusCode).toBe(403);
    expect((await get(headers, '/views')).statusCode).toBe(403);
  });
});

describe('saved views', () => {
  const post = (who: BuiltAgent, payload: object) => t.app.inject({ method: 'POST', url: `${V1}/views`, headers: as(who), payload });

  it('stores the query as sent and checks it against the list filters', async () => {
    const ok = await post(alice, { name: ' Urgences ', query: { priority: 'P1,P2', team: 'mine', sort: '-priority' } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ name: 'Urgences', query: { priority: 'P1,P2', team: 'mine', sort: '-priority' }, shared: false, owner_id: alice.agent.id });
    for (const query of [{ priority: 'P9' }, { limit: '5' }, { cursor: 'x' }, { nope: '1' }, { sort: 'relevance' }, { status: 1 }, { team: 'everyone' }]) {
      const bad = await post(alice, { name: 'Mauvaise', query });
      expect(bad.statusCode, JSON.stringify(query)).toBe(400);
      expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect((await post(alice, { name: '', query: {} })).statusCode).toBe(400);
    const detail = (await post(alice, { name: 'Mauvaise', query: { priority: 'P9' } })).json().error.details;
    expect(detail).toEqual([expect.objectContaining({ path: 'body.query.priority.0' })]);
  });

  it('lists own views then shared ones; only the owner (or an admin, when shared) changes them', async () => {
    const mine = (await post(bob, { name: 'A privée', query: { status: 'open' } })).json();
    const sharedView = (await post(bob, { name: 'B partagée', query: { status: 'open' }, shared: true })).json();
    const aliceList = (await get(alice, '/views')).json().data.map((v: { id: string }) => v.id);
    expect(aliceList).toContain(sharedView.id);
    expect(aliceList).not.toContain(mine.id);

    const patch = (who: BuiltAgent, id: string, payload: object) =>
      t.app.inject({ method: 'PATCH', url: `${V1}/views/${id}`, headers: as(who), payload });
    expect((await patch(alice, mine.id, { name: 'Volée' })).statusCode).toBe(404);
    expect((await patch(alice, sharedView.id, { name: 'Volée' })).statusCode).toBe(403);
    const renamed = await patch(bob, mine.id, { name: 'Renommée', query: { status: 'pending' } });
    expect(renamed.json()).toMatchObject({ name: 'Renommée', query: { status: 'pending' }, shared: false });
    expect((await patch(bob, mine.id, { query: { sort: '-relevance' } })).statusCode).toBe(400);
    expect((await patch(admin, sharedView.id, { shared: false })).json().shared).toBe(false);
    // No longer shared: now the admin cannot see it either.
    const del = (who: BuiltAgent, id: string) => t.app.inject({ method: 'DELETE', url: `${V1}/views/${id}`, headers: as(who) });
    expect((await del(admin, sharedView.id)).statusCode).toBe(404);
    expect((await del(bob, sharedView.id)).statusCode).toBe(204);
    expect((await del(bob, sharedView.id)).statusCode).toBe(404);
  });
});
