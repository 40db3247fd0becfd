/** What the clock's table-driven tests share: calendars, a default snapshot and a ticket driven through events. */
import { ALWAYS_OPEN, type BusinessCalendar, type OpeningInterval } from './calendar.js';
import {
  nextCheckAt, onReply, onStatusChange, retarget, startClock, sweep, usedAt,
  type ClockStep, type MetricClock, type SlaSnapshot, type SlaState,
} from './clock.js';
import { frenchHolidays } from './holidays-fr.js';
import type { SlaMetric } from './policy.js';
import type { TicketStatus } from '../ticket.js';

export const M = 60_000;
export const H = 60 * M;
export const at = (iso: string) => new Date(iso);
export const iso = (s: string) => at(s).toISOString();

export const day: OpeningInterval[] = [{ start: '09:00', end: '12:30' }, { start: '13:30', end: '18:00' }];
/** Paris office, Monday to Friday 09:00–12:30 + 13:30–18:00 (8 h a day), French public holidays. */
export const office: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  weekly: { 1: day, 2: day, 3: day, 4: day, 5: day, 6: [], 7: [] },
  holidays: frenchHolidays(2024, 2027).map((h) => h.date),
};
export const always = ALWAYS_OPEN('Europe/Paris');

/** P2 by default: first response 4 h, next response 2 h, resolution 16 h (two business days). */
export function snapshot(over: Partial<SlaSnapshot> = {}): SlaSnapshot {
  return {
    policy: { id: 'pol-std', name: 'Standard' },
    calendar: { id: 'cal-office', name: 'Office', version: 1 },
    priority: 'P2',
    targets: { first_response: 240, next_response: 120, resolution: 960 },
    thresholds: { first_response: [75, 100], next_response: [100], resolution: [50, 75, 100] },
    pause_statuses: ['pending', 'on_hold'],
    ...over,
  };
}

/** A ticket's clock driven through events, as the use cases will: each step's state feeds the next. */
export function ticket(cal: BusinessCalendar, created: string, o: { status?: TicketStatus; snap?: SlaSnapshot; hasFirstResponse?: boolean } = {}) {
  let status = o.status ?? 'new';
  const ctx = (now: string) => ({ calendar: cal, now: at(now) });
  let last = startClock(o.snap ?? snapshot(), { status, hasFirstResponse: o.hasFirstResponse ?? false }, ctx(created), 'ticket created');
  const apply = (s: ClockStep) => (last = s);
  return {
    get state(): SlaState { return last.state; },
    get last(): ClockStep { return last; },
    m(metric: SlaMetric): MetricClock { return last.state.metrics[metric]!; },
    used: (metric: SlaMetric, now: string) => usedAt(last.state.metrics[metric]!, ctx(now)),
    status(to: TicketStatus, now: string, why = '') {
      const s = onStatusChange(last.state, status, to, ctx(now), why);
      status = to;
      return apply(s);
    },
    reply: (by: 'agent' | 'requester', now: string) => apply(onReply(last.state, by, status, ctx(now))),
    sweep: (now: string) => apply(sweep(last.state, ctx(now))),
    retarget: (snap: SlaSnapshot, now: string) => apply(retarget(last.state, snap, ctx(now), 'priority changed')),
    nextCheck: (now: string) => nextCheckAt(last.state, ctx(now))?.toISOString() ?? null,
  };
}
