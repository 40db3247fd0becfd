import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { insertAudit } from '../../store/audit.js';
import { insertAutomation, type AutomationRow } from '../../store/automations.js';
import type { Deps } from '../deps.js';
import { checkedAutomation, type AutomationInput } from './automation-input.js';

/** Adds an automation (administrators); it goes last in the order. */
export async function createAutomation(deps: Deps, p: Principal, input: AutomationInput): Promise<AutomationRow> {
  const admin = requireAgent(p, 'admin', 'admin');
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    const fields = await checkedAutomation(sql, input, null);
    const row = await insertAutomation(sql, { ...fields, id: deps.newId(), createdBy: admin.id, createdAt: now });
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'agent', actorId: admin.id, action: 'automation.created',
      targetKind: 'automation', targetId: row.id, data: { name: row.name, kind: row.kind, active: row.active },
    });
    return row;
  });
}
