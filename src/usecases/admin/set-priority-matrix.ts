import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { parsePriorityMatrix } from '../../domain/priority.js';
import { insertAudit } from '../../store/audit.js';
import { putSetting } from '../../store/settings.js';
import type { Deps } from '../deps.js';
import { loadPriorityMatrix, PRIORITY_MATRIX_KEY } from '../priority-matrix.js';
import type { PriorityMatrixSetting } from './get-priority-matrix.js';

/**
 * Replaces the priority matrix (administrators). It applies to tickets created or re-rated from now on; existing
 * priorities are kept, since people have already acted on them.
 */
export async function setPriorityMatrix(deps: Deps, p: Principal, value: unknown): Promise<PriorityMatrixSetting> {
  const admin = requireAgent(p, 'admin', 'admin');
  const matrix = parsePriorityMatrix(value);
  const now = deps.clock.now();
  await deps.db.tx(async (sql) => {
    const before = await loadPriorityMatrix(sql);
    await putSetting(sql, PRIORITY_MATRIX_KEY, matrix, now);
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'agent', actorId: admin.id, action: 'settings.priority_matrix_changed',
      targetKind: 'setting', targetId: PRIORITY_MATRIX_KEY, data: { from: before, to: matrix },
    });
  });
  return { matrix, isDefault: false };
}
