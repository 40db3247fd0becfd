import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { listCalendars, type CalendarRow } from '../../store/calendars.js';
import type { Deps } from '../deps.js';

/** Every business-hours calendar, the default first (managers and administrators). */
export async function listCalendarsFor(deps: Deps, p: Principal): Promise<CalendarRow[]> {
  requireAgent(p, 'manager', 'directory:read');
  return listCalendars(deps.db);
}
