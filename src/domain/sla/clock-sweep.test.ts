/** The SLA clock after it started: re-targeting, the sweep's thresholds, deadlines, breaches, and the guards. */
import { describe, expect, it } from 'vitest';
import { validatePolicyShape } from './policy.js';
import { earliestDue, isBreached } from './clock.js';
import { at, H, iso, office, snapshot, ticket } from './clock.test-support.js';

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
