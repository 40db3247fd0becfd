import { DomainError } from '../../domain/errors.js';
import { findCalendar } from '../../store/calendars.js';
import type { Sql } from '../../store/db.js';
import { listTeamMembers } from '../../store/teams.js';

/** A team's calendar must exist (null: the team uses the default calendar). */
export async function checkTeamCalendar(sql: Sql, calendarId: string | null | undefined): Promise<void> {
  if (!calendarId) return;
  if (!(await findCalendar(sql, calendarId))) {
    throw new DomainError('CALENDAR_NOT_FOUND', 'No such calendar.', [{ path: 'calendar_id', message: 'unknown calendar' }]);
  }
}

/**
 * A team lead must be an active agent of the team: escalations notify the lead about the team's tickets, so an
 * outsider or a disabled account would make them go nowhere.
 */
export async function checkTeamLead(sql: Sql, teamId: string | null, leadId: string | null | undefined): Promise<void> {
  if (!leadId) return;
  const member = teamId ? (await listTeamMembers(sql, teamId)).find((m) => m.id === leadId) : undefined;
  if (!member || !member.active) {
    const why = !member ? 'is not a member of this team' : 'is a disabled account';
    throw new DomainError('INVALID_ASSIGNMENT', `The team lead must be an active member of the team; this agent ${why}.`, [
      { path: 'lead_id', message: teamId ? `must be an active member of the team (${why})` : 'add the lead once the team has members' },
    ]);
  }
}
