import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { insertAudit } from '../../store/audit.js';
import { listAutomations, lockAllAutomations, setAutomationOrder, type AutomationRow } from '../../store/automations.js';
import type { Deps } from '../deps.js';

/**
 * Sets the order rules run in (administrators): `ids` lists every automation exactly once. A list that misses
 * one (created meanwhile by someone else) is refused rather than guessed at.
 */
export async function reorderAutomations(deps: Deps, p: Principal, ids: readonly string[]): Promise<AutomationRow[]> {
  const admin = requireAgent(p, 'admin', 'admin');
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    const existing = new Set(await lockAllAutomations(sql));
    const given = new Set(ids.map((id) => id.toLowerCase()));
    const unknown = [...given].filter((id) => !existing.has(id));
    const missing = [...existing].filter((id) => !given.has(id));
    if (given.size !== ids.length || unknown.length > 0 || missing.length > 0) {
      throw new DomainError('CONFLICT', 'The order must list every automation exactly once; reload the list and try again.', {
        unknown, missing, duplicates: given.size !== ids.length,
      });
    }
    await setAutomationOrder(sql, [...given], now);
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'agent', actorId: admin.id, action: 'automation.reordered',
      targetKind: 'automation', targetId: null, data: { ids: [...given] },
    });
    return listAutomations(sql);
  });
}
