import type { TicketScope } from '../domain/permissions.js';
import type { Sql } from './db.js';
import { filterConditions, type TicketFilters } from './ticket-list.js';

/**
 * How many tickets each filter set matches within a visibility scope, in one statement (one round trip).
 * Each count is its own scalar subquery rather than a `count(*) FILTER` over one scan: every queue then uses
 * the index that suits it (assignee, team, status, updated_at), which matters with many tickets. The conditions
 * are the list's own (filterConditions), so a count always equals the length of the list it stands for.
 */
export async function countTickets(sql: Sql, scope: TicketScope, filterSets: readonly TicketFilters[]): Promise<number[]> {
  if (filterSets.length === 0) return [];
  const params: unknown[] = [];
  const columns = filterSets.map((f, i) => {
    const { where } = filterConditions(f, scope, params);
    return `(SELECT count(*) FROM tickets t ${where.length ? `WHERE ${where.join(' AND ')}` : ''})::int AS c${i}`;
  });
  const row = await sql.one<Record<string, number>>(`SELECT ${columns.join(', ')}`, params);
  return filterSets.map((_, i) => row?.[`c${i}`] ?? 0);
}
