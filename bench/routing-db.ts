/**
 * The database half of the routing benchmark: a help desk with one push team of agents holding skills from a
 * 50-skill catalogue (written through the store, as the admin screens write them), then three measurements on it:
 * the assignment decision itself (`autoAssign` in a transaction), tickets created and assigned per second
 * (`createTicket`, routed by a rule), and a team queue of waiting tickets drained when the agents come online
 * (`dispatchWaiting`, then `sweepRouting`).
 */
import type { AgentPrincipal } from '../src/domain/principal.js';
import type { Level } from '../src/domain/priority.js';
import { setAgentSkills, insertAgent } from '../src/store/agents.js';
import { updateAgentAvailability, type AvailabilityPatch } from '../src/store/agent-availability.js';
import type { Database, Sql } from '../src/store/db.js';
import { insertRequester } from '../src/store/requesters.js';
import { insertRoutingRule } from '../src/store/routing-rules.js';
import { loadTeamCandidates, setRequiredSkills } from '../src/store/routing.js';
import { insertSkill } from '../src/store/skills.js';
import { insertTeam } from '../src/store/teams.js';
import { findTicket } from '../src/store/tickets.js';
import { createTicket } from '../src/usecases/create-ticket.js';
import { makeDeps, type Clock, type Deps } from '../src/usecases/deps.js';
import { autoAssign } from '../src/usecases/routing/auto-assign.js';
import { dispatchWaiting, sweepRouting } from '../src/usecases/routing/dispatch-waiting.js';
import { ticketText } from './corpus.js';
import { needOf, SKILLS, type AgentSpec } from './routing-data.js';

/** Real time from a fixed start (a Monday morning), so shifts are the same on every run; `skip` jumps ahead. */
export class BenchClock implements Clock {
  private readonly t0 = performance.now();
  private offset = 0;
  constructor(private readonly start: Date) {}
  now() {
    return new Date(this.start.getTime() + this.offset + Math.floor(performance.now() - this.t0));
  }
  skip(ms: number) {
    this.offset += ms;
  }
}

export interface Desk {
  db: Database;
  deps: Deps;
  clock: BenchClock;
  teamId: string;
  agentIds: string[];
  skillIds: string[];
  admin: AgentPrincipal;
  requesterId: string;
  specs: readonly AgentSpec[];
}

export async function buildDesk(db: Database, specs: readonly AgentSpec[], start: Date): Promise<Desk> {
  const clock = new BenchClock(start);
  const deps = makeDeps(db, { clock });
  const now = clock.now();
  const skillIds = SKILLS.map(() => deps.newId());
  const base = await db.tx(async (sql) => {
    for (const [i, s] of SKILLS.entries()) await insertSkill(sql, { id: skillIds[i]!, ...s, active: true }, now);
    const team = await insertTeam(sql, { id: deps.newId(), name: 'Centre de services', description: '', assignmentMode: 'push', tier: 'L1', createdAt: now });
    const admin = await insertAgent(sql, {
      id: deps.newId(), name: 'Admin Bench', email: 'admin@relais.bench', passwordHash: null, role: 'admin', tier: 'L3',
      language: 'fr', timeZone: 'Europe/Paris', teamIds: [], createdAt: now,
    });
    const requester = await insertRequester(sql, {
      id: deps.newId(), name: 'Demandeur Bench', organization_id: null, language: 'fr', time_zone: 'Europe/Paris', password_hash: null, created_at: now,
    }, [{ id: deps.newId(), kind: 'email', value: 'demandeur@client.bench', isPrimary: true }]);
    return { teamId: team.id, admin, requesterId: requester.id };
  });
  const agentIds = specs.map(() => deps.newId());
  for (let i = 0; i < specs.length; i += 100) {
    await db.tx(async (sql) => {
      for (let k = i; k < Math.min(i + 100, specs.length); k++) {
        const s = specs[k]!;
        const id = agentIds[k]!;
        await insertAgent(sql, {
          id, name: s.name, email: s.email, passwordHash: null, role: 'agent', tier: s.tier, language: 'fr',
          timeZone: s.timeZone, teamIds: [base.teamId], createdAt: now,
        });
        await setAgentSkills(sql, id, s.skills.map((x) => ({ skill_id: skillIds[x.skill]!, level: x.level })));
        await updateAgentAvailability(sql, id, {
          status: s.status, workingHours: s.workingHours, capacity: s.capacity,
          outOfOffice: s.outOfOffice ? { ...s.outOfOffice, delegateId: null } : null,
        }, now);
      }
    });
  }
  await db.query('ANALYZE');
  const admin: AgentPrincipal = { kind: 'agent', id: base.admin.id, role: 'admin', teamIds: [], scopes: null, via: 'session' };
  return { db, deps, clock, teamId: base.teamId, agentIds, skillIds, admin, requesterId: base.requesterId, specs };
}

const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
export const stats = (xs: number[]) => ({ n: xs.length, p50: round(pct(xs, 50)), p99: round(pct(xs, 99)) });

function newTicketInput(desk: Desk, r: () => number) {
  const t = ticketText(r);
  return { subject: t.subject, description: t.description, requesterId: desk.requesterId, channel: 'email' as const, equipmentBrand: t.equipment?.[0] ?? null };
}

/**
 * `n` assignment decisions after `warmUp`: a ticket is created without a team, then, in one transaction, put in
 * the team with what it needs (0–3 skills, a level) and locked, and `autoAssign` decides and writes (assigned, or
 * waiting with the reason). Only `autoAssign` is timed. Load accumulates: agents fill up as in a morning.
 */
export async function decisionBench(desk: Desk, n: number, warmUp: number, r: () => number) {
  const assigned: number[] = [];
  const waiting: number[] = [];
  for (let i = 0; i < warmUp + n; i++) {
    const need = needOf(r);
    const { ticket } = await createTicket(desk.deps, desk.admin, newTicketInput(desk, r));
    const [ms, ok] = await desk.db.tx(async (sql) => {
      await sql.query('UPDATE tickets SET team_id = $2, tier = $3 WHERE id = $1', [ticket.id, desk.teamId, need.tier]);
      await setRequiredSkills(sql, ticket.id, need.skills.map((s) => ({ skill_id: desk.skillIds[s.skill]!, level: s.level })));
      const locked = (await findTicket(sql, { id: ticket.id }, true))!;
      const t0 = performance.now();
      const res = await autoAssign(sql, desk.deps, locked, { trigger: 'created' });
      return [performance.now() - t0, res.assigned] as const;
    });
    if (i >= warmUp) (ok ? assigned : waiting).push(ms);
  }
  // Where the time goes: the read of the team's candidates (load, skills) alone, out of any transaction.
  const load: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    await loadTeamCandidates(desk.db, desk.teamId, []);
    load.push(performance.now() - t0);
  }
  const sizes = (await desk.db.one<{ reason: number; data: number }>(
    `SELECT round(avg(octet_length(reason)))::int AS reason, round(avg(octet_length(data::text)))::int AS data
       FROM timeline_entries WHERE kind IN ('ticket.assigned', 'ticket.queued') AND actor_kind = 'system'`))!;
  return { all: stats([...assigned, ...waiting]), assigned: stats(assigned), waiting: stats(waiting), loadCandidates: stats(load), entryBytes: sizes };
}

/** Every ticket resolved (a new shift of work), and every agent set to `patch` (through the store, as the API does). */
async function resetDesk(desk: Desk, patch: (i: number) => AvailabilityPatch) {
  const now = desk.clock.now();
  await desk.db.query(`UPDATE tickets SET status = 'resolved', resolved_at = $1 WHERE status NOT IN ('resolved', 'closed')`, [now]);
  await desk.db.tx(async (sql) => {
    for (const [i, id] of desk.agentIds.entries()) await updateAgentAvailability(sql, id, patch(i), now);
  });
}

/** Skill the throughput rule asks for (Windows, level 1) and the capacity that just fits `n` tickets among its holders. */
function capacityPlan(desk: Desk, n: number): { skill: number; holders: number; capacity: number } {
  const skill = SKILLS.findIndex((s) => s.name_en === 'Windows');
  const holders = desk.specs.filter((a) => a.skills.some((x) => x.skill === skill)).length;
  return { skill, holders, capacity: Math.ceil(n / holders) };
}

/** Fails loudly unless every ticket has an assignee and no agent holds more open tickets than their capacity. */
async function checkAssigned(sql: Sql, ids: readonly string[]) {
  const unassigned = (await sql.one<{ n: number }>('SELECT count(*)::int AS n FROM tickets WHERE id = ANY($1::uuid[]) AND assignee_id IS NULL', [ids]))!.n;
  if (unassigned) throw new Error(`${unassigned} of ${ids.length} tickets have no assignee`);
  const over = await sql.query<{ name: string; open: number; capacity: number }>(
    `SELECT a.name, a.capacity, (SELECT count(*) FROM tickets t WHERE t.assignee_id = a.id AND t.status NOT IN ('resolved', 'closed'))::int AS open
       FROM agents a WHERE a.capacity IS NOT NULL`);
  const bad = over.filter((a) => a.open > a.capacity);
  if (bad.length) throw new Error(`over capacity: ${bad.slice(0, 5).map((a) => `${a.name} ${a.open}/${a.capacity}`).join(', ')}`);
}

/** The rule every later ticket follows: no conditions (like the default rule), to the push team, Windows level 1. */
export async function addServiceDeskRule(desk: Desk) {
  const { skill } = capacityPlan(desk, 1);
  await desk.db.tx((sql) => insertRoutingRule(sql, {
    id: desk.deps.newId(), name: 'Centre de services', description: 'Everything to the service desk, Windows level 1.',
    position: 1, active: true, conditions: {},
    outcome: { team_id: desk.teamId, tier: 'L1', required_skills: [{ skill_id: desk.skillIds[skill]!, level: 1 as Level }], priority_adjust: null, tags: [] },
  }, desk.clock.now()));
}

/**
 * `n` tickets through `createTicket` with `clients` at a time: no team given, the rule sends each to the push
 * team and `autoAssign` picks an agent in the same transaction. Every agent online, on shift; capacity just enough.
 */
export async function throughputBench(desk: Desk, n: number, clients: number, r: () => number) {
  const plan = capacityPlan(desk, n);
  await resetDesk(desk, () => ({ status: 'online', workingHours: null, outOfOffice: null, capacity: plan.capacity }));
  const inputs = Array.from({ length: n }, () => newTicketInput(desk, r));
  const ids: string[] = [];
  const latency: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < n) {
      const input = inputs[next++]!;
      const s = performance.now();
      ids.push((await createTicket(desk.deps, desk.admin, input)).ticket.id);
      latency.push(performance.now() - s);
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  await checkAssigned(desk.db, ids);
  return { clients, tickets: n, holders: plan.holders, capacity: plan.capacity, seconds: round(seconds), perSecond: round(n / seconds, 1), latency: stats(latency) };
}

/**
 * A team queue of `n` waiting tickets (every agent offline when they arrived), then every agent comes online and
 * the queue drains: `dispatchWaiting` (what an agent coming online triggers), or `sweepRouting` (the periodic job,
 * once the tickets' retry time has come). Each ticket is tried in its own transaction.
 */
export async function drainBench(desk: Desk, n: number, how: 'dispatch' | 'sweep', r: () => number) {
  const plan = capacityPlan(desk, n);
  await resetDesk(desk, () => ({ status: 'offline', workingHours: null, outOfOffice: null, capacity: plan.capacity }));
  const ids: string[] = [];
  const q0 = performance.now();
  for (let i = 0; i < n; i++) ids.push((await createTicket(desk.deps, desk.admin, newTicketInput(desk, r))).ticket.id);
  const queuedPerSecond = n / ((performance.now() - q0) / 1000);
  const waitingNow = (await desk.db.one<{ n: number }>('SELECT count(*)::int AS n FROM tickets WHERE waiting_since IS NOT NULL'))!.n;
  if (waitingNow !== n) throw new Error(`${waitingNow} tickets waiting instead of ${n}`);
  const now = desk.clock.now();
  await desk.db.tx(async (sql) => {
    for (const id of desk.agentIds) await updateAgentAvailability(sql, id, { status: 'online' }, now);
  });
  if (how === 'sweep') desk.clock.skip(11 * 60_000); // past the 10-minute retry of a waiting ticket
  const t0 = performance.now();
  let assigned = 0;
  let passes = 0;
  for (;;) {
    passes++;
    const got = how === 'dispatch' ? await dispatchWaiting(desk.deps, [desk.teamId]) : (await sweepRouting(desk.deps)).assigned;
    assigned += got;
    if (got === 0) break;
  }
  const seconds = (performance.now() - t0) / 1000;
  await checkAssigned(desk.db, ids);
  return { how, tickets: n, assigned, passes, seconds: round(seconds), perSecond: round(assigned / seconds, 1), queuedPerSecond: round(queuedPerSecond, 1) };
}
