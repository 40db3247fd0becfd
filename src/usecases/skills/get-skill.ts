import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import type { Sql } from '../../store/db.js';
import { findSkill, type SkillListRow } from '../../store/skills.js';
import type { Deps } from '../deps.js';

export async function loadSkill(sql: Sql, id: string): Promise<SkillListRow> {
  const skill = await findSkill(sql, id);
  if (!skill) throw new DomainError('SKILL_NOT_FOUND', 'No such skill in the catalogue.');
  return skill;
}

/** One catalogue entry (agents). */
export async function getSkill(deps: Deps, p: Principal, id: string): Promise<SkillListRow> {
  requireAgent(p, 'agent', 'directory:read');
  return loadSkill(deps.db, id);
}
