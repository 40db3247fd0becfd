import { z } from 'zod';
import { MAX_HOLIDAYS, MAX_PREVIEW_DAYS } from '../../domain/sla/calendar-days.js';
import { IsoDate, Uuid } from './common.js';

// Formats (HH:MM, real dates, IANA zones) are checked by the domain, which answers INVALID_CALENDAR with a path
// for every problem; the schema only bounds shapes and sizes.
const Time = z.string().max(5).describe("Local time HH:MM; an end may be '24:00'");
const Interval = z.strictObject({ start: Time, end: Time });
const Day = z.array(Interval).max(12).describe('Sorted, non-overlapping; empty = closed');
const FrenchHolidays = z.enum(['none', 'metropolitan', 'alsace_moselle']);

export const WeeklyBody = z
  .strictObject({ 1: Day.optional(), 2: Day.optional(), 3: Day.optional(), 4: Day.optional(), 5: Day.optional(), 6: Day.optional(), 7: Day.optional() })
  .describe('Opening intervals per ISO weekday ("1" = Monday … "7" = Sunday); a missing day is closed');

const HolidayBody = z.strictObject({
  date: z.string().max(10).describe('YYYY-MM-DD'),
  name: z.string().max(200),
  source: z.enum(['manual', 'ical']).optional().describe('Defaults to manual; send it back unchanged for imported dates'),
});

export const CreateCalendarBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  time_zone: z.string().min(1).max(64).describe('IANA zone, e.g. Europe/Paris'),
  weekly: WeeklyBody,
  holidays: z.array(HolidayBody).max(MAX_HOLIDAYS).optional().describe('Closed dates (the whole list)'),
  french_holidays: FrenchHolidays.optional().describe('French public holidays computed every year; default none'),
});
export const UpdateCalendarBody = CreateCalendarBody.partial().extend({
  version: z.number().int().positive().optional().describe('The version you edited: a newer one answers 409 CONFLICT'),
});

const IntervalJson = z.object({ start: z.string(), end: z.string() });
export const CalendarJson = z.object({
  id: Uuid,
  name: z.string(),
  time_zone: z.string(),
  weekly: z.object({
    1: z.array(IntervalJson), 2: z.array(IntervalJson), 3: z.array(IntervalJson), 4: z.array(IntervalJson),
    5: z.array(IntervalJson), 6: z.array(IntervalJson), 7: z.array(IntervalJson),
  }),
  holidays: z.array(z.object({ date: z.string(), name: z.string(), source: z.enum(['manual', 'ical']) })),
  french_holidays: FrenchHolidays,
  is_default: z.boolean().describe('Used when neither the SLA policy nor the team names a calendar'),
  version: z.number().int().describe('Bumped on every change'),
  created_at: IsoDate,
  updated_at: IsoDate,
});
export const CalendarList = z.object({ data: z.array(CalendarJson) });

export const ImportQuery = z.strictObject({
  mode: z.enum(['merge', 'replace']).default('merge').describe('replace drops earlier imported dates first; manual ones stay'),
});
export const ImportResultJson = z.object({
  calendar: CalendarJson,
  added: z.number().int(),
  removed: z.number().int().describe('Earlier imported dates dropped (replace)'),
  skipped: z.number().int().describe('Dates already closed, outside the range, listed twice, or cancelled events'),
  invalid: z.number().int().describe('Events that cannot be a closed day (timed events, no start …)'),
  notes: z.array(z.string()).describe('Why events were skipped or invalid (the first ones)'),
});

export const PreviewQuery = z.strictObject({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD').optional().describe("Default: today in the calendar's zone"),
  days: z.coerce.number().int().min(1).max(MAX_PREVIEW_DAYS).default(14),
});
const HolidayInfoJson = z.object({
  name: z.string(),
  source: z.enum(['manual', 'ical', 'french']),
  names: z.object({ fr: z.string(), en: z.string() }).optional().describe('French public holidays: both names'),
});
export const PreviewJson = z.object({
  calendar_id: Uuid,
  time_zone: z.string(),
  version: z.number().int(),
  days: z.array(z.object({
    date: z.string(),
    weekday: z.number().int().describe('ISO weekday, 1 = Monday'),
    holiday: HolidayInfoJson.nullable().describe('Closed all day by this holiday'),
    spans: z.array(z.object({ start: IsoDate, end: IsoDate, local_start: z.string(), local_end: z.string() })),
    business_minutes: z.number().int(),
  })),
  business_minutes: z.number().int(),
});
