/**
 * Routing benchmark (issue 6). Usage:
 *
 *   npm run bench:routing -- --engine embedded|postgres|both [--agents 1000] [--rules 100] [--decisions 2000]
 *     [--matches 50000] [--db-decisions 200] [--tickets 300] [--clients 1] [--waiting 150]
 *
 * Each option also reads an environment variable (BENCH_ROUTING_AGENTS, BENCH_ROUTING_DB_DECISIONS …; a flag
 * wins). The defaults keep a run of both engines near 5 minutes on 2 cores: a database decision costs tens of ms.
 * 1. Decision time, in the domain alone: `rankCandidates` over `--agents` candidates (skills from a 50-skill
 *    catalogue, 3–8 each at levels 1–3, mixed status, shifts, capacity and load) for tickets needing 0–3 skills;
 *    then the same with each agent's availability worked out first (`toCandidate`, as `autoAssign` does); and
 *    `matchRoutingRule` over `--rules` rules against French and English tickets. p50/p99 of single decisions.
 * 2. Decision time with the database: `autoAssign` inside a transaction, on a push team of `--agents` agents whose
 *    skills are stored in `skills` / `agent_skills`, for `--db-decisions` tickets needing 0–3 skills.
 * 3. Assignments per second: `--tickets` tickets through `createTicket`, routed by a rule to the team and assigned
 *    in the same transaction (`--clients` at a time); and a queue of `--waiting` tickets drained when the agents
 *    come online (`dispatchWaiting`) or when their retry time comes (`sweepRouting`). Every ticket must end with
 *    an assignee and no agent above capacity, or the run fails.
 * Writes JSON to bench/results/ and prints markdown tables.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { v7 as uuidv7 } from 'uuid';
import { rankCandidates } from '../src/domain/routing/ranking.js';
import { matchRoutingRule } from '../src/domain/routing/rules.js';
import type { CandidateRow } from '../src/store/routing.js';
import type { Engine } from '../src/store/db.js';
import { toCandidate } from '../src/usecases/routing/auto-assign.js';
import { enginesArg, intArg } from './args.js';
import { rng } from './corpus.js';
import { addServiceDeskRule, buildDesk, decisionBench, drainBench, stats, throughputBench } from './routing-db.js';
import { agentSpecs, needOf, routingFacts, routingRules, ruleWorld, SKILLS } from './routing-data.js';
import { prepareTarget } from './target.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = (name: string, fallback: string) => process.env[`BENCH_ROUTING_${name}`] ?? fallback;
const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: env('ENGINE', 'embedded') },
    agents: { type: 'string', default: env('AGENTS', '1000') },
    rules: { type: 'string', default: env('RULES', '100') },
    decisions: { type: 'string', default: env('DECISIONS', '2000') },
    matches: { type: 'string', default: env('MATCHES', '50000') },
    'db-decisions': { type: 'string', default: env('DB_DECISIONS', '200') },
    tickets: { type: 'string', default: env('TICKETS', '300') },
    clients: { type: 'string', default: env('CLIENTS', '1') },
    waiting: { type: 'string', default: env('WAITING', '150') },
  },
  strict: true,
});
const engines = enginesArg(values.engine);
const AGENTS = intArg('agents', values.agents, 10, 100_000);
const RULES = intArg('rules', values.rules, 2, 10_000);
const DECISIONS = intArg('decisions', values.decisions, 100, 1_000_000);
const MATCHES = intArg('matches', values.matches, 100, 10_000_000);
const DB_DECISIONS = intArg('db-decisions', values['db-decisions'], 10, 100_000);
const TICKETS = intArg('tickets', values.tickets, 10, 1_000_000);
const CLIENTS = values.clients.split(',').map((c) => intArg('clients', c, 1, 64));
const WAITING = intArg('waiting', values.waiting, 10, 1_000_000);

/** Monday 23 November 2026, 10:00 in Paris: the office shift is on, the late shift not yet, Montréal asleep. */
const MONDAY = new Date('2026-11-23T10:00:00+01:00');
const us = (ms: number) => Math.round(ms * 1000 * 10) / 10;

/** Times each call of `fn` after `warmUp` calls; milliseconds. */
function timeEach(n: number, warmUp: number, fn: (i: number) => void): number[] {
  for (let i = 0; i < warmUp; i++) fn(i);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn(i);
    out[i] = performance.now() - t0;
  }
  return out;
}

function domainBench() {
  const r = rng(61);
  const skillIds = SKILLS.map(() => uuidv7());
  const rows: CandidateRow[] = agentSpecs(AGENTS, r, MONDAY).map((s) => ({
    id: uuidv7(), name: s.name, tier: s.tier, availability: s.status, time_zone: s.timeZone, working_hours: s.workingHours,
    capacity: s.capacity, ooo_from: s.outOfOffice?.from ?? null, ooo_until: s.outOfOffice?.until ?? null, ooo_delegate_id: null,
    last_assigned_at: s.lastAssignedAt, open_tickets: s.openTickets,
    skills: s.skills.map((x) => ({ skill_id: skillIds[x.skill]!, level: x.level, name: SKILLS[x.skill]!.name_en })),
  }));
  const candidates = rows.map((row) => toCandidate(row, MONDAY));
  const needs = Array.from({ length: 1000 }, () => {
    const n = needOf(r);
    return { tier: n.tier, skills: n.skills.map((x) => ({ skill_id: skillIds[x.skill]!, level: x.level, name: SKILLS[x.skill]!.name_en })) };
  });
  let chosen = 0;
  let eligible = 0;
  const rank = timeEach(DECISIONS, 500, (i) => {
    const need = needs[i % needs.length]!;
    const res = rankCandidates(candidates, need.skills, { tier: need.tier });
    if (res.chosen) chosen++;
    eligible += res.ranked.length;
  });
  const withAvailability = timeEach(DECISIONS, 500, (i) => {
    const need = needs[i % needs.length]!;
    rankCandidates(rows.map((row) => toCandidate(row, MONDAY)), need.skills, { tier: need.tier });
  });
  const world = ruleWorld(uuidv7);
  const rules = routingRules(RULES, r, world, uuidv7);
  const facts = Array.from({ length: 5000 }, () => routingFacts(r, world));
  let position = 0;
  let byDefault = 0;
  const match = timeEach(MATCHES, 2000, (i) => {
    const m = matchRoutingRule(rules, facts[i % facts.length]!)!;
    position += m.rule.position;
    if (m.rule.name === 'Default') byDefault++;
  });
  const runs = DECISIONS + 500;
  return {
    rank: stats(rank), rankWithAvailability: stats(withAvailability), match: stats(match),
    chosenShare: Math.round((chosen / runs) * 100), meanEligible: Math.round(eligible / runs),
    meanMatchedPosition: Math.round(position / (MATCHES + 2000)), defaultShare: Math.round((byDefault / (MATCHES + 2000)) * 100),
  };
}

async function engineBench(engine: Engine) {
  let target;
  try {
    target = await prepareTarget(engine, false);
  } catch (err) {
    console.log(`  ${engine}: skipped (${(err as Error).message.split('\n')[0]})`);
    return null;
  }
  const db = await target.open();
  try {
    const r = rng(83);
    const t0 = performance.now();
    const desk = await buildDesk(db, agentSpecs(AGENTS, r, MONDAY), MONDAY);
    const setupSeconds = Math.round((performance.now() - t0) / 100) / 10;
    console.log(`  ${engine}: ${AGENTS} agents and 50 skills stored in ${setupSeconds} s; ${DB_DECISIONS} decisions…`);
    const decisions = await decisionBench(desk, DB_DECISIONS, Math.min(100, DB_DECISIONS), r);
    console.log(`  ${engine}: ${JSON.stringify(decisions)}`);
    await addServiceDeskRule(desk);
    const throughput = [];
    for (const clients of CLIENTS) {
      const t = await throughputBench(desk, TICKETS, clients, r);
      console.log(`  ${engine}: ${JSON.stringify(t)}`);
      throughput.push(t);
    }
    const drains = [];
    for (const how of ['dispatch', 'sweep'] as const) {
      const d = await drainBench(desk, WAITING, how, r);
      console.log(`  ${engine}: ${JSON.stringify(d)}`);
      drains.push(d);
    }
    return { engine, setupSeconds, decisions, throughput, drains };
  } finally {
    await db.close();
    await target.cleanup();
  }
}

console.log(`load average before: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const domain = domainBench();
console.log(JSON.stringify(domain));
const perEngine = [];
for (const engine of engines) {
  const e = await engineBench(engine);
  if (e) perEngine.push(e);
}
const sizes = { agents: AGENTS, skills: SKILLS.length, rules: RULES, decisions: DECISIONS, matches: MATCHES, dbDecisions: DB_DECISIONS, tickets: TICKETS, clients: CLIENTS, waiting: WAITING };
const result = { at: new Date().toISOString(), loadAverage: os.loadavg(), sizes, domain, engines: perEngine };
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
const file = path.join(root, 'bench/results', `routing-${Date.now()}.json`);
fs.writeFileSync(file, JSON.stringify(result, null, 2));

const d = domain;
console.log(`\n| In the domain (one core) | p50 | p99 |`);
console.log('|---|---:|---:|');
console.log(`| \`rankCandidates\`, ${AGENTS} candidates (${d.meanEligible} eligible on average, someone chosen ${d.chosenShare} %) | ${us(d.rank.p50)} µs | ${us(d.rank.p99)} µs |`);
console.log(`| the same with availability worked out first (\`toCandidate\` × ${AGENTS}) | ${us(d.rankWithAvailability.p50)} µs | ${us(d.rankWithAvailability.p99)} µs |`);
console.log(`| \`matchRoutingRule\`, ${RULES} rules (matched at position ${d.meanMatchedPosition} on average, ${d.defaultShare} % by the default) | ${us(d.match.p50)} µs | ${us(d.match.p99)} µs |`);
console.log(`\n| Engine | \`autoAssign\` p50 / p99 (all) | assigned p50 / p99 | left waiting p50 / p99 | assigned / waiting | candidates read p50 | entry size (reason + data) |`);
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const e of perEngine) {
  const x = e.decisions;
  console.log(`| ${e.engine} | ${x.all.p50} / ${x.all.p99} ms | ${x.assigned.p50} / ${x.assigned.p99} ms | ${x.waiting.p50} / ${x.waiting.p99} ms | ${x.assigned.n} / ${x.waiting.n} | ${x.loadCandidates.p50} ms | ${x.entryBytes.reason} + ${x.entryBytes.data} B |`);
}
console.log(`\n| Engine | What | Tickets | Clients | Time | Tickets/s | Per ticket p50 / p99 |`);
console.log('|---|---|---:|---:|---:|---:|---:|');
for (const e of perEngine) {
  for (const t of e.throughput) {
    console.log(`| ${e.engine} | created + assigned (\`createTicket\`) | ${t.tickets} | ${t.clients} | ${t.seconds} s | ${t.perSecond} | ${t.latency.p50} / ${t.latency.p99} ms |`);
  }
  for (const q of e.drains) {
    const what = q.how === 'dispatch' ? 'queue drained (`dispatchWaiting`)' : 'queue drained (`sweepRouting`)';
    console.log(`| ${e.engine} | ${what}; queued at ${q.queuedPerSecond}/s | ${q.assigned} | 1 | ${q.seconds} s | ${q.perSecond} | |`);
  }
}
console.log(`\nresults: ${path.relative(root, file)}`);
