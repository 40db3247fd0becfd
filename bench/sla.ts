/**
 * SLA benchmark. Usage:
 *
 *   npm run bench:sla -- --engine embedded|postgres|both [--sizes 10000,100000] [--due 5000] [--seconds 2]
 *
 * 1. Deadline computations per second (pure domain, no database): `addBusinessTime` on the Paris office calendar
 *    (09:00–12:30, 13:30–18:00, French holidays) from random instants over two years, for random targets from
 *    30 business minutes to 5 business days; and whole clock starts (`startClock` + `nextCheckAt`).
 * 2. The sweep (`sla.sweep`, the job every process runs) on databases of each size where EVERY ticket is open
 *    with a running SLA clock (first response 4 h with a 75 % warning, resolution 2 days):
 *    - idle pass: nothing is due (the usual case): the time of one pass, median of 20;
 *    - catch-up: Relais was down over the weekend, so `--due` tickets (5,000 whatever the size), started on Friday,
 *      have crossed 75 % and 100 % of their first response: the time to announce all of them (a timeline entry
 *      each, the clock saved, the next check moved), tickets and thresholds per second.
 * Writes JSON to bench/results/ and prints a markdown table.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { AgentPrincipal } from '../src/domain/principal.js';
import { addBusinessTime, type BusinessCalendar } from '../src/domain/sla/calendar.js';
import { nextCheckAt, startClock, earliestDue } from '../src/domain/sla/clock.js';
import { thresholdsOf } from '../src/domain/sla/policy.js';
import { frenchHolidays } from '../src/domain/sla/holidays-fr.js';
import type { Database, Engine } from '../src/store/db.js';
import { makeDeps, type Clock } from '../src/usecases/deps.js';
import { createPolicy } from '../src/usecases/sla/manage-sla-policies.js';
import { sweepSla } from '../src/usecases/sla/sweep-sla.js';
import { enginesArg, intArg } from './args.js';
import { rng } from './corpus.js';
import { generate } from './generate.js';
import { prepareTarget } from './target.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'embedded' },
    sizes: { type: 'string', default: '10000,100000' },
    seconds: { type: 'string', default: '2' },
    due: { type: 'string', default: '5000' },
  },
  strict: true,
});
const engines = enginesArg(values.engine);
const SIZES = values.sizes.split(',').map((s) => intArg('sizes', s, 100, 1_000_000));
const SECONDS = intArg('seconds', values.seconds, 1, 60);
/** Tickets due at once in the catch-up pass, whatever the size (its cost depends on them, not on the size). */
const CATCH_UP = intArg('due', values.due, 100, 1_000_000);

const office = [{ start: '09:00', end: '12:30' }, { start: '13:30', end: '18:00' }];
const OFFICE: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  weekly: { 1: office, 2: office, 3: office, 4: office, 5: office, 6: [], 7: [] },
  holidays: frenchHolidays(2024, 2030).map((h) => h.date),
};
const MIN = 60_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Runs `fn` repeatedly for SECONDS; operations per second. */
function opsPerSecond(fn: (i: number) => void): number {
  let n = 0;
  const start = performance.now();
  const until = start + SECONDS * 1000;
  while (performance.now() < until) for (let k = 0; k < 1000; k++) fn(n++);
  return Math.round(n / ((performance.now() - start) / 1000));
}

function domainBench() {
  const r = rng(7);
  const base = Date.parse('2026-01-01T00:00:00Z');
  const starts = Array.from({ length: 10_000 }, () => new Date(base + r() * 730 * 24 * 3600_000));
  const targets = Array.from({ length: 10_000 }, () => Math.round(30 + r() * (5 * 510 - 30)) * MIN);
  const deadline = opsPerSecond((i) => addBusinessTime(OFFICE, starts[i % 10_000]!, targets[(i * 7) % 10_000]!));
  const snapshot = {
    policy: { id: 'p', name: 'Standard' }, calendar: { id: null, name: 'Bureau', version: 1 }, priority: 'P3' as const,
    targets: { first_response: 240, next_response: 120, resolution: 960 },
    thresholds: thresholdsOf([{ metric: 'first_response', percent: 75, actions: [] }]), pause_statuses: ['pending' as const, 'on_hold' as const],
  };
  const clockStart = opsPerSecond((i) => {
    const ctx = { calendar: OFFICE, now: starts[i % 10_000]! };
    const s = startClock(snapshot, { status: 'open', hasFirstResponse: false }, ctx, 'bench');
    nextCheckAt(s.state, ctx);
  });
  return { deadlinesPerSecond: deadline, clockStartsPerSecond: clockStart };
}

class BenchClock implements Clock {
  constructor(public t: Date) {}
  now() {
    return new Date(this.t);
  }
}

const ADMIN = (id: string): AgentPrincipal => ({ kind: 'agent', id, role: 'admin', teamIds: [], scopes: null, via: 'session' });

/**
 * Opens every ticket (or the first `limit`) and starts its clock at `startedAt` minus up to 2 h: with `now`, first
 * response is due within the next hours; three days earlier, everything is due.
 */
async function armTickets(db: Database, startedAt: Date, policyId: string, calendarId: string, limit?: number): Promise<number> {
  await db.query(`UPDATE tickets SET status = 'open', resolved_at = NULL, closed_at = NULL, merged_into_id = NULL WHERE status <> 'open' OR merged_into_id IS NOT NULL`);
  const ids = (await db.query<{ id: string }>(`SELECT id FROM tickets ORDER BY id${limit ? ` LIMIT ${limit}` : ''}`)).map((x) => x.id);
  const now = startedAt;
  const r = rng(11);
  const snapshot = {
    policy: { id: policyId, name: 'Standard' }, calendar: { id: calendarId, name: 'Bureau', version: 1 }, priority: 'P3' as const,
    targets: { first_response: 240, resolution: 960 },
    thresholds: thresholdsOf([{ metric: 'first_response', percent: 75, actions: [] }]), pause_statuses: ['pending' as const, 'on_hold' as const],
  };
  for (let i = 0; i < ids.length; i += 2000) {
    const rows = ids.slice(i, i + 2000).map((id) => {
      const ctx = { calendar: OFFICE, now: new Date(now.getTime() - r() * 2 * 3600_000) };
      const s = startClock(snapshot, { status: 'open', hasFirstResponse: false }, ctx, 'bench').state;
      return { id, sla: s, due: earliestDue(s), next: nextCheckAt(s, ctx) };
    });
    await db.query(
      `UPDATE tickets t SET sla = v.sla, sla_due_at = v.due, sla_next_check_at = v.next, priority = 'P3'
       FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, sla jsonb, due timestamptz, next timestamptz) WHERE t.id = v.id`,
      [JSON.stringify(rows)],
    );
  }
  await db.query('VACUUM ANALYZE tickets');
  return ids.length;
}

async function sweepBench(engine: Engine, size: number) {
  const target = await prepareTarget(engine, false);
  const db = await target.open();
  try {
    const now = new Date('2026-11-23T10:00:00+01:00'); // a Monday morning
    console.log(`  ${engine}: generating ${size} tickets…`);
    const { people } = await generate(db, { tickets: size, now, log: (m) => console.log(m) });
    const clock = new BenchClock(now);
    const deps = makeDeps(db, { clock });
    const calendarId = deps.newId();
    await db.query(
      `INSERT INTO calendars (id, name, time_zone, weekly, holidays, french_holidays, is_default, created_at, updated_at)
       VALUES ($1, 'Bureau', 'Europe/Paris', $2, '[]', 'metropolitan', true, $3, $3)`,
      [calendarId, JSON.stringify(OFFICE.weekly), now],
    );
    const policy = await createPolicy(deps, ADMIN(people.manager.id), {
      name: 'Standard', description: '', active: true, conditions: {}, calendarId, pauseStatuses: ['pending', 'on_hold'],
      targets: { P3: { first_response: 240, resolution: 960 } },
      escalations: [{ metric: 'first_response', percent: 75, actions: [] }],
    });
    await db.query('UPDATE calendars SET version = 1 WHERE id = $1', [calendarId]);
    const armed = await armTickets(db, now, policy.id, calendarId);

    const idle: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      const rep = await sweepSla(deps);
      idle.push(performance.now() - t0);
      if (rep.checked !== 0) throw new Error(`idle pass checked ${rep.checked} tickets`);
    }

    // Relais was down over the weekend: CATCH_UP tickets, started on Friday morning, have their first response due.
    await armTickets(db, new Date(now.getTime() - 3 * 24 * 3600_000), policy.id, calendarId, CATCH_UP);
    const t0 = performance.now();
    let checked = 0;
    let fired = 0;
    for (;;) {
      const rep = await sweepSla(deps, { batch: 200 });
      checked += rep.checked;
      fired += rep.fired;
      if (rep.checked === 0) break;
    }
    const catchUpMs = performance.now() - t0;
    return {
      engine, size, armed, idlePassMedianMs: Math.round(median(idle) * 100) / 100,
      catchUp: { checked, fired, seconds: Math.round(catchUpMs / 10) / 100, ticketsPerSecond: Math.round(checked / (catchUpMs / 1000)), thresholdsPerSecond: Math.round(fired / (catchUpMs / 1000)) },
    };
  } finally {
    await db.close();
    await target.cleanup();
  }
}

const domain = domainBench();
console.log(`deadline computations: ${domain.deadlinesPerSecond}/s; clock starts: ${domain.clockStartsPerSecond}/s`);
const sweeps = [];
for (const engine of engines) {
  for (const size of SIZES) {
    const r = await sweepBench(engine, size);
    console.log(JSON.stringify(r));
    sweeps.push(r);
  }
}
const result = { at: new Date().toISOString(), seconds: SECONDS, domain, sweeps };
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
const file = path.join(root, 'bench/results', `sla-${Date.now()}.json`);
fs.writeFileSync(file, JSON.stringify(result, null, 2));
console.log(`\n| engine | open tickets with a running clock | idle pass (median of 20) | catch-up: tickets | thresholds announced | time | tickets/s | thresholds/s |`);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const s of sweeps) {
  console.log(`| ${s.engine} | ${s.armed} | ${s.idlePassMedianMs} ms | ${s.catchUp.checked} | ${s.catchUp.fired} | ${s.catchUp.seconds} s | ${s.catchUp.ticketsPerSecond} | ${s.catchUp.thresholdsPerSecond} |`);
}
console.log(`\nresults: ${path.relative(root, file)}`);
