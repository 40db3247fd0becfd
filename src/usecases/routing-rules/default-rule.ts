import { insertAudit } from '../../store/audit.js';
import { countRoutingRules, insertRoutingRule } from '../../store/routing-rules.js';
import { claimOnce } from '../../store/settings.js';
import { findTeamByTier } from '../../store/teams.js';
import type { Deps } from '../deps.js';

export const DEFAULT_ROUTING_RULE_NAME = 'Service desk L1 (everything else)';

const CLAIM_KEY = 'bootstrap.default_routing_rule';

/**
 * The rule a new help desk starts with: no conditions, so every ticket no other rule takes goes to the L1 service
 * desk. Created once per database, and only when there are no rules yet and a team works at level L1 (a restored
 * database keeps its own rules; a rule an administrator deletes is not brought back). Returns how many rules were
 * created (0 or 1).
 */
export async function ensureDefaultRoutingRule(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    if (!(await claimOnce(sql, CLAIM_KEY, now))) return 0;
    if ((await countRoutingRules(sql)) > 0) return 0;
    const l1 = await findTeamByTier(sql, 'L1');
    if (!l1) return 0;
    const rule = await insertRoutingRule(sql, {
      id: deps.newId(), name: DEFAULT_ROUTING_RULE_NAME, active: true, position: 1, conditions: {},
      description: 'Règle par défaut : tout ticket qu’aucune autre règle ne prend va au centre de services (niveau 1).',
      outcome: { team_id: l1.id, tier: 'L1', required_skills: [], priority_adjust: null, tags: [] },
    }, now);
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'system', actorId: null, action: 'routing_rule.created',
      targetKind: 'routing_rule', targetId: rule.id, data: { name: rule.name, reason: 'default routing rule of a new help desk' },
    });
    return 1;
  });
}
