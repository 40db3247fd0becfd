/** Writes of an agent's availability: status, personal working hours, capacity, out of office. */
import type { WorkingHours } from '../domain/routing/availability.js';
import type { AgentStatus } from '../domain/routing/ranking.js';
import type { Sql } from './db.js';

export interface AvailabilityPatch {
  status?: AgentStatus;
  /** null: no personal hours. */
  workingHours?: WorkingHours | null;
  /** null: no limit. */
  capacity?: number | null;
  /** null: not out of office. */
  outOfOffice?: { from: Date | null; until: Date | null; delegateId: string | null } | null;
}

/**
 * Locks the agent's row until the transaction ends (false when there is no such agent). Assignment locks the
 * same row before it counts the agent's load, so a status change and an assignment run one after the other.
 */
export async function lockAgent(sql: Sql, id: string): Promise<boolean> {
  return (await sql.query('SELECT id FROM agents WHERE id = $1 FOR UPDATE', [id])).length > 0;
}

/** Applies the fields present in `patch`; a new status also stamps availability_changed_at. */
export async function updateAgentAvailability(sql: Sql, id: string, patch: AvailabilityPatch, at: Date): Promise<void> {
  const params: unknown[] = [id, at];
  const sets = ['updated_at = $2'];
  const set = (column: string, value: unknown, cast = '') => {
    params.push(value);
    sets.push(`${column} = $${params.length}${cast}`);
  };
  if (patch.status !== undefined) {
    set('availability', patch.status);
    // Only a real change restarts the "since" shown next to the status.
    sets.push(`availability_changed_at = CASE WHEN availability IS DISTINCT FROM $${params.length} THEN $2 ELSE availability_changed_at END`);
  }
  if (patch.workingHours !== undefined) {
    set('working_hours', patch.workingHours === null ? null : JSON.stringify(patch.workingHours), '::jsonb');
  }
  if (patch.capacity !== undefined) set('capacity', patch.capacity);
  if (patch.outOfOffice !== undefined) {
    set('ooo_from', patch.outOfOffice?.from ?? null);
    set('ooo_until', patch.outOfOffice?.until ?? null);
    set('ooo_delegate_id', patch.outOfOffice?.delegateId ?? null);
  }
  await sql.query(`UPDATE agents SET ${sets.join(', ')} WHERE id = $1`, params);
}
