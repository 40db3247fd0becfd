import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { insertAudit } from '../../store/audit.js';
import { deleteCalendar, findCalendarUses, lockCalendar, lockCalendarDefaults } from '../../store/calendars.js';
import type { Deps } from '../deps.js';

/**
 * Deletes a calendar (administrators). Refused with CALENDAR_IN_USE while it is the default or a team, an SLA
 * policy or a time rule names it: their deadlines would silently move to another calendar.
 */
export async function removeCalendar(deps: Deps, p: Principal, id: string): Promise<void> {
  const admin = requireAgent(p, 'admin', 'admin');
  const now = deps.clock.now();
  await deps.db.tx(async (sql) => {
    await lockCalendarDefaults(sql);
    const cal = await lockCalendar(sql, id);
    if (!cal) throw new DomainError('CALENDAR_NOT_FOUND', 'No such calendar.');
    if (cal.is_default) {
      throw new DomainError('CALENDAR_IN_USE', 'This is the default calendar; make another calendar the default first.', {
        is_default: true, teams: [], policies: [], automations: [],
      });
    }
    const uses = await findCalendarUses(sql, id);
    const users = [
      ...uses.teams.map((n) => `team ${n}`), ...uses.policies.map((n) => `SLA policy ${n}`), ...uses.automations.map((n) => `rule ${n}`),
    ];
    if (users.length > 0) {
      throw new DomainError('CALENDAR_IN_USE', `The calendar is in use (${users.join(', ')}); choose another calendar there first.`, {
        is_default: false, ...uses,
      });
    }
    await deleteCalendar(sql, id);
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'agent', actorId: admin.id, action: 'calendar.deleted',
      targetKind: 'calendar', targetId: id, data: { name: cal.name },
    });
  });
}
