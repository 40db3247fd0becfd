import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { insertAudit } from '../../store/audit.js';
import { lockCalendar, updateCalendarContent, type CalendarRow, type StoredHoliday } from '../../store/calendars.js';
import { requestSlaRecheck } from '../../store/ticket-sla.js';
import type { Deps } from '../deps.js';
import { checkedCalendarContent } from './calendar-input.js';
import { holidaysFromIcs } from './ics-holidays.js';

/** Recurring events are expanded from this year through this many years on. */
export const IMPORT_YEARS_AHEAD = 5;

export interface ImportHolidaysInput {
  text: string;
  /** merge: add the file's dates the calendar lacks; replace: drop earlier imported dates first (manual ones stay). */
  mode: 'merge' | 'replace';
}

export interface ImportHolidaysResult {
  calendar: CalendarRow;
  added: number;
  /** Earlier imported dates dropped (replace mode). */
  removed: number;
  skipped: number;
  invalid: number;
  notes: string[];
}

/**
 * Imports closed days from an iCalendar file into a calendar (administrators), deduplicated by date. A file
 * that does not parse changes nothing (INVALID_CALENDAR); the version is bumped only when the dates change.
 */
export async function importHolidays(deps: Deps, p: Principal, id: string, input: ImportHolidaysInput): Promise<ImportHolidaysResult> {
  const admin = requireAgent(p, 'admin', 'admin');
  const now = deps.clock.now();
  const fromYear = now.getUTCFullYear();
  const parsed = holidaysFromIcs(input.text, { fromYear, toYear: fromYear + IMPORT_YEARS_AHEAD });
  return deps.db.tx(async (sql) => {
    const current = await lockCalendar(sql, id);
    if (!current) throw new DomainError('CALENDAR_NOT_FOUND', 'No such calendar.');
    const kept = input.mode === 'replace' ? current.holidays.filter((h) => h.source !== 'ical') : [...current.holidays];
    const removed = current.holidays.length - kept.length;
    const taken = new Set(kept.map((h) => h.date));
    const holidays: StoredHoliday[] = [...kept];
    let added = 0;
    let skipped = parsed.skipped;
    for (const h of parsed.holidays) {
      if (taken.has(h.date)) skipped++;
      else {
        holidays.push({ date: h.date, name: h.name, source: 'ical' });
        added++;
      }
    }
    const result = { added, removed, skipped, invalid: parsed.invalid, notes: parsed.notes };
    const content = checkedCalendarContent({
      name: current.name, timeZone: current.time_zone, weekly: current.weekly, holidays, frenchHolidays: current.french_holidays,
    });
    const same = JSON.stringify(content.holidays) === JSON.stringify(current.holidays);
    const calendar = same ? current : await updateCalendarContent(sql, id, content, now);
    if (!same) await requestSlaRecheck(sql, { calendarId: id }, now);
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'agent', actorId: admin.id, action: 'calendar.holidays_imported',
      targetKind: 'calendar', targetId: id,
      data: { name: current.name, mode: input.mode, version: calendar.version, added, removed, skipped, invalid: parsed.invalid },
    });
    return { calendar, ...result };
  });
}
