import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { insertAudit } from '../../store/audit.js';
import { findAutomation, updateAutomation, type AutomationRow } from '../../store/automations.js';
import type { Deps } from '../deps.js';
import { checkedAutomation, type AutomationInput } from './automation-input.js';

const FIELDS = ['name', 'kind', 'active', 'events', 'conditions', 'timing', 'actions'] as const;

/**
 * Changes an automation (administrators). The patch is applied to the stored rule and the result checked as a
 * whole (turning an event rule into a time rule needs a timing and no events, say).
 */
export async function updateAutomationRule(
  deps: Deps, p: Principal, id: string, patch: Partial<AutomationInput>,
): Promise<AutomationRow> {
  const admin = requireAgent(p, 'admin', 'admin');
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    const current = await findAutomation(sql, id, true);
    if (!current) throw new DomainError('AUTOMATION_NOT_FOUND', 'No such automation.');
    // A kind change drops what only the old kind has, unless the patch says otherwise.
    const kindChanged = patch.kind !== undefined && patch.kind !== current.kind;
    const merged: AutomationInput = {
      name: patch.name ?? current.name,
      kind: patch.kind ?? current.kind,
      active: patch.active ?? current.active,
      events: patch.events ?? (kindChanged && patch.kind === 'time' ? [] : current.events),
      conditions: patch.conditions ?? current.conditions,
      timing: patch.timing !== undefined ? patch.timing : kindChanged && patch.kind === 'event' ? null : current.timing,
      actions: patch.actions ?? current.actions,
    };
    const fields = await checkedAutomation(sql, merged, id);
    const row = await updateAutomation(sql, id, fields, now);
    const changed = FIELDS.filter((f) => JSON.stringify(current[f]) !== JSON.stringify(row[f]));
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'agent', actorId: admin.id, action: 'automation.updated',
      targetKind: 'automation', targetId: id, data: { name: row.name, changed },
    });
    return row;
  });
}
