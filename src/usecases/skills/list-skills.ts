import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { listSkills, type SkillFilter, type SkillListRow } from '../../store/skills.js';
import type { Deps } from '../deps.js';

/** The skill catalogue, filtered (every agent reads it: skills are shown on agents, rules and tickets). */
export async function listSkillCatalogue(deps: Deps, p: Principal, filter: SkillFilter): Promise<SkillListRow[]> {
  requireAgent(p, 'agent', 'directory:read');
  return listSkills(deps.db, filter);
}
