import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { insertAudit } from '../../store/audit.js';
import { deleteMacro } from '../../store/macros.js';
import type { Deps } from '../deps.js';
import { loadVisibleMacro, mayEditMacro } from './macro-rules.js';

/** Deletes a macro: a personal one by its owner, a shared one by managers and administrators (audited). */
export async function removeMacro(deps: Deps, p: Principal, id: string): Promise<void> {
  const agent = requireAgent(p, 'agent', 'tickets:write');
  const now = deps.clock.now();
  await deps.db.tx(async (sql) => {
    const macro = await loadVisibleMacro(sql, agent, id, true);
    if (!mayEditMacro(agent, macro)) {
      throw new DomainError('FORBIDDEN', 'Only support managers and administrators delete shared macros.');
    }
    await deleteMacro(sql, id);
    if (macro.shared) {
      await insertAudit(sql, {
        id: deps.newId(), at: now, actorKind: 'agent', actorId: agent.id, action: 'macro.deleted',
        targetKind: 'macro', targetId: id, data: { name: macro.name },
      });
    }
  });
}
