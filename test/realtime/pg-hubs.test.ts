/**
 * Two servers on one PostgreSQL database (RELAIS_TEST_ENGINE=postgres only): changes committed through one
 * reach sockets on the other through NOTIFY, exactly once; presence crosses too, and a silent process's
 * viewers expire.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/domain/ticket.js';
import { openDatabase, type Database } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { buildAgent, buildRequester, buildTeam, buildTicket, signIn, type BuiltAgent } from '../support/factories.js';
import { freshPgDatabaseUrl, testEngine } from '../support/harness.js';
import { isChanged, isPresence, listen, TestSocket, type ListeningApp } from './support.js';

describe.runIf(testEngine() === 'postgres')('two servers sharing a PostgreSQL database', () => {
  let url: string;
  const dbs: Database[] = [];
  let A: ListeningApp;
  let B: ListeningApp;
  let a1: BuiltAgent;
  let a2: BuiltAgent;
  let ticket: Ticket;
  const headers: Record<string, Record<string, string>> = {};
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    url = await freshPgDatabaseUrl();
    for (let i = 0; i < 2; i++) dbs.push(await openDatabase({ databaseUrl: url, dataDir: null, poolSize: 3 }));
    await migrate(dbs[0]!);
    const fast = { announceMs: 100, expireMs: 400 };
    A = await listen(dbs[0]!, { DATABASE_URL: url }, fast);
    B = await listen(dbs[1]!, { DATABASE_URL: url }, fast);
    const team = await buildTeam(A.deps);
    a1 = await buildAgent(A.deps, { teamIds: [team.id] });
    a2 = await buildAgent(A.deps, { teamIds: [team.id] });
    ticket = await buildTicket(A.deps, a1.principal, (await buildRequester(A.deps)).id, { teamId: team.id });
    headers.a1 = await signIn(A.app, a1.agent.email);
    headers.a2 = await signIn(B.app, a2.agent.email);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await A?.close();
    await B?.close();
    for (const db of dbs) await db.close();
  });

  const open = async (on: ListeningApp, who: string) => {
    const s = await TestSocket.open(on.wsUrl, { cookie: headers[who]!.cookie!, origin: on.origin });
    sockets.push(s);
    return s;
  };

  it('feeds both hubs from notifications, not from the use cases', () => {
    expect([A.app.realtime.feed, B.app.realtime.feed]).toEqual(['notifications', 'notifications']);
  });

  it('delivers a change made through one server to sockets on both, once each', async () => {
    const onA = await open(A, 'a1');
    const onB = await open(B, 'a2');
    await Promise.all([onA.next((m) => m.type === 'hello'), onB.next((m) => m.type === 'hello')]);
    const res = await A.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/replies`, headers: headers.a1!, payload: { body: 'Vu.' } });
    expect(res.statusCode).toBe(201);
    await onB.next(isChanged(ticket.id));
    await onA.next(isChanged(ticket.id));
    await new Promise((r) => setTimeout(r, 300));
    expect(onB.messages.filter(isChanged(ticket.id))).toHaveLength(1);
    expect(onA.messages.filter(isChanged(ticket.id))).toHaveLength(1);
  });

  it('shares presence and typing across servers, and forgets a silent server’s viewers', async () => {
    const onA = await open(A, 'a1');
    const onB = await open(B, 'a2');
    onA.send({ type: 'watch', ticket_id: ticket.id });
    onB.send({ type: 'watch', ticket_id: ticket.id });
    await onB.next(isPresence(ticket.id, (names) => names.includes(a1.agent.name) && names.includes(a2.agent.name)));
    await onA.next(isPresence(ticket.id, (names) => names.includes(a1.agent.name) && names.includes(a2.agent.name)));
    onA.send({ type: 'typing', ticket_id: ticket.id, composing: 'reply' });
    await onB.next(isPresence(ticket.id, (_, m) => m.viewers.some((v) => v.agent_id === a1.agent.id && v.composing === 'reply')));

    // A process that announces once and then dies without a word.
    const ghost = { agent_id: '0190a1b2-0000-7000-8000-0000000000ff', name: 'Fantôme', composing: null, since: new Date().toISOString() };
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('SELECT pg_notify($1, $2)', ['relais_presence', JSON.stringify({ pid: 'ghost', tickets: [{ id: ticket.id, viewers: [ghost] }] })]);
    await client.end();
    const seen = await onB.next(isPresence(ticket.id, (names) => names.includes('Fantôme')));
    await onB.next(isPresence(ticket.id, (names, m) => !names.includes('Fantôme') && onB.messages.indexOf(m) > onB.messages.indexOf(seen)));

    onA.close();
    await onB.next(isPresence(ticket.id, (names) => names.length === 1 && names[0] === a2.agent.name));
  });
});
