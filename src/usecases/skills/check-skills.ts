import { DomainError } from '../../domain/errors.js';
import { normalizeSkillRefs, type SkillRef } from '../../domain/skills.js';
import type { Sql } from '../../store/db.js';
import { unknownSkillIds } from '../../store/skills.js';

/** One entry per skill (highest level kept), every one from the catalogue; `path` names the input field. */
export async function checkSkillRefs(sql: Sql, skills: readonly SkillRef[], path: string): Promise<SkillRef[]> {
  const unknown = await unknownSkillIds(sql, skills.map((s) => s.skill_id));
  if (unknown.length) {
    throw new DomainError('SKILL_NOT_FOUND', 'No such skill in the catalogue.', unknown.map((id) => ({
      path: `${path}.${skills.findIndex((s) => s.skill_id === id)}.skill_id`, message: `unknown skill ${id}`,
    })));
  }
  return normalizeSkillRefs(skills);
}
