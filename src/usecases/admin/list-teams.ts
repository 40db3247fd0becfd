import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { listTeamsWithCounts, type TeamListRow } from '../../store/teams.js';
import type { Deps } from '../deps.js';

/** Every team with its number of active members (agents). */
export async function listTeamsFor(deps: Deps, p: Principal): Promise<TeamListRow[]> {
  requireAgent(p, 'agent', 'directory:read');
  return listTeamsWithCounts(deps.db);
}
