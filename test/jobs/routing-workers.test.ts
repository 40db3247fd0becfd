/**
 * Automatic assignment under concurrency (issue 6):
 * - two real `relais serve` processes on one PostgreSQL database (RELAIS_TEST_ENGINE=postgres) receive tickets
 *   at the same time for one push team: no ticket is assigned twice and no agent goes over capacity; tickets
 *   beyond the team's room wait, and as tickets are resolved through both processes, their routing sweeps give
 *   the freed places to waiting tickets, still never over capacity;
 * - the same races inside one process (both engines).
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { createTicket } from '../../src/usecases/create-ticket.js';
import { makeDeps, type Deps } from '../../src/usecases/deps.js';
import { sweepRouting } from '../../src/usecases/routing/dispatch-waiting.js';
import { eventually } from '../email/support.js';
import { buildAgent, buildRequester, buildTeam, type BuiltAgent } from '../support/factories.js';
import { serveProcess } from '../support/serve-process.js';
import { freshPgDatabaseUrl, testDatabase, testEngine } from '../support/harness.js';

const children = new Set<ChildProcess>();
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

const CAPACITY = 3;

/** A push team of `agents` online agents with room for CAPACITY tickets each, and a rule sending everything there. */
async function world(deps: Deps, agents: number) {
  const admin = await buildAgent(deps, { role: 'admin' });
  const team = await buildTeam(deps);
  const members: BuiltAgent[] = [];
  for (let i = 0; i < agents; i++) members.push(await buildAgent(deps, { teamIds: [team.id], name: `Agent ${String(i).padStart(2, '0')}` }));
  await deps.db.query(`UPDATE agents SET availability = 'online', capacity = $2 WHERE id = ANY($1::uuid[])`,
    [members.map((m) => m.agent.id), CAPACITY]);
  const now = deps.clock.now();
  await deps.db.query(
    `INSERT INTO routing_rules (id, name, position, conditions, team_id, created_at, updated_at) VALUES ($1, 'Tout', 1, '{}', $2, $3, $3)`,
    [deps.newId(), team.id, now],
  );
  const requester = await buildRequester(deps);
  return { admin, team: team.id, members, requesterId: requester.id };
}

async function state(db: Database, teamId: string) {
  const loads = await db.query<{ id: string; open: number }>(
    `SELECT a.id, (SELECT count(*) FROM tickets t WHERE t.assignee_id = a.id AND t.status NOT IN ('resolved', 'closed'))::int AS open
       FROM agents a JOIN agent_teams m ON m.agent_id = a.id AND m.team_id = $1`, [teamId]);
  const twice = await db.one<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT ticket_id FROM timeline_entries WHERE kind = 'ticket.assigned'
       AND data -> 'source' ->> 'kind' = 'routing' GROUP BY ticket_id HAVING count(*) > 1) x`);
  const waiting = await db.one<{ n: number }>(
    `SELECT count(*)::int AS n FROM tickets WHERE team_id = $1 AND assignee_id IS NULL AND waiting_since IS NOT NULL
       AND status NOT IN ('resolved', 'closed')`, [teamId]);
  const assigned = await db.one<{ n: number }>(
    `SELECT count(*)::int AS n FROM tickets WHERE team_id = $1 AND assignee_id IS NOT NULL AND status NOT IN ('resolved', 'closed')`, [teamId]);
  return { maxLoad: Math.max(...loads.map((l) => l.open)), twice: twice!.n, waiting: waiting!.n, assigned: assigned!.n };
}

async function serve(databaseUrl: string): Promise<{ child: ChildProcess; port: number }> {
  const served = await serveProcess(databaseUrl);
  children.add(served.child);
  return served;
}

async function post(port: number, token: string, url: string, body: object): Promise<Record<string, unknown>> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1${url}`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

describe.runIf(testEngine() === 'postgres')('two relais processes assigning into one team', () => {
  it('never assigns a ticket twice nor an agent over capacity, and fills freed places from the queue', async () => {
    const url = await freshPgDatabaseUrl();
    const db = await openDatabase({ databaseUrl: url, dataDir: null, poolSize: 4 });
    await migrate(db);
    const deps = makeDeps(db);
    const w = await world(deps, 6);
    const [a, b] = await Promise.all([serve(url), serve(url)]);
    const ports = [a.port, b.port];
    const created = await Promise.all(Array.from({ length: 40 }, (_, i) =>
      post(ports[i % 2]!, w.admin.token, '/tickets', { subject: `Incident ${i}`, requester_id: w.requesterId })));
    let s = await state(db, w.team);
    expect(s).toEqual({ maxLoad: CAPACITY, twice: 0, waiting: 40 - 6 * CAPACITY, assigned: 6 * CAPACITY });

    // Each agent resolves one ticket, through both processes at once: their sweeps fill the six places.
    const mine = await db.query<{ id: string; assignee_id: string }>(
      `SELECT DISTINCT ON (assignee_id) id, assignee_id FROM tickets WHERE id = ANY($1::uuid[]) AND assignee_id IS NOT NULL`,
      [created.map((t) => t.id)]);
    await Promise.all(mine.map((t, i) => post(ports[i % 2]!, w.members.find((m) => m.agent.id === t.assignee_id)!.token,
      `/tickets/${t.id}/status`, { status: 'resolved' })));
    await eventually(async () => (await state(db, w.team)).waiting === 40 - 6 * CAPACITY - 6, 30_000);
    await new Promise((r) => setTimeout(r, 2000)); // more passes of both sweeps: nothing more may happen
    s = await state(db, w.team);
    expect(s).toEqual({ maxLoad: CAPACITY, twice: 0, waiting: 40 - 6 * CAPACITY - 6, assigned: 6 * CAPACITY });
    for (const c of [a.child, b.child]) c.kill('SIGTERM');
    await db.close();
  }, 180_000);
});

describe('concurrent assignment in one process', () => {
  it('never goes over capacity when tickets arrive together and sweeps race', async () => {
    const db = await testDatabase();
    const deps = makeDeps(db);
    const w = await world(deps, 4);
    await Promise.all(Array.from({ length: 20 }, (_, i) =>
      createTicket(deps, w.admin.principal, { subject: `Panne ${i}`, requesterId: w.requesterId })));
    expect(await state(db, w.team)).toEqual({ maxLoad: CAPACITY, twice: 0, waiting: 8, assigned: 12 });
    await db.query(`UPDATE agents SET capacity = $2 WHERE id = ANY($1::uuid[])`, [w.members.map((m) => m.agent.id), CAPACITY + 1]);
    await db.query(`UPDATE tickets SET routing_next_try_at = now() WHERE waiting_since IS NOT NULL`);
    const runs = await Promise.all([sweepRouting(deps), sweepRouting(makeDeps(db)), sweepRouting(deps)]);
    expect(runs.reduce((n, r) => n + r.assigned, 0)).toBe(4);
    expect(await state(db, w.team)).toEqual({ maxLoad: CAPACITY + 1, twice: 0, waiting: 4, assigned: 16 });
    await db.close();
  }, 60_000);
});
