import { DomainError } from '../../domain/errors.js';
import { skillKey } from '../../domain/skills.js';
import type { Sql } from '../../store/db.js';
import { listSkills } from '../../store/skills.js';

/**
 * Two skills cannot share a name in either language, nor one skill's English name be another's French name:
 * people pick skills by name ("Réseau" and "reseau" are the same to them). The caller holds the catalogue lock.
 */
export async function assertSkillNamesFree(
  sql: Sql,
  names: { name_en: string; name_fr: string },
  exceptId: string | null,
): Promise<void> {
  const taken = new Map<string, string>();
  for (const s of await listSkills(sql)) {
    if (s.id === exceptId) continue;
    for (const n of [s.name_en, s.name_fr]) taken.set(skillKey(n), n);
  }
  const problems = (['name_en', 'name_fr'] as const)
    .filter((path) => taken.has(skillKey(names[path])))
    .map((path) => ({ path, message: `already used by the skill ${taken.get(skillKey(names[path]))}` }));
  if (problems.length) {
    throw new DomainError('CONFLICT', 'A skill with this name already exists.', problems);
  }
}
