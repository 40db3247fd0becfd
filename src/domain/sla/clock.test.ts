import { validatePolicyShape } from './policy.js';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ALWAYS_OPEN, type BusinessCalendar, type OpeningInterval } from './calendar.js';
import {
  earliestDue,
  isBreached,
  nextCheckAt,
  onReply,
  onStatusChange,
  retarget,
  startClock,
  sweep,
  usedAt,
  type ClockStep,
  type MetricClock,
  type SlaSnapshot,
  type SlaState,
} from './clock.js';
import { frenchHolidays } from './holidays-fr.js';
import type { SlaMetric } from './policy.js';
import type { TicketStatus } from '../ticket.js';

const M = 60_000;
const H = 60 * M;
const at = (iso: string) => new Date(iso);
const iso = (s: string) => at(s).toISOString();

const day: OpeningInterval[] = [{ start: '09:00', end: '12:30' }, { start: '13:30', end: '18:00' }];
/** Paris office, Monday to Friday 09:00–12:30 + 13:30–18:00 (8 h a day), French public holidays. */
const office: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  weekly: { 1: day, 2: day, 3: day, 4: day, 5: day, 6: [], 7: [] },
  holidays: frenchHolidays(2024, 2027).map((h) => h.date),
};
const always = ALWAYS_OPEN('Europe/Paris');

/** P2 by default: first response 4 h, next response 2 h, resolution 16 h (two business days). */
function snapshot(over: Partial<SlaSnapshot> = {}): SlaSnapshot {
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
function ticket(cal: BusinessCalendar, created: string, o: { status?: TicketStatus; snap?: SlaSnapshot; hasFirstResponse?: boolean } = {}) {
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

describe('startClock', () => {
  // Paris 2025: 1 May (Thursday), Easter Monday 21 April, 8 May (Thursday) are holidays.
  it.each<[string, BusinessCalendar, string, string, string]>([
    ['4 h first response from Friday 16:00 → Monday 11:00', office, '2025-03-07T16:00+01:00', '2025-03-10T11:00+01:00', '2025-03-11T16:00+01:00'],
    ['created at 17:59 → next morning', office, '2025-03-05T17:59+01:00', '2025-03-06T13:59+01:00', '2025-03-07T17:59+01:00'],
    ['created during lunch counts from 13:30', office, '2025-03-05T12:45+01:00', '2025-03-05T17:30+01:00', '2025-03-07T12:30+01:00'],
    ['created on 1 May counts from Friday 2 May 09:00', office, '2025-05-01T10:00+02:00', '2025-05-02T14:00+02:00', '2025-05-05T18:00+02:00'],
    ['created on Easter Monday counts from Tuesday', office, '2025-04-21T08:00+02:00', '2025-04-22T14:00+02:00', '2025-04-23T18:00+02:00'],
    ['created on Easter Sunday skips Easter Monday', office, '2025-04-20T15:00+02:00', '2025-04-22T14:00+02:00', '2025-04-23T18:00+02:00'],
    ['created the eve of 8 May (a Thursday) at 17:00', office, '2025-05-07T17:00+02:00', '2025-05-09T12:00+02:00', '2025-05-12T17:00+02:00'],
    ['24/7: elapsed time', always, '2025-03-05T10:00+01:00', '2025-03-05T14:00+01:00', '2025-03-06T02:00+01:00'],
  ])('%s', (_name, cal, created, firstDue, resolutionDue) => {
    const t = ticket(cal, created);
    expect(t.m('first_response')).toMatchObject({
      status: 'running', target_minutes: 240, used_ms: 0, since: iso(created), started_at: iso(created),
      due_at: iso(firstDue), breached_at: null, met_at: null, thresholds: [75, 100], fired: [], cycle: 1,
    });
    expect(t.m('resolution')).toMatchObject({ status: 'running', target_minutes: 960, due_at: iso(resolutionDue), thresholds: [50, 75, 100] });
    expect(t.state.metrics.next_response).toBeUndefined(); // starts on a requester reply only
    expect(t.used('first_response', firstDue)).toBe(4 * H);
  });

  it('records the snapshot and explains itself', () => {
    const t = ticket(office, '2025-03-07T16:00+01:00', { status: 'open' });
    expect(t.state).toMatchObject({ policy: { id: 'pol-std' }, priority: 'P2', pause_statuses: ['pending', 'on_hold'] });
    expect(t.last.events.map((e) => [e.kind, e.metric])).toEqual([['applied', null], ['started', 'first_response'], ['started', 'resolution']]);
    expect(t.last.events[0]!.reason).toBe('ticket created');
    expect(t.last.events[1]).toMatchObject({ reason: 'first response clock started', data: { target_minutes: 240, remaining_minutes: 240, due_at: iso('2025-03-10T11:00+01:00') } });
    expect(t.last.outcomes).toEqual([]);
  });

  it.each<[TicketStatus]>([['pending'], ['on_hold']])('a ticket created %s starts paused, without a deadline', (status) => {
    const t = ticket(office, '2025-03-07T16:00+01:00', { status });
    for (const metric of ['first_response', 'resolution'] as const) {
      expect(t.m(metric)).toMatchObject({ status: 'paused', since: null, due_at: null, used_ms: 0 });
      expect(t.used(metric, '2025-03-12T16:00+01:00')).toBe(0);
    }
    expect(t.last.events[1]!.reason).toBe(`first response clock started paused (ticket is ${status})`);
    expect(earliestDue(t.state)).toBeNull();
    expect(t.nextCheck('2025-03-12T16:00+01:00')).toBeNull();
    // It runs once the ticket opens: Monday 10:00 + 4 h → 15:00 (lunch skipped).
    t.status('open', '2025-03-10T10:00+01:00');
    expect(t.m('first_response')).toMatchObject({ status: 'running', since: iso('2025-03-10T10:00+01:00'), due_at: iso('2025-03-10T15:00+01:00') });
  });

  it('a policy that pauses nothing runs in pending', () => {
    const t = ticket(office, '2025-03-07T16:00+01:00', { status: 'pending', snap: snapshot({ pause_statuses: [] }) });
    expect(t.m('first_response')).toMatchObject({ status: 'running', due_at: iso('2025-03-10T11:00+01:00') });
  });

  it('measures only the targets of the snapshot, and not a first response already given', () => {
    const t = ticket(office, '2025-03-07T16:00+01:00', { snap: snapshot({ targets: { first_response: null, resolution: 480 } }) });
    expect(Object.keys(t.state.metrics)).toEqual(['resolution']);
    expect(t.m('resolution').due_at).toBe(iso('2025-03-10T16:00+01:00'));
    const answered = ticket(office, '2025-03-07T16:00+01:00', { hasFirstResponse: true });
    expect(Object.keys(answered.state.metrics)).toEqual(['resolution']);
  });

  it.each<[TicketStatus]>([['resolved'], ['closed']])('starts nothing on a %s ticket', (status) => {
    const t = ticket(office, '2025-03-07T16:00+01:00', { status });
    expect(t.state.metrics).toEqual({});
    expect(t.last.events.map((e) => e.kind)).toEqual(['applied']);
  });
});

describe('DST in Europe/Paris (2025-03-30 spring forward, 2025-10-26 fall back)', () => {
  it.each<[string, BusinessCalendar, number, string, string]>([
    ['24/7: 48 h across spring forward are 48 real hours (49 on the wall clock)', always, 2880, '2025-03-29T12:00+01:00', '2025-03-31T13:00+02:00'],
    ['24/7: 48 h across fall back are 48 real hours (47 on the wall clock)', always, 2880, '2025-10-25T12:00+02:00', '2025-10-27T11:00+01:00'],
    ['24/7: 4 h through the missing hour', always, 240, '2025-03-30T00:30+01:00', '2025-03-30T05:30+02:00'],
    ['24/7: 4 h through the repeated hour', always, 240, '2025-10-26T00:30+02:00', '2025-10-26T03:30+01:00'],
    ['24/7: 2026 spring forward (29 March)', always, 1440, '2026-03-28T22:00+01:00', '2026-03-29T23:00+02:00'],
    ['office: 4 h from Friday 16:00 across spring forward', office, 240, '2025-03-28T16:00+01:00', '2025-03-31T11:00+02:00'],
    ['office: 4 h from Friday 16:00 across fall back', office, 240, '2025-10-24T16:00+02:00', '2025-10-27T11:00+01:00'],
    ['office: 16 h from Friday 16:00 across fall back', office, 960, '2025-10-24T16:00+02:00', '2025-10-28T16:00+01:00'],
    ['office: created on the Sunday of the change → Monday 09:00 CEST + 1 h', office, 60, '2025-03-30T02:30+01:00', '2025-03-31T10:00+02:00'],
  ])('%s', (_name, cal, minutes, created, due) => {
    const t = ticket(cal, created, { snap: snapshot({ targets: { resolution: minutes } }) });
    expect(t.m('resolution').due_at).toBe(iso(due));
    expect(t.used('resolution', due)).toBe(minutes * M);
    expect(t.used('resolution', new Date(at(due).getTime() - 1).toISOString())).toBe(minutes * M - 1);
  });

  it('24/7: the used time across the change is real time', () => {
    const spring = ticket(always, '2025-03-29T12:00+01:00');
    expect(spring.used('resolution', '2025-03-30T12:00+02:00')).toBe(23 * H);
    const autumn = ticket(always, '2025-10-25T12:00+02:00');
    expect(autumn.used('resolution', '2025-10-26T12:00+01:00')).toBe(25 * H);
  });

  it('24/7: a pause across the change consumes nothing and the deadline moves by the pause', () => {
    const t = ticket(always, '2025-10-25T20:00+02:00', { snap: snapshot({ targets: { resolution: 600 } }) });
    t.status('pending', '2025-10-25T22:00+02:00'); // 2 h used
    t.status('open', '2025-10-26T08:00+01:00'); // 11 real hours later
    expect(t.m('resolution')).toMatchObject({ used_ms: 2 * H, due_at: iso('2025-10-26T16:00+01:00') });
  });
});

describe('pauses', () => {
  // Monday 3 March 2025: open at 09:00, first response given at 10:00, pending from 17:00 (7 h used).
  const monday = (pause: TicketStatus = 'pending', snap = snapshot()) => {
    const t = ticket(office, '2025-03-03T09:00+01:00', { status: 'open', snap });
    t.reply('agent', '2025-03-03T10:00+01:00');
    t.status(pause, '2025-03-03T17:00+01:00');
    return t;
  };

  it.each<[TicketStatus]>([['pending'], ['on_hold']])('%s across a night consumes nothing; resuming recomputes the deadline', (pause) => {
    const t = monday(pause);
    expect(t.last.events).toEqual([expect.objectContaining({ kind: 'paused', metric: 'resolution', reason: `ticket ${pause}` })]);
    expect(t.m('resolution')).toMatchObject({ status: 'paused', used_ms: 7 * H, since: null, due_at: null });
    expect(t.used('resolution', '2025-03-04T10:00+01:00')).toBe(7 * H);
    t.status('open', '2025-03-04T10:00+01:00', 'the requester replied');
    expect(t.last.events).toEqual([expect.objectContaining({ kind: 'resumed', metric: 'resolution', reason: 'ticket open (the requester replied)' })]);
    // 9 h left from Tuesday 10:00: 7 h on Tuesday, 2 h on Wednesday.
    expect(t.m('resolution')).toMatchObject({ status: 'running', used_ms: 7 * H, since: iso('2025-03-04T10:00+01:00'), due_at: iso('2025-03-05T11:00+01:00') });
    expect(t.used('resolution', '2025-03-05T11:00+01:00')).toBe(16 * H);
  });

  it('pending over a weekend consumes nothing', () => {
    const t = ticket(office, '2025-03-07T09:00+01:00', { status: 'open' });
    t.status('pending', '2025-03-07T17:00+01:00'); // 7 h used
    t.status('open', '2025-03-10T11:00+01:00');
    expect(t.m('resolution')).toMatchObject({ used_ms: 7 * H, due_at: iso('2025-03-11T12:00+01:00') });
  });

  it('moving between two pause statuses changes nothing', () => {
    const t = monday('pending');
    const before = t.state;
    t.status('on_hold', '2025-03-04T10:00+01:00');
    expect(t.last.events).toEqual([]);
    expect(t.state).toEqual(before);
  });

  it('a policy whose pause_statuses is [] keeps counting', () => {
    const t = monday('pending', snapshot({ pause_statuses: [] }));
    expect(t.last.events).toEqual([]);
    expect(t.m('resolution')).toMatchObject({ status: 'running', due_at: iso('2025-03-04T18:00+01:00') });
    expect(t.used('resolution', '2025-03-04T10:00+01:00')).toBe(9 * H);
  });

  it('new → open is not a resume', () => {
    const t = ticket(office, '2025-03-03T09:00+01:00');
    const due = t.m('resolution').due_at;
    t.status('open', '2025-03-03T11:00+01:00');
    expect(t.last.events).toEqual([]);
    expect(t.m('resolution').due_at).toBe(due);
  });
});

describe('first and next response', () => {
  const created = '2025-03-03T09:00+01:00';

  it('only an agent reply meets first response; a requester reply does not', () => {
    const t = ticket(office, created);
    const before = t.state;
    t.reply('requester', '2025-03-03T10:00+01:00');
    expect(t.state).toEqual(before);
    expect(t.last.events).toEqual([]);
    expect(t.state.metrics.next_response).toBeUndefined();
    t.reply('agent', '2025-03-03T14:00+01:00'); // 09:00–12:30 + 13:30–14:00 = 4 h: on the deadline
    expect(t.m('first_response')).toMatchObject({ status: 'met', met_at: iso('2025-03-03T14:00+01:00'), used_ms: 4 * H, since: null });
    expect(t.last.outcomes).toEqual([{
      metric: 'first_response', target_minutes: 240, business_ms: 4 * H,
      due_at: at('2025-03-03T14:00+01:00'), completed_at: at('2025-03-03T14:00+01:00'), breached: true,
    }]);
    expect(t.m('resolution').status).toBe('running'); // a reply does not resolve
  });

  it('a reply 1 ms before the deadline is in time', () => {
    const t = ticket(office, created);
    t.reply('agent', '2025-03-03T13:59:59.999+01:00');
    expect(t.last.outcomes[0]).toMatchObject({ breached: false, business_ms: 4 * H - 1 });
    expect(t.last.events[0]).toMatchObject({ kind: 'met', metric: 'first_response', reason: 'an agent replied publicly', data: { breached: false } });
  });

  it('an internal note is no clock event: replies are public and by an agent or the requester', () => {
    expectTypeOf(onReply).parameter(1).toEqualTypeOf<'agent' | 'requester'>();
  });

  it('next response: starts on a requester reply after the first response, met by the next agent reply, cycles count up', () => {
    const t = ticket(office, created);
    t.reply('agent', '2025-03-03T10:00+01:00');
    t.reply('requester', '2025-03-03T12:00+01:00');
    expect(t.m('next_response')).toMatchObject({ status: 'running', cycle: 1, used_ms: 0, target_minutes: 120, thresholds: [100], due_at: iso('2025-03-03T15:00+01:00') });
    expect(t.last.events).toEqual([expect.objectContaining({ kind: 'started', metric: 'next_response', reason: 'the requester replied' })]);
    const waiting = t.state;
    t.reply('requester', '2025-03-03T14:00+01:00'); // already waiting: not restarted
    expect(t.state).toEqual(waiting);
    t.reply('agent', '2025-03-03T14:30+01:00');
    expect(t.m('next_response')).toMatchObject({ status: 'met', used_ms: 1.5 * H });
    expect(t.last.outcomes).toEqual([expect.objectContaining({ metric: 'next_response', business_ms: 1.5 * H, breached: false })]);
    expect(t.m('first_response').met_at).toBe(iso('2025-03-03T10:00+01:00')); // untouched by later replies
    t.reply('agent', '2025-03-03T15:00+01:00'); // nothing waits: nothing to meet
    expect(t.last.events).toEqual([]);
    t.reply('requester', '2025-03-04T09:30+01:00');
    expect(t.m('next_response')).toMatchObject({ status: 'running', cycle: 2, used_ms: 0, fired: [], breached_at: null, due_at: iso('2025-03-04T11:30+01:00') });
  });

  it('next response starts paused when the ticket is pending, and resumes with it', () => {
    const t = ticket(office, created);
    t.reply('agent', '2025-03-03T10:00+01:00');
    t.status('pending', '2025-03-03T10:00+01:00');
    t.reply('requester', '2025-03-03T16:00+01:00');
    expect(t.m('next_response')).toMatchObject({ status: 'paused', due_at: null });
    t.status('open', '2025-03-03T16:00+01:00');
    expect(t.m('next_response')).toMatchObject({ status: 'running', due_at: iso('2025-03-03T18:00+01:00') });
  });

  it('no next response without a target', () => {
    const t = ticket(office, created, { snap: snapshot({ targets: { first_response: 240, resolution: 960 } }) });
    t.reply('agent', '2025-03-03T10:00+01:00');
    t.reply('requester', '2025-03-03T11:00+01:00');
    expect(t.state.metrics.next_response).toBeUndefined();
  });
});

describe('resolution', () => {
  // Monday 3 March 2025 09:00, first response at 10:00; resolution (16 h) due Tuesday 18:00.
  const answered = () => {
    const t = ticket(office, '2025-03-03T09:00+01:00', { status: 'open' });
    t.reply('agent', '2025-03-03T10:00+01:00');
    return t;
  };

  it.each<[string, string, number, boolean]>([
    ['in time', '2025-03-04T11:00+01:00', 10 * H, false],
    ['late', '2025-03-05T10:00+01:00', 17 * H, true],
    ['exactly at the deadline (breached: t >= due)', '2025-03-04T18:00+01:00', 16 * H, true],
  ])('is met when the ticket is resolved (%s)', (_name, when, used, breached) => {
    const t = answered();
    t.status('resolved', when, 'fixed');
    expect(t.m('resolution')).toMatchObject({ status: 'met', met_at: iso(when), used_ms: used, since: null });
    expect(t.last.events).toEqual([expect.objectContaining({ kind: 'met', metric: 'resolution', reason: 'ticket resolved (fixed)', data: expect.objectContaining({ breached }) })]);
    expect(t.last.outcomes).toEqual([{
      metric: 'resolution', target_minutes: 960, business_ms: used, due_at: at('2025-03-04T18:00+01:00'), completed_at: at(when), breached,
    }]);
  });

  it('resolving stops a waiting first response; it is reported only when already breached', () => {
    const early = ticket(office, '2025-03-03T09:00+01:00');
    early.status('resolved', '2025-03-03T10:00+01:00');
    expect(early.m('first_response')).toMatchObject({ status: 'stopped', met_at: null, used_ms: 1 * H });
    expect(early.last.events.map((e) => [e.kind, e.metric])).toEqual([['met', 'resolution'], ['stopped', 'first_response']]);
    expect(early.last.outcomes.map((o) => o.metric)).toEqual(['resolution']);
    const late = ticket(office, '2025-03-03T09:00+01:00');
    late.status('resolved', '2025-03-03T15:00+01:00');
    expect(late.last.outcomes).toEqual([
      expect.objectContaining({ metric: 'resolution', breached: false }),
      expect.objectContaining({ metric: 'first_response', business_ms: 5 * H, breached: true }),
    ]);
  });

  it('reopening resumes with the used time, retracts the outcome; the time spent resolved does not count', () => {
    const t = answered();
    t.sweep('2025-03-03T18:00+01:00'); // 50 % (8 h) announced
    t.status('resolved', '2025-03-04T11:00+01:00'); // 10 h used
    t.status('open', '2025-03-06T10:00+01:00', 'the requester replied'); // Thursday
    expect(t.last.retract).toEqual(['resolution']);
    expect(t.last.outcomes).toEqual([]);
    expect(t.last.events).toEqual([expect.objectContaining({ kind: 'reopened', metric: 'resolution' })]);
    expect(t.last.events[0]!.reason).toContain('the requester replied');
    // 6 h left from Thursday 10:00 → 17:00; 50 % stays announced.
    expect(t.m('resolution')).toMatchObject({
      status: 'running', used_ms: 10 * H, since: iso('2025-03-06T10:00+01:00'), met_at: null, due_at: iso('2025-03-06T17:00+01:00'), fired: [50],
    });
    expect(t.used('resolution', '2025-03-06T10:00+01:00')).toBe(10 * H);
    t.status('resolved', '2025-03-06T15:00+01:00');
    expect(t.last.outcomes).toEqual([expect.objectContaining({ metric: 'resolution', business_ms: 14 * H, breached: false, due_at: at('2025-03-06T17:00+01:00') })]);
  });

  it('closing a resolved ticket changes nothing; closed stops everything still running', () => {
    const t = answered();
    t.status('resolved', '2025-03-04T11:00+01:00');
    const resolved = t.state;
    t.status('closed', '2025-03-09T11:00+01:00');
    expect(t.state).toEqual(resolved);
    expect(t.last.events).toEqual([]);
    // Closing straight from a running state (the clock does not police transitions):
    const u = ticket(office, '2025-03-03T09:00+01:00');
    u.status('closed', '2025-03-04T09:00+01:00');
    expect(u.m('first_response').status).toBe('stopped');
    expect(u.m('resolution')).toMatchObject({ status: 'stopped', used_ms: 8 * H, met_at: null });
    expect(u.last.outcomes.map((o) => [o.metric, o.breached])).toEqual([['first_response', true]]); // resolution was not due yet
    expect(u.nextCheck('2025-03-05T09:00+01:00')).toBeNull();
    expect(earliestDue(u.state)).toBeNull();
  });
});

describe('retarget (priority changed)', () => {
  const P3 = snapshot({ priority: 'P3', targets: { first_response: 480, next_response: 240, resolution: 1440 } });
  // Monday 09:00, P3 (resolution 24 h, due Wednesday 18:00); 50 % (12 h) announced Tuesday 14:00; 13 h used at Tuesday 15:00.
  const p3 = () => {
    const t = ticket(office, '2025-03-03T09:00+01:00', { status: 'open', snap: P3 });
    t.reply('agent', '2025-03-03T10:00+01:00');
    t.sweep('2025-03-04T14:00+01:00');
    expect(t.last.crossed).toEqual([{ metric: 'resolution', percent: 50, at: at('2025-03-04T14:00+01:00') }]);
    return t;
  };

  it('keeps the used time, gives a new deadline, keeps thresholds already passed', () => {
    const t = p3();
    const P2 = snapshot({ targets: { first_response: 240, next_response: 120, resolution: 1200 } });
    t.retarget(P2, '2025-03-04T15:00+01:00');
    // 7 h left from Tuesday 15:00: 3 h on Tuesday, 4 h on Wednesday.
    expect(t.m('resolution')).toMatchObject({ status: 'running', target_minutes: 1200, used_ms: 13 * H, fired: [50], due_at: iso('2025-03-05T14:00+01:00') });
    expect(t.state).toMatchObject({ priority: 'P2', targets: P2.targets });
    expect(t.last.events).toEqual([expect.objectContaining({ kind: 'retargeted', metric: 'resolution', reason: 'priority changed', data: expect.objectContaining({ previous_target_minutes: 1440, target_minutes: 1200, used_minutes: 780 }) })]);
    t.sweep('2025-03-05T10:00+01:00'); // 75 % of 20 h = 15 h, reached Tuesday 17:00
    expect(t.last.crossed).toEqual([{ metric: 'resolution', percent: 75, at: at('2025-03-04T17:00+01:00') }]);
  });

  it('a lowered target already exceeded is breached at once, with a deadline in the past', () => {
    const t = p3();
    const now = '2025-03-04T15:00+01:00';
    t.retarget(snapshot({ priority: 'P1', targets: { first_response: 60, resolution: 480 } }), now);
    const r = t.m('resolution');
    expect(r).toMatchObject({ target_minutes: 480, used_ms: 13 * H, fired: [50] });
    expect(r.due_at).toBe(iso('2025-03-03T18:00+01:00')); // when the used time reached 8 h
    expect(isBreached(r, at(now))).toBe(true);
    expect(earliestDue(t.state)!.toISOString()).toBe(iso('2025-03-03T18:00+01:00'));
    t.sweep(now);
    // 75 % was passed before the running segment began: its instant is lost, it is announced now; the breach
    // is dated by the deadline.
    expect(t.last.crossed).toEqual([
      { metric: 'resolution', percent: 75, at: at(now) },
      { metric: 'resolution', percent: 100, at: at('2025-03-03T18:00+01:00') },
    ]);
    expect(t.m('resolution')).toMatchObject({ breached_at: iso('2025-03-03T18:00+01:00'), due_at: iso('2025-03-03T18:00+01:00') });
    t.sweep(now);
    expect(t.last.crossed).toEqual([]);
  });

  it('a raised target after a breach is no longer breached', () => {
    const t = ticket(office, '2025-03-03T09:00+01:00', { status: 'open', snap: snapshot({ priority: 'P1', targets: { resolution: 480 } }) });
    t.sweep('2025-03-04T10:00+01:00');
    expect(t.m('resolution').breached_at).toBe(iso('2025-03-03T18:00+01:00'));
    t.retarget(snapshot({ priority: 'P3', targets: { resolution: 1440 } }), '2025-03-04T10:00+01:00');
    // 9 h used: no threshold of the 24 h target is passed, so all will be announced again.
    expect(t.m('resolution')).toMatchObject({ breached_at: null, fired: [], due_at: iso('2025-03-05T18:00+01:00') });
  });

  it('a deadline passed before a rebase keeps its exact breach instant', () => {
    const t = ticket(office, '2025-03-03T09:00+01:00'); // first response due 14:00, no sweep until 15:00
    t.retarget(snapshot(), '2025-03-03T15:00+01:00');
    expect(t.m('first_response').due_at).toBe(iso('2025-03-03T14:00+01:00'));
    t.sweep('2025-03-03T15:00+01:00');
    expect(t.last.crossed.at(-1)).toEqual({ metric: 'first_response', percent: 100, at: at('2025-03-03T14:00+01:00') });
    expect(t.m('first_response').breached_at).toBe(iso('2025-03-03T14:00+01:00'));
  });

  it('a priority change while resolved applies to the reopened resolution', () => {
    const t = ticket(office, '2025-03-03T09:00+01:00', { status: 'open' });
    t.status('resolved', '2025-03-03T11:00+01:00'); // 2 h used
    t.retarget(snapshot({ priority: 'P1', targets: { resolution: 240 } }), '2025-03-03T12:00+01:00');
    expect(t.last.events).toEqual([]); // nothing runs: the metrics keep what they measured
    t.status('open', '2025-03-04T09:00+01:00');
    expect(t.m('resolution')).toMatchObject({ target_minutes: 240, used_ms: 2 * H, due_at: iso('2025-03-04T11:00+01:00') });
  });

  it('a resolution no longer measured is not reopened', () => {
    const t = ticket(office, '2025-03-03T09:00+01:00', { status: 'open' });
    t.status('resolved', '2025-03-03T11:00+01:00');
    t.retarget(snapshot({ targets: { first_response: 240 } }), '2025-03-03T12:00+01:00');
    t.status('open', '2025-03-04T09:00+01:00');
    expect(t.m('resolution').status).toBe('met');
    expect(t.last).toMatchObject({ events: [], retract: [] });
  });

  it('stops a metric the new snapshot does not measure', () => {
    const t = p3();
    t.retarget(snapshot({ targets: { first_response: 240, next_response: 120, resolution: null } }), '2025-03-04T15:00+01:00');
    expect(t.m('resolution')).toMatchObject({ status: 'stopped', used_ms: 13 * H, since: null });
    expect(t.last.events).toEqual([expect.objectContaining({ kind: 'stopped', metric: 'resolution', reason: 'priority changed: no resolution target any more' })]);
    expect(t.last.outcomes).toEqual([]);
  });

  it('a paused metric stays paused with its new target', () => {
    const t = p3();
    t.status('pending', '2025-03-04T15:00+01:00');
    t.retarget(snapshot(), '2025-03-05T15:00+01:00');
    expect(t.m('resolution')).toMatchObject({ status: 'paused', target_minutes: 960, used_ms: 13 * H, due_at: null, since: null });
    t.status('open', '2025-03-06T09:00+01:00');
    expect(t.m('resolution').due_at).toBe(iso('2025-03-06T12:00+01:00'));
  });

  it('the same snapshot changes no deadline (before and after the target)', () => {
    const t = p3();
    for (const now of ['2025-03-04T15:00+01:00', '2025-03-05T20:00+01:00', '2025-03-07T09:00+01:00']) {
      const due = t.m('resolution').due_at;
      t.retarget(P3, now);
      expect(t.m('resolution').due_at).toBe(due);
    }
  });
});

describe('sweep, nextCheckAt, earliestDue, isBreached', () => {
  // Monday 09:00: first response (4 h, [75, 100]) at 12:00 / 14:00; resolution (16 h, [50, 75, 100]) at
  // Monday 18:00 / Tuesday 14:00 / Tuesday 18:00.
  const created = '2025-03-03T09:00+01:00';

  it('fires each threshold once, in order; the breach at its exact instant', () => {
    const t = ticket(office, created);
    expect(t.nextCheck(created)).toBe(iso('2025-03-03T12:00+01:00'));
    t.sweep('2025-03-03T11:59:59.999+01:00');
    expect(t.last.crossed).toEqual([]);
    t.sweep('2025-03-03T12:00+01:00');
    expect(t.last.crossed).toEqual([{ metric: 'first_response', percent: 75, at: at('2025-03-03T12:00+01:00') }]);
    expect(t.last.events).toEqual([expect.objectContaining({ kind: 'threshold', metric: 'first_response', reason: '75 % of the first response target used', data: expect.objectContaining({ percent: 75, remaining_minutes: 60 }) })]);
    expect(t.m('first_response')).toMatchObject({ fired: [75], breached_at: null });
    t.sweep('2025-03-03T12:00+01:00');
    expect(t.last.crossed).toEqual([]);
    expect(t.nextCheck('2025-03-03T12:00+01:00')).toBe(iso('2025-03-03T14:00+01:00'));
    expect(isBreached(t.m('first_response'), at('2025-03-03T13:59:59.999+01:00'))).toBe(false);
    t.sweep('2025-03-03T14:00:30+01:00');
    expect(t.last.crossed).toEqual([{ metric: 'first_response', percent: 100, at: at('2025-03-03T14:00+01:00') }]);
    expect(t.last.events[0]).toMatchObject({ kind: 'breached', reason: 'first response target of 240 business minutes reached' });
    expect(t.m('first_response')).toMatchObject({ fired: [75, 100], breached_at: iso('2025-03-03T14:00+01:00'), status: 'running' });
    expect(t.nextCheck('2025-03-03T14:00:30+01:00')).toBe(iso('2025-03-03T18:00+01:00'));
  });

  it('a deadline that passed while Relais was down fires each threshold once at the next sweep', () => {
    const t = ticket(office, created);
    t.sweep('2025-03-07T10:00+01:00');
    expect(t.last.crossed).toEqual([
      { metric: 'first_response', percent: 75, at: at('2025-03-03T12:00+01:00') },
      { metric: 'first_response', percent: 100, at: at('2025-03-03T14:00+01:00') },
      { metric: 'resolution', percent: 50, at: at('2025-03-03T18:00+01:00') },
      { metric: 'resolution', percent: 75, at: at('2025-03-04T14:00+01:00') },
      { metric: 'resolution', percent: 100, at: at('2025-03-04T18:00+01:00') },
    ]);
    expect(t.last.events.map((e) => e.kind)).toEqual(['threshold', 'breached', 'threshold', 'threshold', 'breached']);
    expect(t.m('resolution').breached_at).toBe(iso('2025-03-04T18:00+01:00'));
    t.sweep('2025-03-07T10:00+01:00');
    expect(t.last.crossed).toEqual([]);
    t.sweep('2025-03-10T10:00+01:00');
    expect(t.last.crossed).toEqual([]);
    expect(t.nextCheck('2025-03-10T10:00+01:00')).toBeNull(); // all announced
  });

  it('a paused metric announces nothing and needs no check', () => {
    const t = ticket(office, created);
    t.status('pending', '2025-03-03T11:00+01:00');
    t.sweep('2025-03-20T10:00+01:00');
    expect(t.last.crossed).toEqual([]);
    expect(t.nextCheck('2025-03-20T10:00+01:00')).toBeNull();
    t.status('open', '2025-03-04T09:00+01:00');
    expect(t.nextCheck('2025-03-04T09:00+01:00')).toBe(iso('2025-03-04T10:00+01:00')); // 75 %: 1 h left
  });

  it('earliestDue is the nearest running deadline', () => {
    const t = ticket(office, created);
    expect(earliestDue(t.state)!.toISOString()).toBe(iso('2025-03-03T14:00+01:00'));
    t.reply('agent', '2025-03-03T10:00+01:00');
    expect(earliestDue(t.state)!.toISOString()).toBe(iso('2025-03-04T18:00+01:00'));
    t.reply('requester', '2025-03-04T17:00+01:00'); // next response: 2 h → Wednesday 10:00
    expect(earliestDue(t.state)!.toISOString()).toBe(iso('2025-03-04T18:00+01:00'));
    t.reply('agent', '2025-03-04T17:30+01:00');
    t.reply('requester', '2025-03-04T17:45+01:00'); // → Wednesday 10:45, after the resolution deadline
    expect(earliestDue(t.state)!.toISOString()).toBe(iso('2025-03-04T18:00+01:00'));
    t.status('pending', '2025-03-04T17:50+01:00');
    expect(earliestDue(t.state)).toBeNull();
  });

  it('isBreached', () => {
    const t = ticket(office, created);
    const first = t.m('first_response');
    expect(isBreached(first, at('2025-03-03T13:59+01:00'))).toBe(false);
    expect(isBreached(first, at('2025-03-03T14:00+01:00'))).toBe(true); // before any sweep
    t.status('pending', '2025-03-03T15:00+01:00'); // paused past its target
    expect(isBreached(t.m('first_response'), at('2025-03-03T15:00+01:00'))).toBe(true);
    const u = ticket(office, created);
    u.sweep('2025-03-03T14:00+01:00');
    u.reply('agent', '2025-03-03T15:00+01:00'); // met late: stays breached
    expect(isBreached(u.m('first_response'), at('2025-03-03T15:00+01:00'))).toBe(true);
    const v = ticket(office, created);
    v.reply('agent', '2025-03-03T10:00+01:00');
    expect(isBreached(v.m('first_response'), at('2025-03-10T10:00+01:00'))).toBe(false);
  });
});

describe('guards', () => {
  it('a requester reply on a resolved or closed ticket starts no next response', () => {
    for (const status of ['resolved', 'closed'] as const) {
      const t = ticket(office, '2025-03-03T09:00+01:00', { status: 'open' });
      t.reply('agent', '2025-03-03T10:00+01:00');
      t.status(status, '2025-03-03T11:00+01:00');
      t.reply('requester', '2025-03-03T12:00+01:00');
      expect(t.state.metrics.next_response).toBeUndefined();
      expect(t.nextCheck('2025-03-03T12:00+01:00')).toBeNull();
    }
  });

  it('the sweep before a pause announces what was crossed before it', () => {
    // The use cases must sweep at `now` before applying an event: a paused metric announces nothing.
    const t = ticket(office, '2025-03-03T09:00+01:00');
    t.sweep('2025-03-03T15:00+01:00');
    t.status('pending', '2025-03-03T15:00+01:00');
    expect(t.m('first_response')).toMatchObject({ fired: [75, 100], breached_at: iso('2025-03-03T14:00+01:00') });
  });

  // Limits held elsewhere: the policy validation bounds targets within the calendar's three-year search, and the
  // use cases sweep before every event (track-sla.ts), so the domain itself still shows both edges.
  it('a 366-day target would outrun the calendar search: the policy validation refuses it', () => {
    expect(() => ticket(office, '2025-03-03T09:00+01:00', { snap: snapshot({ targets: { resolution: 366 * 24 * 60 } }) })).toThrow(RangeError);
    expect(validatePolicyShape({ targets: { P1: { resolution: 366 * 24 * 60 } }, pauseStatuses: [], escalations: [], conditions: {} }))
      .toEqual([expect.objectContaining({ path: 'targets.P1.resolution' })]);
  });

  it('a stopped metric reported as breached is breached', () => {
    const t = ticket(office, '2025-03-03T09:00+01:00');
    t.status('resolved', '2025-03-03T15:00+01:00'); // first response stopped after its deadline
    expect(t.last.outcomes).toContainEqual(expect.objectContaining({ metric: 'first_response', breached: true }));
    expect(isBreached(t.m('first_response'), at('2025-03-03T15:00+01:00'))).toBe(true);
  });

  it('without a sweep before the pause, a paused metric announces nothing (why the use cases sweep first)', () => {
    const t = ticket(office, '2025-03-03T09:00+01:00');
    t.status('pending', '2025-03-03T15:00+01:00'); // due 14:00, no sweep in between
    t.sweep('2025-03-03T15:00+01:00');
    expect(t.last.crossed).toEqual([]);
  });
});
