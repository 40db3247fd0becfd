import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import type { SkillKind } from '../../domain/skills.js';
import { insertAudit } from '../../store/audit.js';
import { insertSkill, lockSkillCatalogue, type SkillListRow } from '../../store/skills.js';
import type { Deps } from '../deps.js';
import { loadSkill } from './get-skill.js';
import { assertSkillNamesFree } from './skill-names.js';

export interface CreateSkillInput {
  kind: SkillKind;
  name_en: string;
  name_fr: string;
  active?: boolean;
}

/** Adds a domain or a brand to the skill catalogue (administrators). */
export async function createSkill(deps: Deps, p: Principal, input: CreateSkillInput): Promise<SkillListRow> {
  const admin = requireAgent(p, 'admin', 'admin');
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    await lockSkillCatalogue(sql);
    const names = { name_en: input.name_en.trim(), name_fr: input.name_fr.trim() };
    await assertSkillNamesFree(sql, names, null);
    const id = deps.newId();
    await insertSkill(sql, { id, kind: input.kind, ...names, active: input.active ?? true }, now);
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'agent', actorId: admin.id, action: 'skill.created', targetKind: 'skill', targetId: id,
      data: { kind: input.kind, ...names },
    });
    return loadSkill(sql, id);
  });
}
