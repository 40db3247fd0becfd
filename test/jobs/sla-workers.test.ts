/**
 * The SLA sweep as a durable job:
 * - two real `relais serve` processes on one PostgreSQL database (RELAIS_TEST_ENGINE=postgres) sweep the same due
 *   tickets at the same time: each threshold is announced, and its escalation run, exactly once;
 * - a deadline that passed while Relais was stopped is announced once when it starts again (both engines);
 * - two sweeps racing in one process never announce twice (both engines).
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { openDatabase, type Database } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { createTicket } from '../../src/usecases/create-ticket.js';
import { makeDeps, type Deps } from '../../src/usecases/deps.js';
import { createPolicy } from '../../src/usecases/sla/manage-sla-policies.js';
import { sweepSla } from '../../src/usecases/sla/sweep-sla.js';
import { eventually } from '../email/support.js';
import { buildAgent, buildRequester, buildTeam, type BuiltAgent } from '../support/factories.js';
import { serveProcess } from '../support/serve-process.js';
import { freshPgDatabaseUrl, testConfig, testDatabase, testEngine } from '../support/harness.js';

const children = new Set<ChildProcess>();
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

const ALWAYS = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [{ start: '00:00', end: '24:00' }]]));

/** A team, an assignee, a requester, a 24/7 calendar and a policy: first response 30 min, warned at 50 %. */
async function world(deps: Deps): Promise<{ admin: BuiltAgent; agent: BuiltAgent; requesterId: string; teamId: string }> {
  const admin = await buildAgent(deps, { role: 'admin' });
  const team = await buildTeam(deps);
  const agent = await buildAgent(deps, { teamIds: [team.id] });
  const requester = await buildRequester(deps);
  const now = deps.clock.now();
  const calendarId = deps.newId();
  await deps.db.query(
    `INSERT INTO calendars (id, name, time_zone, weekly, is_default, created_at, updated_at) VALUES ($1, '24/7', 'Europe/Paris', $2, true, $3, $3)`,
    [calendarId, JSON.stringify(ALWAYS), now],
  );
  await createPolicy(deps, admin.principal, {
    name: 'Express', description: '', active: true, conditions: {}, calendarId, pauseStatuses: ['pending', 'on_hold'],
    targets: { P1: { first_response: 30 }, P2: { first_response: 30 }, P3: { first_response: 30 }, P4: { first_response: 30 } },
    escalations: [
      { metric: 'first_response', percent: 50, actions: [{ type: 'notify', recipients: ['assignee'], email: false }] },
      { metric: 'first_response', percent: 100, actions: [{ type: 'add_tags', tags: ['sla-depasse'] }] },
    ],
  });
  return { admin, agent, requesterId: requester.id, teamId: team.id };
}

/** `count` tickets created `minutesAgo` minutes ago (an import): their deadlines have all passed. */
async function pastTickets(deps: Deps, w: Awaited<ReturnType<typeof world>>, count: number, minutesAgo: number): Promise<string[]> {
  const ids: string[] = [];
  const createdAt = new Date(Date.now() - minutesAgo * 60_000);
  for (let i = 0; i < count; i++) {
    const { ticket } = await createTicket(deps, w.agent.principal, {
      subject: `Incident ${i}`, requesterId: w.requesterId, teamId: w.teamId, assigneeId: w.agent.agent.id, createdAt,
    });
    ids.push(ticket.id);
  }
  return ids;
}

async function escalationCounts(db: Database, ids: readonly string[]) {
  const rows = await db.query<{ ticket_id: string; percent: number; n: number }>(
    `SELECT ticket_id, (data ->> 'percent')::int AS percent, count(*)::int AS n FROM timeline_entries
     WHERE kind = 'ticket.sla_escalated' AND ticket_id = ANY($1::uuid[]) GROUP BY 1, 2`, [ids]);
  const notified = await db.one<{ n: number }>(
    `SELECT count(*)::int AS n FROM notifications WHERE ticket_id = ANY($1::uuid[])`, [ids]);
  const tagged = await db.one<{ n: number }>(
    `SELECT count(*)::int AS n FROM timeline_entries WHERE kind = 'ticket.fields_changed' AND ticket_id = ANY($1::uuid[])
       AND data -> 'source' ->> 'kind' = 'sla'`, [ids]);
  return { rows, notified: notified!.n, tagged: tagged!.n };
}

function expectOnce(c: Awaited<ReturnType<typeof escalationCounts>>, tickets: number): void {
  expect(c.rows).toHaveLength(tickets * 2);
  expect(c.rows.every((r) => r.n === 1)).toBe(true);
  expect(c.notified).toBe(tickets);
  expect(c.tagged).toBe(tickets);
}

async function serve(databaseUrl: string): Promise<ChildProcess> {
  const { child } = await serveProcess(databaseUrl);
  children.add(child);
  return child;
}

describe.runIf(testEngine() === 'postgres')('two relais processes sweeping one database', () => {
  it('announces each threshold and runs each escalation exactly once', async () => {
    const url = await freshPgDatabaseUrl();
    const db = await openDatabase({ databaseUrl: url, dataDir: null, poolSize: 4 });
    await migrate(db);
    const deps = makeDeps(db);
    const w = await world(deps);
    const ids = await pastTickets(deps, w, 60, 45);
    const [a, b] = await Promise.all([serve(url), serve(url)]);
    await eventually(async () => (await escalationCounts(db, ids)).rows.length === ids.length * 2, 60_000);
    await new Promise((r) => setTimeout(r, 3000)); // more passes of both processes: nothing more may happen
    expectOnce(await escalationCounts(db, ids), ids.length);
    for (const c of [a, b]) c.kill('SIGTERM');
    await db.close();
  }, 180_000);
});

describe('the sweep as a durable job', () => {
  it('announces once, at start, a deadline that passed while Relais was stopped', async () => {
    const db = await testDatabase();
    const deps = makeDeps(db);
    const w = await world(deps);
    const ids = await pastTickets(deps, w, 5, 45); // as if Relais had been down for the last 45 minutes
    expect((await escalationCounts(db, ids)).rows).toHaveLength(0);
    const app = await buildApp({ deps, config: testConfig({ RELAIS_SCHEDULER_SECONDS: '1' }), logger: false });
    await app.ready();
    await eventually(async () => (await escalationCounts(db, ids)).rows.length === ids.length * 2, 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    expectOnce(await escalationCounts(db, ids), ids.length);
    await app.close();
    await db.close();
  }, 60_000);

  it('two sweeps racing never announce twice', async () => {
    const db = await testDatabase();
    const deps = makeDeps(db);
    const w = await world(deps);
    const ids = await pastTickets(deps, w, 40, 45);
    const other = makeDeps(db);
    const reports = await Promise.all([sweepSla(deps, { batch: 7 }), sweepSla(other, { batch: 5 }), sweepSla(deps, { batch: 3 })]);
    expect(reports.reduce((n, r) => n + r.fired, 0)).toBe(ids.length * 2);
    expectOnce(await escalationCounts(db, ids), ids.length);
    await db.close();
  }, 60_000);
});
