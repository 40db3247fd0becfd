import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, businessTimeBetween, type BusinessCalendar, type OpeningInterval } from './calendar.js';
import {
  isBreached,
  nextCheckAt,
  onReply,
  onStatusChange,
  retarget,
  startClock,
  sweep,
  usedAt,
  type ClockStep,
  type SlaSnapshot,
  type SlaState,
} from './clock.js';
import { frenchHolidays } from './holidays-fr.js';
import { SLA_METRICS } from './policy.js';
import { canTransition, type TicketStatus } from '../ticket.js';

const M = 60_000;
const H = 60 * M;
const DAY = 24 * H;
const QUARTER = 15 * M;
const FROM = Date.UTC(2024, 0, 1);
const TO = Date.UTC(2027, 0, 1);
const ZONES = ['Europe/Paris', 'America/New_York', 'Australia/Sydney', 'Australia/Lord_Howe', 'UTC'];

// ---------- Arbitraries (calendars as in calendar.test.ts, on a 15-minute grid so boundaries hit DST changes) ----------

const hhmm = (q: number) => (q === 96 ? '24:00' : `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`);
const dayArb = fc.array(fc.integer({ min: 0, max: 96 }), { maxLength: 4 }).map((qs) => {
  const sorted = [...qs].sort((a, b) => a - b);
  const out: OpeningInterval[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) {
    if (sorted[i]! < sorted[i + 1]!) out.push({ start: hhmm(sorted[i]!), end: hhmm(sorted[i + 1]!) });
  }
  return out;
});
const minutesOf = (hm: string) => (hm === '24:00' ? 1440 : Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3)));
const weeklyOpenMinutes = (c: BusinessCalendar) =>
  Object.values(c.weekly).flat().reduce((sum, i) => sum + minutesOf(i.end) - minutesOf(i.start), 0);

const officeDay: OpeningInterval[] = [{ start: '09:00', end: '12:30' }, { start: '13:30', end: '18:00' }];
const office: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  weekly: { 1: officeDay, 2: officeDay, 3: officeDay, 4: officeDay, 5: officeDay, 6: [], 7: [] },
  holidays: frenchHolidays(2023, 2028).map((h) => h.date),
};

const calendarArb: fc.Arbitrary<BusinessCalendar> = fc.oneof(
  { weight: 3, arbitrary: fc.record({
    timeZone: fc.constantFrom(...ZONES),
    weekly: fc.record({ 1: dayArb, 2: dayArb, 3: dayArb, 4: dayArb, 5: dayArb, 6: dayArb, 7: dayArb }),
    holidays: fc.array(fc.integer({ min: FROM / DAY, max: TO / DAY }).map((d) => new Date(d * DAY).toISOString().slice(0, 10)), { maxLength: 20 }),
  }) },
  { weight: 2, arbitrary: fc.constant(office) },
  { weight: 1, arbitrary: fc.constantFrom(...ZONES).map((z) => ALWAYS_OPEN(z)) },
).filter((c) => weeklyOpenMinutes(c) > 0);

/** Instants around the Paris / New York / Sydney DST weekends now and then, else anywhere. */
const instantArb = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: FROM, max: TO }) },
  { weight: 2, arbitrary: fc.integer({ min: FROM / QUARTER, max: TO / QUARTER }).map((q) => q * QUARTER) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('2025-03-28', '2025-10-24', '2025-03-07', '2025-10-31', '2025-04-04', '2025-10-03'), fc.integer({ min: 0, max: 3 * DAY / QUARTER }))
    .map(([d, q]) => Date.parse(`${d}T00:00Z`) + q * QUARTER) },
);

const thresholdsArb = fc.subarray([25, 50, 75, 90]).map((ps) => [...ps, 100]);

/** Targets up to three weeks of the calendar's open time, so that deadlines stay within reach. */
const snapshotArb = (c: BusinessCalendar, pause: SlaSnapshot['pause_statuses']) => {
  const target = fc.integer({ min: 1, max: Math.max(1, Math.min(3 * weeklyOpenMinutes(c), 20 * 24 * 60)) });
  return fc.record({
    targets: fc.record({ first_response: target, next_response: target, resolution: target }),
    thresholds: fc.record({ first_response: thresholdsArb, next_response: thresholdsArb, resolution: thresholdsArb }),
  }).map(({ targets, thresholds }): SlaSnapshot => ({
    policy: { id: 'p', name: 'P' }, calendar: { id: null, name: 'C', version: 1 }, priority: 'P2', targets, thresholds, pause_statuses: pause,
  }));
};

const ACTIONS = ['open', 'pending', 'on_hold', 'resolved', 'closed', 'agent', 'requester', 'sweep', 'same', 'other'] as const;
type Action = (typeof ACTIONS)[number];

const gapArb = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 4 * DAY }),
  fc.integer({ min: 0, max: (4 * DAY) / QUARTER }).map((q) => q * QUARTER),
);

const scenarioArb = calendarArb.chain((cal) =>
  fc.subarray(['pending', 'on_hold'] as const).chain((pause) =>
    fc.record({
      cal: fc.constant(cal),
      snap: snapshotArb(cal, [...pause]),
      start: instantArb,
      status: fc.constantFrom<TicketStatus>('new', 'open', 'pending', 'on_hold'),
      steps: fc.array(fc.record({ gap: gapArb, action: fc.constantFrom<Action>(...ACTIONS), other: snapshotArb(cal, [...pause]) }), { minLength: 1, maxLength: 12 }),
    }),
  ),
);
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

// ---------- The run: every invariant is checked after every event ----------

const snapshotOf = (s: SlaState): SlaSnapshot => ({
  policy: s.policy, calendar: s.calendar, priority: s.priority, targets: s.targets, thresholds: s.thresholds, pause_statuses: s.pause_statuses,
});

function checkState(cal: BusinessCalendar, state: SlaState, now: number): void {
  const ctx = { calendar: cal, now: new Date(now) };
  for (const metric of SLA_METRICS) {
    const m = state.metrics[metric];
    if (!m) continue;
    const used = usedAt(m, ctx);
    expect(used).toBeGreaterThanOrEqual(0);
    expect(used).toBeLessThanOrEqual(now - Date.parse(m.started_at)); // business time never exceeds elapsed time
    const goal = m.target_minutes * M;
    if (m.status !== 'running') {
      expect(m.since).toBeNull();
      if (m.status === 'paused') expect(m.due_at).toBeNull(); // met and stopped keep theirs, for the record
      continue;
    }
    expect(m.due_at).not.toBeNull();
    const due = Date.parse(m.due_at!);
    if (m.used_ms < goal) {
      // The deadline is where the used time reaches the target, to the millisecond.
      const reach = (t: number) => usedAt(m, { calendar: cal, now: new Date(t) });
      expect(Math.abs(reach(due) - goal)).toBeLessThanOrEqual(1);
      expect(reach(due - 1)).toBeLessThan(goal);
      expect(isBreached(m, new Date(now))).toBe(now >= due || m.breached_at !== null);
    } else {
      expect(due).toBeLessThanOrEqual(now); // already past its target: the deadline is behind us
      expect(isBreached(m, new Date(now))).toBe(true);
    }
  }
  // Retargeting to the same snapshot changes no deadline, no announcement, no breach.
  const same = retarget(state, snapshotOf(state), ctx, 'same').state;
  for (const metric of SLA_METRICS) {
    const [a, b] = [state.metrics[metric], same.metrics[metric]];
    expect(b?.due_at, metric).toBe(a?.due_at);
    expect(b?.status).toBe(a?.status);
    expect(b?.fired).toEqual(a?.fired);
    expect(b?.breached_at).toBe(a?.breached_at);
  }
  // A sweep is idempotent at the same instant, and nextCheckAt tells exactly when the next one has work.
  const swept = sweep(state, ctx);
  for (const c of swept.crossed) expect(c.at.getTime()).toBeLessThanOrEqual(now);
  expect(sweep(swept.state, ctx).crossed).toEqual([]);
  const next = nextCheckAt(swept.state, ctx);
  if (next) {
    expect(next.getTime()).toBeGreaterThan(now);
    expect(sweep(swept.state, { calendar: cal, now: new Date(next.getTime() - 1) }).crossed).toEqual([]);
    expect(sweep(swept.state, { calendar: cal, now: next }).crossed.length).toBeGreaterThan(0);
  } else {
    for (const m of Object.values(swept.state.metrics)) if (m.status === 'running') expect(m.fired).toEqual(expect.arrayContaining(m.thresholds));
  }
}

function run({ cal, snap, start, status: initial, steps }: Scenario): void {
  let now = start;
  let status = initial;
  const ctx = () => ({ calendar: cal, now: new Date(now) });
  let state = startClock(snap, { status, hasFirstResponse: false }, ctx(), 'created').state;
  // An independent model of resolution and first response: business time over the spans where they count.
  const counting = (s: TicketStatus) => !state.pause_statuses.includes(s) && s !== 'resolved' && s !== 'closed';
  let resolutionUsed = 0;
  let firstUsed = 0;
  let firstWaiting = true;
  checkState(cal, state, now);
  for (const { gap, action, other } of steps) {
    const before = state;
    const prev = now;
    now += gap;
    if (counting(status)) {
      const span = businessTimeBetween(cal, new Date(prev), new Date(now));
      resolutionUsed += span;
      if (firstWaiting) firstUsed += span;
    }
    for (const metric of SLA_METRICS) {
      const m = before.metrics[metric];
      if (!m) continue;
      const [u0, u1] = [usedAt(m, { calendar: cal, now: new Date(prev) }), usedAt(m, ctx())];
      expect(u1).toBeGreaterThanOrEqual(u0); // never decreases
      if (m.status !== 'running') expect(u1).toBe(u0); // a paused (or finished) metric consumes nothing
    }
    let step: ClockStep;
    if (action === 'agent' || action === 'requester') {
      step = onReply(state, action, status, ctx());
      if (action === 'agent') firstWaiting = false;
    } else if (action === 'sweep') step = sweep(state, ctx());
    else if (action === 'same') step = retarget(state, snapshotOf(state), ctx(), 'same');
    else if (action === 'other') step = retarget(state, other, ctx(), 'priority changed');
    else if (canTransition(status, action)) {
      step = onStatusChange(state, status, action, ctx(), '');
      if (action === 'resolved' || action === 'closed') firstWaiting = false;
      status = action;
    } else continue;
    state = step.state;
    // An event never changes the time already used (a new next-response cycle starts from zero).
    for (const metric of SLA_METRICS) {
      const [a, b] = [before.metrics[metric], state.metrics[metric]];
      if (a && b && a.cycle === b.cycle) expect(usedAt(b, ctx())).toBe(usedAt(a, ctx()));
    }
    if (state.metrics.resolution) expect(usedAt(state.metrics.resolution, ctx())).toBe(resolutionUsed);
    if (state.metrics.first_response) expect(usedAt(state.metrics.first_response, ctx())).toBe(firstUsed);
    checkState(cal, state, now);
  }
}

describe('SLA clock properties', () => {
  it('holds its invariants over random calendars, instants and event sequences', () => {
    fc.assert(fc.property(scenarioArb, (sc) => run(sc)), { numRuns: 300 });
  });

  it('a ticket created paused and left paused uses nothing, whatever the calendar', () => {
    fc.assert(fc.property(calendarArb, instantArb, fc.integer({ min: 0, max: 60 * DAY }), (cal, start, span) => {
      const snap: SlaSnapshot = {
        policy: { id: 'p', name: 'P' }, calendar: { id: null, name: 'C', version: 1 }, priority: 'P2',
        targets: { first_response: 60, resolution: 600 }, thresholds: { first_response: [100], next_response: [100], resolution: [100] },
        pause_statuses: ['pending'],
      };
      const { state } = startClock(snap, { status: 'pending', hasFirstResponse: false }, { calendar: cal, now: new Date(start) }, 'created');
      const later = { calendar: cal, now: new Date(start + span) };
      for (const m of Object.values(state.metrics)) expect(usedAt(m, later)).toBe(0);
      expect(sweep(state, later).crossed).toEqual([]);
      expect(nextCheckAt(state, later)).toBeNull();
    }), { numRuns: 100 });
  });
});
