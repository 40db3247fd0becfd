import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { insertAudit } from '../../store/audit.js';
import { lockCalendar, updateCalendarContent, type CalendarRow } from '../../store/calendars.js';
import { requestSlaRecheck } from '../../store/ticket-sla.js';
import type { Deps } from '../deps.js';
import { checkedCalendarContent, type CalendarInput } from './calendar-input.js';
import { checkCalendarNameFree } from './create-calendar.js';

export interface UpdateCalendarInput extends Partial<CalendarInput> {
  /** The version the editor started from: a different current version means someone else saved meanwhile. */
  version?: number;
}

/**
 * Changes a calendar (administrators) and bumps its version: clocks computed with the old version keep their
 * deadlines until they are recomputed, and the resolver builds the new one afresh.
 */
export async function updateCalendar(deps: Deps, p: Principal, id: string, input: UpdateCalendarInput): Promise<CalendarRow> {
  const admin = requireAgent(p, 'admin', 'admin');
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    const current = await lockCalendar(sql, id);
    if (!current) throw new DomainError('CALENDAR_NOT_FOUND', 'No such calendar.');
    if (input.version !== undefined && input.version !== current.version) {
      throw new DomainError('CONFLICT', `The calendar changed meanwhile (version ${current.version}, yours ${input.version}); reload it.`, [
        { path: 'version', message: 'stale version' },
      ]);
    }
    const content = checkedCalendarContent({
      name: input.name ?? current.name,
      timeZone: input.timeZone ?? current.time_zone,
      weekly: input.weekly ?? current.weekly,
      holidays: input.holidays ?? current.holidays,
      frenchHolidays: input.frenchHolidays ?? current.french_holidays,
    });
    if (input.name !== undefined) await checkCalendarNameFree(sql, content.name, id);
    const row = await updateCalendarContent(sql, id, content, now);
    // Running clocks computed with this calendar get their deadlines recomputed by the next sweep.
    await requestSlaRecheck(sql, { calendarId: id }, now);
    const changed = (['name', 'timeZone', 'weekly', 'holidays', 'frenchHolidays'] as const).filter((k) => input[k] !== undefined);
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'agent', actorId: admin.id, action: 'calendar.updated',
      targetKind: 'calendar', targetId: id, data: { name: row.name, version: row.version, changed },
    });
    return row;
  });
}
