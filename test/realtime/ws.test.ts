/**
 * The realtime socket against a real listening server, with the `ws` package as the browser: who may connect,
 * who hears about which ticket, presence and typing between agents, and what bad clients get.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/domain/ticket.js';
import { buildAgent, buildRequester, buildTeam, buildTicket, signIn, type BuiltAgent } from '../support/factories.js';
import { testDatabase } from '../support/harness.js';
import { isChanged, isError, isPresence, listen, TestSocket, type ListeningApp } from './support.js';

let s: ListeningApp;
let a1: BuiltAgent;
let a2: BuiltAgent;
let outsider: BuiltAgent;
let t1: Ticket;
let t2: Ticket;
const session: Record<string, Record<string, string>> = {};
const sockets: TestSocket[] = [];

beforeAll(async () => {
  s = await listen(await testDatabase(), {}, { heartbeatMs: 300, reauthMs: 0 });
  const team = await buildTeam(s.deps);
  const other = await buildTeam(s.deps);
  a1 = await buildAgent(s.deps, { teamIds: [team.id] });
  a2 = await buildAgent(s.deps, { teamIds: [team.id] });
  outsider = await buildAgent(s.deps, { teamIds: [other.id] });
  const r1 = await buildRequester(s.deps);
  const r2 = await buildRequester(s.deps);
  t1 = await buildTicket(s.deps, a1.principal, r1.id, { teamId: team.id });
  t2 = await buildTicket(s.deps, a1.principal, r2.id, { teamId: team.id });
  for (const [key, email] of [['a1', a1.agent.email], ['a2', a2.agent.email], ['outsider', outsider.agent.email], ['r1', r1.email], ['r2', r2.email]] as const) {
    session[key] = await signIn(s.app, email);
  }
});
afterAll(async () => {
  for (const ws of sockets) ws.close();
  await s.close();
  await s.deps.db.close();
});

/** A socket signed in as `who`, from the app's own origin. */
async function connect(who: string, extra: Record<string, string> = {}, opts: { autoPong?: boolean } = {}) {
  const ws = await TestSocket.open(s.wsUrl, { cookie: session[who]!.cookie!, origin: s.origin, ...extra }, opts);
  sockets.push(ws);
  return ws;
}

const reply = (who: string, ticket: Ticket, body: string) =>
  s.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/replies`, headers: session[who]!, payload: { body } });

describe('the handshake', () => {
  it('refuses anonymous and cross-origin upgrades before any socket exists', async () => {
    await expect(TestSocket.open(s.wsUrl, { origin: s.origin })).rejects.toThrow(/401/);
    await expect(TestSocket.open(s.wsUrl, { cookie: session.a1!.cookie!, origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(TestSocket.open(s.wsUrl, { cookie: session.a1!.cookie!, origin: 'null' })).rejects.toThrow(/403/);
    // Each refused handshake's connection is closed by the server too (none left half-open).
    const open = () => new Promise<number>((resolve) => s.app.server.getConnections((_, n) => resolve(n)));
    for (let i = 0; i < 50 && (await open()) > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await open()).toBe(0);
  });

  it('accepts a session cookie or an API token, and says hello with the name', async () => {
    const ws = await connect('a1');
    expect(await ws.next((m) => m.type === 'hello')).toEqual({ type: 'hello', principal: { kind: 'agent', id: a1.agent.id, name: a1.agent.name } });
    const byToken = await TestSocket.open(s.wsUrl, { authorization: `Bearer ${a2.token}` });
    sockets.push(byToken);
    expect(await byToken.next((m) => m.type === 'hello')).toMatchObject({ principal: { id: a2.agent.id } });
  });
});

describe('presence and changes between two agents', () => {
  it('shows each watcher the others, their typing, the other’s reply as a change, and their leaving', async () => {
    const w1 = await connect('a1');
    w1.send({ type: 'watch', ticket_id: t1.id });
    await w1.next(isPresence(t1.id, (names) => names.join() === a1.agent.name));
    const w2 = await connect('a2');
    w2.send({ type: 'watch', ticket_id: t1.id });
    const both = await w1.next(isPresence(t1.id, (names) => names.length === 2));
    expect(both.viewers.map((v) => v.agent_id).sort()).toEqual([a1.agent.id, a2.agent.id].sort());
    await w2.next(isPresence(t1.id, (names) => names.length === 2));

    w2.send({ type: 'typing', ticket_id: t1.id, composing: 'reply' });
    const typing = await w1.next(isPresence(t1.id, (_, m) => m.viewers.some((v) => v.agent_id === a2.agent.id && v.composing === 'reply')));
    expect(typing.viewers.find((v) => v.agent_id === a1.agent.id)?.composing).toBeNull();

    expect((await reply('a2', t1, 'Je regarde.')).statusCode).toBe(201);
    expect(await w1.next(isChanged(t1.id))).toEqual({ type: 'ticket.changed', ticket_id: t1.id, ticket_number: t1.number });

    w2.close();
    await w1.next(isPresence(t1.id, (names, m) => names.length === 1 && m.viewers[0]!.agent_id === a1.agent.id && w1.messages.indexOf(m) > w1.messages.indexOf(typing)));
    // One change, one message: the hub has a single source of events.
    await new Promise((r) => setTimeout(r, 150));
    expect(w1.messages.filter(isChanged(t1.id))).toHaveLength(1);
  });

  it('does not let an agent watch a ticket outside their scope, nor tell them it changed', async () => {
    const ws = await connect('outsider');
    ws.send({ type: 'watch', ticket_id: t1.id });
    await ws.next(isError('TICKET_NOT_FOUND'));
    expect((await reply('a1', t2, 'Pour information.')).statusCode).toBe(201);
    // An unrouted ticket is in everyone's scope: its change arrives after t2's would have.
    const unrouted = await buildTicket(s.deps, a1.principal, t2.requesterId);
    await ws.next(isChanged(unrouted.id));
    expect(ws.messages.filter(isChanged(t2.id))).toEqual([]);
  });
});

describe('requesters', () => {
  it('hear about their own tickets only, and cannot watch', async () => {
    const r1 = await connect('r1');
    const r2 = await connect('r2');
    r1.send({ type: 'watch', ticket_id: t1.id });
    await r1.next(isError('FORBIDDEN'));
    expect((await reply('a1', t1, 'Bonjour, pouvez-vous redémarrer ?')).statusCode).toBe(201);
    await r1.next(isChanged(t1.id));
    expect((await reply('a1', t2, 'Bonjour !')).statusCode).toBe(201);
    await r2.next(isChanged(t2.id));
    expect(r2.messages.filter(isChanged(t1.id))).toEqual([]);
    expect(r1.messages.filter(isChanged(t2.id))).toEqual([]);
  });
});

describe('bad clients', () => {
  it('answers malformed messages with an error and keeps the socket open', async () => {
    const ws = await connect('a1');
    ws.send('not json');
    ws.send({ type: 'watch', ticket_id: 'x' } as never);
    ws.send(JSON.stringify({ type: 'typing', ticket_id: t2.id, composing: 'reply' }));
    ws.send(JSON.stringify({ type: 'explode' }));
    await ws.next(isError('NOT_WATCHING'));
    ws.send({ type: 'ping' });
    await ws.next((m) => m.type === 'pong');
    expect(ws.messages.filter(isError('INVALID_MESSAGE'))).toHaveLength(3);
  });

  it('rate-limits floods and closes oversized messages', async () => {
    const ws = await connect('a1');
    for (let i = 0; i < 60; i++) ws.send({ type: 'ping' });
    await ws.next(isError('RATE_LIMITED'));
    const big = await connect('a1');
    big.send(JSON.stringify({ type: 'ping', pad: 'x'.repeat(10_000) }));
    expect(await big.closed()).toBe(1009);
  });

  it('closes a socket that stops answering pings', async () => {
    const ws = await connect('a1', {}, { autoPong: false });
    expect(await ws.closed()).toBe(1006);
  });
});

describe('the end of a session', () => {
  it('closes the socket on sign-out, and at the next check when a token is revoked', async () => {
    const temp = await signIn(s.app, a2.agent.email);
    const ws = await TestSocket.open(s.wsUrl, { cookie: temp.cookie!, origin: s.origin });
    await ws.next((m) => m.type === 'hello');
    expect((await s.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: temp })).statusCode).toBe(204);
    expect(await ws.closed()).toBe(4401);

    const issued = await s.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: session.a2!, payload: { name: 'ws', scopes: ['tickets:read'] } });
    const byToken = await TestSocket.open(s.wsUrl, { authorization: `Bearer ${issued.json().token}` });
    await byToken.next((m) => m.type === 'hello');
    await s.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${issued.json().id}`, headers: session.a2! });
    expect(await byToken.closed()).toBe(4401);
  });
});
