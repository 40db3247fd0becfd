import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { insertAudit } from '../../store/audit.js';
import { findSkill, lockSkillCatalogue, updateSkill, type SkillListRow, type SkillPatch } from '../../store/skills.js';
import type { Deps } from '../deps.js';
import { loadSkill } from './get-skill.js';
import { assertSkillNamesFree } from './skill-names.js';

/**
 * Renames a skill, changes its kind, or (de)activates it (administrators). A deactivated skill stays on the agents
 * and rules that have it, but is no longer offered for new ones: the way to retire a skill that is in use.
 */
export async function updateSkillEntry(deps: Deps, p: Principal, id: string, patch: SkillPatch): Promise<SkillListRow> {
  const admin = requireAgent(p, 'admin', 'admin');
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    await lockSkillCatalogue(sql);
    const before = await findSkill(sql, id);
    if (!before) throw new DomainError('SKILL_NOT_FOUND', 'No such skill in the catalogue.');
    const clean: SkillPatch = {
      kind: patch.kind, active: patch.active, name_en: patch.name_en?.trim(), name_fr: patch.name_fr?.trim(),
    };
    const next = {
      kind: clean.kind ?? before.kind, name_en: clean.name_en ?? before.name_en, name_fr: clean.name_fr ?? before.name_fr,
      active: clean.active ?? before.active,
    };
    const changed = (['kind', 'name_en', 'name_fr', 'active'] as const).filter((k) => next[k] !== before[k]);
    if (!changed.length) return before;
    if (changed.includes('name_en') || changed.includes('name_fr')) await assertSkillNamesFree(sql, next, id);
    await updateSkill(sql, id, clean, now);
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'agent', actorId: admin.id, action: 'skill.updated', targetKind: 'skill', targetId: id,
      data: {
        from: Object.fromEntries(changed.map((k) => [k, before[k]])),
        to: Object.fromEntries(changed.map((k) => [k, next[k]])),
      },
    });
    return loadSkill(sql, id);
  });
}
