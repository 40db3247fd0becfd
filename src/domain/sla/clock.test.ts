import { describe, expect, expectTypeOf, it } from 'vitest';
import type { BusinessCalendar } from './calendar.js';
import { earliestDue, onReply } from './clock.js';
import { always, at, H, iso, M, office, snapshot, ticket } from './clock.test-support.js';
import type { TicketStatus } from '../ticket.js';

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

