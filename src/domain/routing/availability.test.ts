import { describe, expect, it } from 'vitest';
import {
  availabilityAt, candidateAvailability, completeWorkingHours, isOutOfOffice, validateWorkingHours, type AvailabilitySubject,
  type WorkingHours,
} from './availability.js';

const OFFICE = [{ start: '08:00', end: '12:00' }, { start: '13:30', end: '17:30' }];
const WEEKDAYS_ONLY: WorkingHours = completeWorkingHours({ 1: OFFICE, 2: OFFICE, 3: OFFICE, 4: OFFICE, 5: OFFICE });

const agent = (over: Partial<AvailabilitySubject> = {}): AvailabilitySubject => ({
  availability: 'online', time_zone: 'Europe/Paris', working_hours: WEEKDAYS_ONLY, ooo_from: null, ooo_until: null, ...over,
});
const at = (iso: string) => new Date(iso);

describe('availabilityAt: working hours', () => {
  it('is on shift inside one of several intervals a day, and says until when', () => {
    // Monday 2 March 2026, Paris is UTC+1: 09:30 local.
    expect(availabilityAt(agent(), at('2026-03-02T08:30:00Z'))).toEqual({
      status: 'online', onShift: true, shiftEndsAt: at('2026-03-02T11:00:00Z'), nextShiftStart: null, outOfOffice: false,
      available: true,
    });
    // 14:00 local: the afternoon interval, until 17:30 local.
    expect(availabilityAt(agent(), at('2026-03-02T13:00:00Z')).shiftEndsAt).toEqual(at('2026-03-02T16:30:00Z'));
  });

  it('is off shift at lunch, in the evening and at the weekend, and says when the next shift starts', () => {
    const lunch = availabilityAt(agent(), at('2026-03-02T11:30:00Z'));
    expect(lunch).toMatchObject({ onShift: false, shiftEndsAt: null, nextShiftStart: at('2026-03-02T12:30:00Z'), available: false });
    expect(availabilityAt(agent(), at('2026-03-02T16:30:00Z')).nextShiftStart).toEqual(at('2026-03-03T07:00:00Z'));
    // Friday evening → Monday 08:00.
    expect(availabilityAt(agent(), at('2026-03-06T18:00:00Z')).nextShiftStart).toEqual(at('2026-03-09T07:00:00Z'));
  });

  it('counts interval bounds as local times: start included, end excluded', () => {
    expect(availabilityAt(agent(), at('2026-03-02T07:00:00Z')).onShift).toBe(true);
    expect(availabilityAt(agent(), at('2026-03-02T06:59:59.999Z')).onShift).toBe(false);
    expect(availabilityAt(agent(), at('2026-03-02T11:00:00Z')).onShift).toBe(false);
  });

  it('follows daylight saving time in the agent’s zone', () => {
    // The Monday after the spring change, 08:00 in Paris is 06:00 UTC (it was 07:00 the week before).
    expect(availabilityAt(agent(), at('2026-03-28T12:00:00Z')).nextShiftStart).toEqual(at('2026-03-30T06:00:00Z'));
    expect(availabilityAt(agent(), at('2026-03-30T06:30:00Z')).shiftEndsAt).toEqual(at('2026-03-30T10:00:00Z'));
    // A Sunday shift across the change: 00:00–06:00 local lasts 5 h in March and 7 h in October.
    const sunday = completeWorkingHours({ 7: [{ start: '00:00', end: '06:00' }] });
    const spring = availabilityAt(agent({ working_hours: sunday }), at('2026-03-29T00:30:00Z'));
    expect(spring).toMatchObject({ onShift: true, shiftEndsAt: at('2026-03-29T04:00:00Z') });
    const autumn = availabilityAt(agent({ working_hours: sunday }), at('2026-10-25T00:30:00Z'));
    expect(autumn).toMatchObject({ onShift: true, shiftEndsAt: at('2026-10-25T05:00:00Z') });
    // During the repeated hour (02:30 local, the second time) the agent is still on shift.
    expect(availabilityAt(agent({ working_hours: sunday }), at('2026-10-25T01:30:00Z')).onShift).toBe(true);
  });

  it('reads the hours in the agent’s own zone', () => {
    const montreal = agent({ time_zone: 'America/Montreal' });
    // 09:30 in Paris is 03:30 in Montréal: off shift there, starting at 08:00 EST = 13:00 UTC.
    expect(availabilityAt(montreal, at('2026-03-02T08:30:00Z'))).toMatchObject({ onShift: false, nextShiftStart: at('2026-03-02T13:00:00Z') });
  });

  it('without personal hours, the agent is always on shift with no end to show', () => {
    expect(availabilityAt(agent({ working_hours: null }), at('2026-03-08T03:00:00Z'))).toEqual({
      status: 'online', onShift: true, shiftEndsAt: null, nextShiftStart: null, outOfOffice: false, available: true,
    });
  });

  it('a schedule open around the clock has no end to show', () => {
    const day = [{ start: '00:00', end: '24:00' }];
    const always = completeWorkingHours({ 1: day, 2: day, 3: day, 4: day, 5: day, 6: day, 7: day });
    expect(availabilityAt(agent({ working_hours: always }), at('2026-03-02T08:30:00Z'))).toMatchObject({ onShift: true, shiftEndsAt: null });
  });

  it('is available only online, on shift and not out of office', () => {
    const now = at('2026-03-02T08:30:00Z');
    expect(availabilityAt(agent({ availability: 'away' }), now)).toMatchObject({ status: 'away', onShift: true, available: false });
    expect(availabilityAt(agent({ availability: 'offline' }), now).available).toBe(false);
    expect(availabilityAt(agent({ ooo_from: at('2026-03-01T00:00:00Z') }), now)).toMatchObject({ outOfOffice: true, available: false });
  });
});

describe('out of office', () => {
  const from = at('2026-03-02T00:00:00Z');
  const until = at('2026-03-09T00:00:00Z');
  it('is [from, until)', () => {
    expect(isOutOfOffice({ ooo_from: from, ooo_until: until }, from)).toBe(true);
    expect(isOutOfOffice({ ooo_from: from, ooo_until: until }, at('2026-03-08T23:59:59Z'))).toBe(true);
    expect(isOutOfOffice({ ooo_from: from, ooo_until: until }, until)).toBe(false);
    expect(isOutOfOffice({ ooo_from: from, ooo_until: until }, at('2026-03-01T23:59:59Z'))).toBe(false);
  });

  it('takes a missing bound as open-ended, and no bounds as not away', () => {
    expect(isOutOfOffice({ ooo_from: from, ooo_until: null }, at('2030-01-01T00:00:00Z'))).toBe(true);
    expect(isOutOfOffice({ ooo_from: null, ooo_until: until }, at('2020-01-01T00:00:00Z'))).toBe(true);
    expect(isOutOfOffice({ ooo_from: null, ooo_until: until }, until)).toBe(false);
    expect(isOutOfOffice({ ooo_from: null, ooo_until: null }, from)).toBe(false);
  });
});

describe('candidateAvailability', () => {
  it('gives routing exactly what a Candidate needs', () => {
    expect(candidateAvailability(agent({ ooo_until: at('2026-03-03T00:00:00Z') }), at('2026-03-02T08:30:00Z'))).toEqual({
      onShift: true, shiftEndsAt: at('2026-03-02T11:00:00Z'), outOfOffice: true,
    });
  });
});

describe('validateWorkingHours', () => {
  it('accepts several intervals a day, days left out, and an end at 24:00', () => {
    expect(validateWorkingHours({ 1: OFFICE, 6: [{ start: '18:00', end: '24:00' }] })).toEqual([]);
    expect(completeWorkingHours({ 1: OFFICE })[7]).toEqual([]);
  });

  it('names every problem by path', () => {
    expect(validateWorkingHours({
      1: [{ start: '12:00', end: '08:00' }],
      2: [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '14:00' }],
      3: [{ start: '8h', end: '12:00' }],
      4: 'all day',
      8: [],
    }).map((p) => p.path)).toEqual(['8', '1.0', '2.1', '3.0.start', '4']);
  });

  it('refuses what is not a schedule, and a schedule without any interval', () => {
    expect(validateWorkingHours([])).toHaveLength(1);
    expect(validateWorkingHours('9-5')[0]?.path).toBe('');
    expect(validateWorkingHours({ 1: [], 2: [] })).toEqual([{ path: '', message: expect.stringContaining('at least one interval') }]);
  });
});
