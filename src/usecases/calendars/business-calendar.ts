import type { BusinessCalendar, IsoWeekday, OpeningInterval } from '../../domain/sla/calendar.js';
import { ISO_WEEKDAYS } from '../../domain/sla/calendar.js';
import { frenchHolidays } from '../../domain/sla/holidays-fr.js';
import type { CalendarRow } from '../../store/calendars.js';

export interface HolidayInfo {
  name: string;
  source: 'manual' | 'ical' | 'french';
  /** French public holidays have both names. */
  names?: { fr: string; en: string };
}

/**
 * Every closed date of a stored calendar between two years: its own (manual and imported) and the French public
 * holidays its option asks for. An own entry wins over a computed one on the same date (its name was chosen).
 */
export function holidaysOf(row: Pick<CalendarRow, 'holidays' | 'french_holidays'>, fromYear: number, toYear: number): Map<string, HolidayInfo> {
  const result = new Map<string, HolidayInfo>();
  if (row.french_holidays !== 'none') {
    for (const h of frenchHolidays(fromYear, toYear, { alsaceMoselle: row.french_holidays === 'alsace_moselle' })) {
      result.set(h.date, { name: h.name.fr, source: 'french', names: h.name });
    }
  }
  for (const h of row.holidays) result.set(h.date, { name: h.name, source: h.source });
  return result;
}

/** The domain's view of a stored calendar, with French holidays computed for the years given. */
export function businessCalendarOf(
  row: Pick<CalendarRow, 'time_zone' | 'weekly' | 'holidays' | 'french_holidays'>,
  fromYear: number,
  toYear: number,
): BusinessCalendar {
  const weekly = {} as Record<IsoWeekday, readonly OpeningInterval[]>;
  for (const day of ISO_WEEKDAYS) weekly[day] = row.weekly[String(day)] ?? [];
  return { timeZone: row.time_zone, weekly, holidays: [...holidaysOf(row, fromYear, toYear).keys()].sort() };
}
