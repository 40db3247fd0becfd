import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { insertAudit } from '../../store/audit.js';
import { deleteSkill, findSkill, lockSkillCatalogue, skillUsage } from '../../store/skills.js';
import type { Deps } from '../deps.js';

/**
 * Removes a skill from the catalogue (administrators). Refused with SKILL_IN_USE while agents hold it, routing
 * rules require it or unfinished tickets wait for it: deleting would silently drop it from all of them, so the
 * administrator deactivates it instead (or removes it from those first).
 */
export async function deleteSkillEntry(deps: Deps, p: Principal, id: string): Promise<void> {
  const admin = requireAgent(p, 'admin', 'admin');
  const now = deps.clock.now();
  await deps.db.tx(async (sql) => {
    await lockSkillCatalogue(sql);
    const skill = await findSkill(sql, id);
    if (!skill) throw new DomainError('SKILL_NOT_FOUND', 'No such skill in the catalogue.');
    const usage = await skillUsage(sql, id);
    if (usage.agent_count || usage.routing_rule_count || usage.open_ticket_count) {
      throw new DomainError('SKILL_IN_USE',
        `The skill ${skill.name_en} is used by ${usage.agent_count} agent(s), ${usage.routing_rule_count} routing rule(s) and ` +
        `${usage.open_ticket_count} open ticket(s); deactivate it instead.`, { ...usage });
    }
    await deleteSkill(sql, id);
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'agent', actorId: admin.id, action: 'skill.deleted', targetKind: 'skill', targetId: id,
      data: { kind: skill.kind, name_en: skill.name_en, name_fr: skill.name_fr },
    });
  });
}
