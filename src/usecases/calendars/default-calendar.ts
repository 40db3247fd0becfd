import { insertAudit } from '../../store/audit.js';
import { countCalendars, insertCalendar } from '../../store/calendars.js';
import { claimOnce } from '../../store/settings.js';
import type { Deps } from '../deps.js';
import { checkedCalendarContent, type CalendarInput } from './calendar-input.js';

const OFFICE_DAY = [{ start: '09:00', end: '12:30' }, { start: '13:30', end: '18:00' }];

/** The calendar a new help desk starts with: Paris office hours with a lunch break, French public holidays. */
export const DEFAULT_CALENDAR: CalendarInput = {
  name: 'Heures ouvrées Paris',
  timeZone: 'Europe/Paris',
  weekly: { 1: OFFICE_DAY, 2: OFFICE_DAY, 3: OFFICE_DAY, 4: OFFICE_DAY, 5: OFFICE_DAY, 6: [], 7: [] },
  holidays: [],
  frenchHolidays: 'metropolitan',
};

const CLAIM_KEY = 'bootstrap.default_calendar';

/**
 * Creates the default calendar the first time a database is started, unless it already has calendars (a restored
 * database). Runs once per database: a calendar an administrator later deletes is not brought back. Returns how
 * many calendars were created (0 or 1).
 */
export async function ensureDefaultCalendar(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    if (!(await claimOnce(sql, CLAIM_KEY, now))) return 0;
    if ((await countCalendars(sql)) > 0) return 0;
    const row = await insertCalendar(sql, { ...checkedCalendarContent(DEFAULT_CALENDAR), id: deps.newId(), isDefault: true, createdAt: now });
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'system', actorId: null, action: 'calendar.created',
      targetKind: 'calendar', targetId: row.id, data: { name: row.name, is_default: true, reason: 'default calendar of a new help desk' },
    });
    return 1;
  });
}
