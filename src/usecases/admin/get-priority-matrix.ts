import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import type { PriorityMatrix } from '../../domain/priority.js';
import { getSetting } from '../../store/settings.js';
import type { Deps } from '../deps.js';
import { loadPriorityMatrix, PRIORITY_MATRIX_KEY } from '../priority-matrix.js';

export interface PriorityMatrixSetting {
  matrix: PriorityMatrix;
  /** True while no administrator has configured one (the ITIL default applies). */
  isDefault: boolean;
}

/** The urgency × impact matrix in force (any agent). */
export async function getPriorityMatrix(deps: Deps, p: Principal): Promise<PriorityMatrixSetting> {
  requireAgent(p, 'agent', 'tickets:read');
  const stored = await getSetting<unknown>(deps.db, PRIORITY_MATRIX_KEY);
  return { matrix: await loadPriorityMatrix(deps.db), isDefault: stored === undefined };
}
