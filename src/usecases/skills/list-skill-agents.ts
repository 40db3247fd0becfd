import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { listSkillHolders, type SkillHolderRow, type SkillListRow } from '../../store/skills.js';
import type { Deps } from '../deps.js';
import { loadSkill } from './get-skill.js';

/** Who holds a skill and at which level, experts first: "who knows Cisco?" (agents). */
export async function listSkillAgents(deps: Deps, p: Principal, id: string): Promise<{ skill: SkillListRow; agents: SkillHolderRow[] }> {
  requireAgent(p, 'agent', 'directory:read');
  const skill = await loadSkill(deps.db, id);
  return { skill, agents: await listSkillHolders(deps.db, id) };
}
