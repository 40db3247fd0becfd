import { ApiError } from '../../../../shared/api/client';
import type { Calendar, CalendarBody, FrenchHolidays } from './api';

/** ISO weekdays, Monday first, as the API keys them. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Interval {
  start: string;
  end: string;
}
export type Holiday = Calendar['holidays'][number];

/** What the editor changes; sent whole on save (the API replaces lists whole). */
export interface CalendarDraft {
  name: string;
  timeZone: string;
  weekly: Record<Weekday, Interval[]>;
  holidays: Holiday[];
  frenchHolidays: FrenchHolidays;
}

export const DEFAULT_HOURS: Interval = { start: '09:00', end: '18:00' };
const OFFICE: Interval[] = [{ start: '09:00', end: '12:30' }, { start: '13:30', end: '18:00' }];

/** A new calendar starts as a Paris office: Monday to Friday with a lunch break, French public holidays. */
export function blankDraft(): CalendarDraft {
  return {
    name: '',
    timeZone: 'Europe/Paris',
    weekly: { 1: [...OFFICE], 2: [...OFFICE], 3: [...OFFICE], 4: [...OFFICE], 5: [...OFFICE], 6: [], 7: [] },
    holidays: [],
    frenchHolidays: 'metropolitan',
  };
}

export function draftOf(c: Calendar): CalendarDraft {
  const weekly = {} as Record<Weekday, Interval[]>;
  for (const d of WEEKDAYS) weekly[d] = c.weekly[d].map((iv) => ({ ...iv }));
  return { name: c.name, timeZone: c.time_zone, weekly, holidays: [...c.holidays], frenchHolidays: c.french_holidays };
}

export function bodyOf(d: CalendarDraft): CalendarBody {
  return { name: d.name.trim(), time_zone: d.timeZone, weekly: d.weekly, holidays: d.holidays, french_holidays: d.frenchHolidays };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const isTime = (s: string, isEnd: boolean): boolean => TIME.test(s) || (isEnd && s === '24:00');

const minutes = (s: string) => (s === '24:00' ? 1440 : Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5)));

/** Opening hours in a week, for the list (days with bad times count nothing). */
export function weeklyHours(weekly: Calendar['weekly'] | CalendarDraft['weekly']): number {
  let total = 0;
  for (const d of WEEKDAYS) {
    for (const iv of weekly[d]) {
      if (isTime(iv.start, false) && isTime(iv.end, true)) total += Math.max(0, minutes(iv.end) - minutes(iv.start));
    }
  }
  return Math.round((total / 60) * 10) / 10;
}

/** The server's problems by path ('weekly.1.0.start', 'holidays.2.date', 'name' …), from INVALID_CALENDAR or CONFLICT. */
export function problemsByPath(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return {};
  const result: Record<string, string> = {};
  for (const d of err.details as unknown[]) {
    if (d && typeof d === 'object' && 'path' in d && 'message' in d) {
      const path = String((d as { path: unknown }).path).replace(/^body\./, '');
      result[path] ??= String((d as { message: unknown }).message);
    }
  }
  return result;
}

/** The problems reported for one interval (its start, its end, or the interval as a whole). */
export function intervalProblem(problems: Record<string, string>, day: Weekday, i: number): string | undefined {
  const p = `weekly.${day}.${i}`;
  return problems[p] ?? problems[`${p}.start`] ?? problems[`${p}.end`];
}
