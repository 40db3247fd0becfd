import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { findCalendar, type CalendarRow } from '../../store/calendars.js';
import type { Sql } from '../../store/db.js';
import type { Deps } from '../deps.js';

export async function loadCalendar(sql: Sql, id: string): Promise<CalendarRow> {
  const row = await findCalendar(sql, id);
  if (!row) throw new DomainError('CALENDAR_NOT_FOUND', 'No such calendar.');
  return row;
}

/** One calendar (managers and administrators). */
export async function getCalendar(deps: Deps, p: Principal, id: string): Promise<CalendarRow> {
  requireAgent(p, 'manager', 'directory:read');
  return loadCalendar(deps.db, id);
}
