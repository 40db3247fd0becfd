import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { insertAudit } from '../../store/audit.js';
import { findTeamByName, lockTeam, updateTeam } from '../../store/teams.js';
import { requestSlaRecheck } from '../../store/ticket-sla.js';
import type { Deps } from '../deps.js';
import type { CreateTeamInput } from './create-team.js';
import { loadTeamDetail, type TeamDetail } from './get-team.js';
import { checkTeamCalendar, checkTeamLead } from './team-calendar-lead.js';

/**
 * Renames or re-describes a team, sets its calendar, lead, assignment mode and support level (administrators).
 * Membership is edited on agents (team_ids).
 */
export async function updateTeamProfile(deps: Deps, p: Principal, id: string, input: Partial<CreateTeamInput>): Promise<TeamDetail> {
  const admin = requireAgent(p, 'admin', 'admin');
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    if (!(await lockTeam(sql, id))) throw new DomainError('TEAM_NOT_FOUND', 'No such team.');
    if (input.name !== undefined) {
      const same = await findTeamByName(sql, input.name);
      if (same && same.id !== id) {
        throw new DomainError('CONFLICT', 'A team with this name already exists.', [{ path: 'name', message: 'already used' }]);
      }
    }
    await checkTeamCalendar(sql, input.calendarId);
    await checkTeamLead(sql, id, input.leadId);
    await updateTeam(sql, id, input, now);
    // A new team calendar changes the hours its tickets' clocks count: the next sweep recomputes them.
    if (input.calendarId !== undefined) await requestSlaRecheck(sql, { teamId: id }, now);
    // Who is notified, which hours count and how tickets reach agents are configuration: audited like the other
    // admin settings.
    const audited = { calendar_id: input.calendarId, lead_id: input.leadId, assignment_mode: input.assignmentMode, tier: input.tier };
    if (Object.values(audited).some((v) => v !== undefined)) {
      await insertAudit(sql, {
        id: deps.newId(), at: now, actorKind: 'agent', actorId: admin.id, action: 'team.updated', targetKind: 'team', targetId: id,
        data: audited, // undefined keys (unchanged) are left out of the JSON
      });
    }
    return loadTeamDetail(sql, id);
  });
}
