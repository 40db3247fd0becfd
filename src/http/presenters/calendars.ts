import type { z } from 'zod';
import type { CalendarRow } from '../../store/calendars.js';
import type { CalendarPreview } from '../../usecases/calendars/preview-calendar.js';
import type { CalendarJson, PreviewJson } from '../schemas/calendars.js';

const minutes = (ms: number) => Math.round(ms / 60_000);

export function presentCalendar(c: CalendarRow): z.infer<typeof CalendarJson> {
  const day = (d: number) => c.weekly[String(d)] ?? [];
  return {
    id: c.id,
    name: c.name,
    time_zone: c.time_zone,
    weekly: { 1: day(1), 2: day(2), 3: day(3), 4: day(4), 5: day(5), 6: day(6), 7: day(7) },
    holidays: c.holidays.map((h) => ({ date: h.date, name: h.name, source: h.source })),
    french_holidays: c.french_holidays,
    is_default: c.is_default,
    version: c.version,
    created_at: c.created_at.toISOString(),
    updated_at: c.updated_at.toISOString(),
  };
}

export function presentPreview(p: CalendarPreview): z.infer<typeof PreviewJson> {
  return {
    calendar_id: p.calendar.id,
    time_zone: p.calendar.time_zone,
    version: p.calendar.version,
    days: p.days.map((d) => ({
      date: d.date,
      weekday: d.weekday,
      holiday: d.holidayInfo ? { name: d.holidayInfo.name, source: d.holidayInfo.source, ...(d.holidayInfo.names ? { names: d.holidayInfo.names } : {}) } : null,
      spans: d.spans.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString(), local_start: s.localStart, local_end: s.localEnd })),
      business_minutes: minutes(d.businessMs),
    })),
    business_minutes: minutes(p.businessMs),
  };
}
