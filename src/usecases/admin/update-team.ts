import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { findTeamByName, lockTeam, updateTeam } from '../../store/teams.js';
import type { Deps } from '../deps.js';
import type { CreateTeamInput } from './create-team.js';
import { loadTeamDetail, type TeamDetail } from './get-team.js';

/** Renames or re-describes a team (administrators). Membership is edited on agents (team_ids). */
export async function updateTeamProfile(deps: Deps, p: Principal, id: string, input: Partial<CreateTeamInput>): Promise<TeamDetail> {
  requireAgent(p, 'admin', 'admin');
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    if (!(await lockTeam(sql, id))) throw new DomainError('TEAM_NOT_FOUND', 'No such team.');
    if (input.name !== undefined) {
      const same = await findTeamByName(sql, input.name);
      if (same && same.id !== id) {
        throw new DomainError('CONFLICT', 'A team with this name already exists.', [{ path: 'name', message: 'already used' }]);
      }
    }
    await updateTeam(sql, id, input, now);
    return loadTeamDetail(sql, id);
  });
}
