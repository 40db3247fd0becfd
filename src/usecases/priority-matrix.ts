import { DEFAULT_PRIORITY_MATRIX, parsePriorityMatrix, type PriorityMatrix } from '../domain/priority.js';
import type { Sql } from '../store/db.js';
import { getSetting } from '../store/settings.js';

export const PRIORITY_MATRIX_KEY = 'priority_matrix';

/** The configured urgency × impact matrix, or the default one. */
export async function loadPriorityMatrix(sql: Sql): Promise<PriorityMatrix> {
  const stored = await getSetting<unknown>(sql, PRIORITY_MATRIX_KEY);
  return stored === undefined ? DEFAULT_PRIORITY_MATRIX : parsePriorityMatrix(stored);
}
