/**
 * Agent availability (issue 6): the status the agent sets, their personal working hours (a weekly schedule in
 * their own time zone) and out-of-office periods, read at an instant. Pure: `now` comes in.
 *
 * Working hours have the shape and the rules of a business calendar's week (several "HH:MM" intervals a day,
 * sorted, end after start, no overlap), so the SLA calendar arithmetic answers "on shift?" and "until when?",
 * daylight saving time included. No personal hours (null) means always on shift.
 */
import {
  ISO_WEEKDAYS, isOpen, nextClosing, nextOpening, validateCalendar, type BusinessCalendar, type CalendarProblem,
  type IsoWeekday, type OpeningInterval,
} from '../sla/calendar.js';
import type { AgentStatus } from './ranking.js';

export const AGENT_STATUSES = ['online', 'away', 'offline'] as const satisfies readonly AgentStatus[];

/** Intervals per ISO weekday (1 = Monday); an empty list is a day off. */
export type WorkingHours = Record<IsoWeekday, readonly OpeningInterval[]>;
/** As stored or sent: keyed '1' … '7', a missing day is a day off. */
export type WeeklyHours = Partial<Record<string, readonly OpeningInterval[]>>;

/** What availability is computed from; an agent row has these fields. */
export interface AvailabilitySubject {
  availability: AgentStatus;
  time_zone: string;
  /** Valid hours (as `validateWorkingHours` checks); null: no personal hours. */
  working_hours: WeeklyHours | null;
  ooo_from: Date | null;
  ooo_until: Date | null;
}

export interface AvailabilityNow {
  status: AgentStatus;
  /** Inside personal working hours (always, without personal hours). */
  onShift: boolean;
  /** When the current shift ends; null off shift or without personal hours. */
  shiftEndsAt: Date | null;
  /** When the next shift starts; null on shift or without personal hours. */
  nextShiftStart: Date | null;
  outOfOffice: boolean;
  /** Online, on shift and not out of office: automatic assignment may pick them (capacity aside). */
  available: boolean;
}

/**
 * Lists what is wrong with untrusted working hours (empty when valid); paths are relative to the schedule
 * ('1.0.start'). A missing weekday is a day off; a schedule without any interval is refused (use null, or
 * out of office, instead of an agent who is never on shift).
 */
export function validateWorkingHours(hours: unknown): CalendarProblem[] {
  if (typeof hours !== 'object' || hours === null || Array.isArray(hours)) {
    return [{ path: '', message: 'Working hours must be an object keyed by ISO weekday (1 = Monday … 7 = Sunday), or null.' }];
  }
  const weekly = { ...(hours as Record<string, unknown>) };
  for (const day of ISO_WEEKDAYS) weekly[day] ??= [];
  const problems = validateCalendar({ timeZone: 'UTC', weekly, holidays: [] })
    .map((p) => ({ path: p.path.replace(/^weekly\.?/, ''), message: p.message }));
  if (problems.length === 0 && ISO_WEEKDAYS.every((d) => (weekly[d] as unknown[]).length === 0)) {
    problems.push({ path: '', message: 'Give at least one interval, or no personal hours (null) to be always on shift.' });
  }
  return problems;
}

/** Valid working hours with every weekday present (call after `validateWorkingHours` found nothing). */
export function completeWorkingHours(hours: WeeklyHours): Record<IsoWeekday, OpeningInterval[]> {
  const full = {} as Record<IsoWeekday, OpeningInterval[]>;
  for (const day of ISO_WEEKDAYS) full[day] = (hours[String(day)] ?? []).map((iv) => ({ start: iv.start, end: iv.end }));
  return full;
}

const CALENDAR_CACHE_LIMIT = 10_000;
const calendars = new Map<string, BusinessCalendar>();

/**
 * The schedule as a business calendar without holidays. Rows read from the database are new objects every
 * time while the calendar helpers cache their compiled form per object: agents sharing a schedule and a zone
 * share one calendar, so ranking a thousand agents does not recompile a thousand weeks.
 */
function calendarOf(hours: WeeklyHours, timeZone: string): BusinessCalendar {
  const key = `${timeZone} ${JSON.stringify(ISO_WEEKDAYS.map((d) => hours[String(d)] ?? []))}`;
  let cal = calendars.get(key);
  if (!cal) {
    if (calendars.size >= CALENDAR_CACHE_LIMIT) calendars.clear();
    cal = { timeZone, weekly: completeWorkingHours(hours), holidays: [] };
    calendars.set(key, cal);
  }
  return cal;
}

/** Whether `now` falls in the out-of-office period [from, until); a null bound is open-ended. */
export function isOutOfOffice(a: Pick<AvailabilitySubject, 'ooo_from' | 'ooo_until'>, now: Date): boolean {
  if (a.ooo_from === null && a.ooo_until === null) return false;
  const t = now.getTime();
  return (a.ooo_from === null || a.ooo_from.getTime() <= t) && (a.ooo_until === null || t < a.ooo_until.getTime());
}

interface Shift {
  onShift: boolean;
  shiftEndsAt: Date | null;
  nextShiftStart: Date | null;
}

function shiftAt(a: AvailabilitySubject, now: Date): Shift {
  if (a.working_hours === null) return { onShift: true, shiftEndsAt: null, nextShiftStart: null };
  const cal = calendarOf(a.working_hours, a.time_zone);
  // The helpers throw when no change happens within ~3 years (a schedule open around the clock never closes,
  // an empty one never opens): there is then no end or start to show.
  const attempt = (f: () => Date): Date | null => {
    try {
      return f();
    } catch (e) {
      if (e instanceof RangeError) return null;
      throw e;
    }
  };
  if (isOpen(cal, now)) return { onShift: true, shiftEndsAt: attempt(() => nextClosing(cal, now)), nextShiftStart: null };
  return { onShift: false, shiftEndsAt: null, nextShiftStart: attempt(() => nextOpening(cal, now)) };
}

/** The agent's availability at `now`. */
export function availabilityAt(a: AvailabilitySubject, now: Date): AvailabilityNow {
  const shift = shiftAt(a, now);
  const outOfOffice = isOutOfOffice(a, now);
  return {
    status: a.availability,
    ...shift,
    outOfOffice,
    available: a.availability === 'online' && shift.onShift && !outOfOffice,
  };
}

/** Exactly what routing's `Candidate` needs of availability (status and load come from the row). */
export function candidateAvailability(a: AvailabilitySubject, now: Date): { onShift: boolean; shiftEndsAt: Date | null; outOfOffice: boolean } {
  const { onShift, shiftEndsAt, outOfOffice } = availabilityAt(a, now);
  return { onShift, shiftEndsAt, outOfOffice };
}
