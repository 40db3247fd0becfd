import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import type { Sql } from '../../store/db.js';
import { findTeam, listTeamMembers, type TeamMemberRow, type TeamRow } from '../../store/teams.js';
import type { Deps } from '../deps.js';

export interface TeamDetail {
  team: TeamRow;
  members: TeamMemberRow[];
}

export async function loadTeamDetail(sql: Sql, id: string): Promise<TeamDetail> {
  const team = await findTeam(sql, id);
  if (!team) throw new DomainError('TEAM_NOT_FOUND', 'No such team.');
  return { team, members: await listTeamMembers(sql, id) };
}

/** A team with its members (agents). */
export async function getTeam(deps: Deps, p: Principal, id: string): Promise<TeamDetail> {
  requireAgent(p, 'agent', 'directory:read');
  return loadTeamDetail(deps.db, id);
}
