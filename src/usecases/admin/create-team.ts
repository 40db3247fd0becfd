import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { insertAudit } from '../../store/audit.js';
import type { Tier } from '../../domain/ticket.js';
import { findTeamByName, insertTeam, type AssignmentMode, type TeamRow } from '../../store/teams.js';
import type { Deps } from '../deps.js';
import { checkTeamCalendar, checkTeamLead } from './team-calendar-lead.js';

export interface CreateTeamInput {
  name: string;
  description?: string;
  /** null or absent: the default calendar. */
  calendarId?: string | null;
  /** A new team has no members yet, so a lead given here is refused (set it once agents joined). */
  leadId?: string | null;
  /** push (default): Relais assigns the team's tickets; pull: agents take the next one. */
  assignmentMode?: AssignmentMode;
  /** The support level the team works at (escalating "to L2" goes to the L2 team); null: outside the ladder. */
  tier?: Tier | null;
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
      id: deps.newId(), name: input.name, description: input.description ?? '', calendarId: input.calendarId ?? null,
      assignmentMode: input.assignmentMode ?? 'push', tier: input.tier ?? null, createdAt: now,
    });
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'agent', actorId: admin.id, action: 'team.created',
      targetKind: 'team', targetId: team.id, data: { name: team.name, calendar_id: team.calendar_id, assignment_mode: team.assignment_mode, tier: team.tier },
    });
    return team;
  });
}
