import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { insertAudit } from '../../store/audit.js';
import { findTeamByName, insertTeam, type TeamRow } from '../../store/teams.js';
import type { Deps } from '../deps.js';
import { checkTeamCalendar, checkTeamLead } from './team-calendar-lead.js';

export interface CreateTeamInput {
  name: string;
  description?: string;
  /** null or absent: the default calendar. */
  calendarId?: string | null;
  /** A new team has no members yet, so a lead given here is refused (set it once agents joined). */
  leadId?: string | null;
}

/** Creates a support team (administrators). Names are unique, case-insensitively. */
export async function createTeam(deps: Deps, p: Principal, input: CreateTeamInput): Promise<TeamRow> {
  const admin = requireAgent(p, 'admin', 'admin');
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    if (await findTeamByName(sql, input.name)) {
      throw new DomainError('CONFLICT', 'A team with this name already exists.', [{ path: 'name', message: 'already used' }]);
    }
    await checkTeamCalendar(sql, input.calendarId);
    await checkTeamLead(sql, null, input.leadId);
    const team = await insertTeam(sql, {
      id: deps.newId(), name: input.name, description: input.description ?? '', calendarId: input.calendarId ?? null, createdAt: now,
    });
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'agent', actorId: admin.id, action: 'team.created',
      targetKind: 'team', targetId: team.id, data: { name: team.name, calendar_id: team.calendar_id },
    });
    return team;
  });
}
