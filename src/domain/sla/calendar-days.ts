/**
 * What a business calendar means, day by day: the opening spans of each local date as instants, for screens
 * that show an administrator the effect of a schedule (DST days, holidays). Pure, built only on the exported
 * calendar arithmetic so that the preview cannot disagree with the deadlines.
 */
import { DateTime } from 'luxon';
import { ISO_WEEKDAYS, nextClosing, nextOpening, type BusinessCalendar, type IsoWeekday } from './calendar.js';

export interface OpenSpan {
  start: Date;
  end: Date;
  /** Local wall-clock times 'HH:MM'; an end at the next midnight reads '24:00'. */
  localStart: string;
  localEnd: string;
}

export interface CalendarDay {
  date: string;
  weekday: IsoWeekday;
  /** Closed all day by one of the calendar's holidays. */
  holiday: boolean;
  spans: OpenSpan[];
  businessMs: number;
}

export const MAX_PREVIEW_DAYS = 31;
/** A stored calendar's own closed days: more is a mistake (a daily rule imported, say) and slows every deadline. */
export const MAX_HOLIDAYS = 1000;

/**
 * The local dates `from` … `from + days - 1` of the calendar's zone with their opening spans. Throws a RangeError
 * for a date that does not exist or more than MAX_PREVIEW_DAYS days.
 */
export function calendarDays(cal: BusinessCalendar, from: string, days: number): CalendarDay[] {
  if (!Number.isInteger(days) || days < 1 || days > MAX_PREVIEW_DAYS) {
    throw new RangeError(`Preview 1 to ${MAX_PREVIEW_DAYS} days (got ${days}).`);
  }
  const first = DateTime.fromISO(from, { zone: cal.timeZone });
  if (!first.isValid || first.toISODate() !== from) throw new RangeError(`${from} is not a date (YYYY-MM-DD).`);
  const midnights = Array.from({ length: days + 1 }, (_, i) => first.plus({ days: i }).startOf('day'));
  const windowEnd = midnights[days]!.toMillis();
  // Closing the date after the window makes nextClosing stop there even on a calendar open around the clock.
  const bounded: BusinessCalendar = { ...cal, holidays: [...cal.holidays, midnights[days]!.toISODate()!] };
  const spans: Array<[number, number]> = [];
  let cursor = midnights[0]!.toMillis();
  while (cursor < windowEnd) {
    let open: number;
    try {
      open = nextOpening(bounded, new Date(cursor)).getTime();
    } catch (err) {
      if (err instanceof RangeError) break; // never opens again
      throw err;
    }
    if (open >= windowEnd) break;
    const close = Math.min(nextClosing(bounded, new Date(open)).getTime(), windowEnd);
    spans.push([open, close]);
    cursor = close;
  }
  const holidays = new Set(cal.holidays);
  return midnights.slice(0, days).map((midnight, i) => {
    const dayStart = midnight.toMillis();
    const dayEnd = midnights[i + 1]!.toMillis();
    const local = (t: number) => (t === dayEnd ? '24:00' : DateTime.fromMillis(t, { zone: cal.timeZone }).toFormat('HH:mm'));
    const daySpans: OpenSpan[] = [];
    for (const [s, e] of spans) {
      const start = Math.max(s, dayStart);
      const end = Math.min(e, dayEnd);
      if (end > start) daySpans.push({ start: new Date(start), end: new Date(end), localStart: local(start), localEnd: local(end) });
    }
    const date = midnight.toISODate()!;
    return {
      date,
      weekday: ISO_WEEKDAYS[midnight.weekday - 1]!,
      holiday: holidays.has(date),
      spans: daySpans,
      businessMs: daySpans.reduce((sum, sp) => sum + (sp.end.getTime() - sp.start.getTime()), 0),
    };
  });
}
