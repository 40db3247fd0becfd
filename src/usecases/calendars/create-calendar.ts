import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { insertAudit } from '../../store/audit.js';
import { countCalendars, findCalendarByName, insertCalendar, lockCalendarDefaults, type CalendarRow } from '../../store/calendars.js';
import type { Sql } from '../../store/db.js';
import type { Deps } from '../deps.js';
import { checkedCalendarContent, type CalendarInput } from './calendar-input.js';

export async function checkCalendarNameFree(sql: Sql, name: string, ownId: string | null): Promise<void> {
  const same = await findCalendarByName(sql, name.trim());
  if (same && same.id !== ownId) {
    throw new DomainError('CONFLICT', 'A calendar with this name already exists.', [{ path: 'name', message: 'already used' }]);
  }
}

/**
 * Creates a business-hours calendar (administrators). The first calendar of a help desk becomes the default,
 * so that "exactly one default" holds whenever there is a calendar.
 */
export async function createCalendar(deps: Deps, p: Principal, input: CalendarInput): Promise<CalendarRow> {
  const admin = requireAgent(p, 'admin', 'admin');
  const content = checkedCalendarContent(input);
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    await lockCalendarDefaults(sql);
    await checkCalendarNameFree(sql, content.name, null);
    const isDefault = (await countCalendars(sql)) === 0;
    const row = await insertCalendar(sql, { ...content, id: deps.newId(), isDefault, createdAt: now });
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'agent', actorId: admin.id, action: 'calendar.created',
      targetKind: 'calendar', targetId: row.id, data: { name: row.name, is_default: row.is_default },
    });
    return row;
  });
}
