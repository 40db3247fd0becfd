import { MAX_HOLIDAYS } from '../../domain/sla/calendar-days.js';
import { ISO_WEEKDAYS, validateCalendar } from '../../domain/sla/calendar.js';
import { DomainError, type ErrorDetail } from '../../domain/errors.js';
import type { CalendarContent, FrenchHolidays, StoredHoliday, StoredWeekly } from '../../store/calendars.js';


export interface CalendarInput {
  name: string;
  timeZone: string;
  /** Keyed '1' (Monday) … '7'; a missing day is closed. */
  weekly: Partial<Record<string, Array<{ start: string; end: string }>>>;
  holidays: Array<{ date: string; name: string; source?: StoredHoliday['source'] }>;
  frenchHolidays: FrenchHolidays;
}

/** The API's field name for a problem the domain reports in its own terms. */
function apiPath(path: string): string {
  if (path === 'timeZone') return 'time_zone';
  return /^holidays\.\d+$/.test(path) ? `${path}.date` : path;
}

/**
 * Checks a calendar as the domain does (zone, intervals, dates) plus what only the stored form has (names,
 * duplicates, size) and returns what to store; INVALID_CALENDAR lists every problem with its path otherwise.
 */
export function checkedCalendarContent(input: CalendarInput): CalendarContent {
  const weekly: StoredWeekly = {};
  for (const day of ISO_WEEKDAYS) weekly[day] = (input.weekly[String(day)] ?? []).map((iv) => ({ start: iv.start, end: iv.end }));
  const holidays: StoredHoliday[] = input.holidays.map((h) => ({ date: h.date, name: h.name.trim(), source: h.source ?? 'manual' }));
  const details: ErrorDetail[] = validateCalendar({ timeZone: input.timeZone, weekly, holidays: holidays.map((h) => h.date) })
    .map((p) => ({ path: apiPath(p.path), message: p.message }));
  const seen = new Set<string>();
  holidays.forEach((h, i) => {
    if (!h.name) details.push({ path: `holidays.${i}.name`, message: 'Give the closed day a name.' });
    if (seen.has(h.date)) details.push({ path: `holidays.${i}.date`, message: `${h.date} is listed twice.` });
    seen.add(h.date);
  });
  if (holidays.length > MAX_HOLIDAYS) {
    details.push({ path: 'holidays', message: `At most ${MAX_HOLIDAYS} closed days (got ${holidays.length}).` });
  }
  if (details.length > 0) {
    throw new DomainError('INVALID_CALENDAR', `The calendar is not valid: ${details[0]!.path}: ${details[0]!.message}`, details);
  }
  holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { name: input.name.trim(), timeZone: input.timeZone, weekly, holidays, frenchHolidays: input.frenchHolidays };
}
