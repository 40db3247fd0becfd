import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { insertAudit } from '../../store/audit.js';
import { deleteAutomation, findAutomation } from '../../store/automations.js';
import type { Deps } from '../deps.js';

/** Deletes an automation (administrators). What it did stays on the tickets' timelines. */
export async function removeAutomation(deps: Deps, p: Principal, id: string): Promise<void> {
  const admin = requireAgent(p, 'admin', 'admin');
  const now = deps.clock.now();
  await deps.db.tx(async (sql) => {
    const row = await findAutomation(sql, id, true);
    if (!row) throw new DomainError('AUTOMATION_NOT_FOUND', 'No such automation.');
    await deleteAutomation(sql, id);
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'agent', actorId: admin.id, action: 'automation.deleted',
      targetKind: 'automation', targetId: id, data: { name: row.name, kind: row.kind },
    });
  });
}
