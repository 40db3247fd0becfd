import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { insertAudit } from '../../store/audit.js';
import { findCalendar, lockCalendarDefaults, setDefaultCalendar, type CalendarRow, findDefaultCalendarId } from '../../store/calendars.js';
import { requestSlaRecheck } from '../../store/ticket-sla.js';
import type { Deps } from '../deps.js';

/**
 * Makes a calendar the default (administrators): the one used when neither the SLA policy nor the ticket's team
 * names a calendar. The previous default stops being one in the same transaction.
 */
export async function makeDefaultCalendar(deps: Deps, p: Principal, id: string): Promise<CalendarRow> {
  const admin = requireAgent(p, 'admin', 'admin');
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    await lockCalendarDefaults(sql);
    const cal = await findCalendar(sql, id);
    if (!cal) throw new DomainError('CALENDAR_NOT_FOUND', 'No such calendar.');
    if (cal.is_default) return cal;
    // Clocks on the previous default (tickets with no team or policy calendar) move to the new one at the next sweep.
    const previous = await findDefaultCalendarId(sql);
    if (previous) await requestSlaRecheck(sql, { calendarId: previous }, now);
    await setDefaultCalendar(sql, id, now);
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'agent', actorId: admin.id, action: 'calendar.default_set',
      targetKind: 'calendar', targetId: id, data: { name: cal.name },
    });
    return (await findCalendar(sql, id))!;
  });
}
