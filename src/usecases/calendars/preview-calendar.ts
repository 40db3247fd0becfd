import { DateTime } from 'luxon';
import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { calendarDays, type CalendarDay } from '../../domain/sla/calendar-days.js';
import type { CalendarRow } from '../../store/calendars.js';
import type { Deps } from '../deps.js';
import { businessCalendarOf, holidaysOf, type HolidayInfo } from './business-calendar.js';
import { loadCalendar } from './get-calendar.js';

export interface PreviewDay extends CalendarDay {
  /** The holiday that closes the date, when one does. */
  holidayInfo: HolidayInfo | null;
}

export interface CalendarPreview {
  calendar: CalendarRow;
  days: PreviewDay[];
  businessMs: number;
}

/**
 * The opening spans of `days` local dates from `from` (default: today in the calendar's zone), holidays named
 * (managers and administrators).
 */
export async function previewCalendar(
  deps: Deps,
  p: Principal,
  id: string,
  q: { from?: string | undefined; days: number },
): Promise<CalendarPreview> {
  requireAgent(p, 'manager', 'directory:read');
  const row = await loadCalendar(deps.db, id);
  const from = q.from ?? DateTime.fromJSDate(deps.clock.now(), { zone: row.time_zone }).toISODate()!;
  const year = Number(from.slice(0, 4));
  // The window spans two years at most; French holidays are computed for both.
  let named: Map<string, HolidayInfo>;
  let days: CalendarDay[];
  try {
    named = holidaysOf(row, year, year + 1);
    days = calendarDays(businessCalendarOf(row, year, year + 1), from, q.days);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    throw new DomainError('VALIDATION_FAILED', err.message, [{ path: 'query.from', message: err.message }]);
  }
  const withNames = days.map((d) => ({ ...d, holidayInfo: d.holiday ? named.get(d.date) ?? null : null }));
  return { calendar: row, days: withNames, businessMs: days.reduce((sum, d) => sum + d.businessMs, 0) };
}
