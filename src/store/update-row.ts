import type { Sql } from './db.js';

/**
 * `UPDATE <table> SET updated_at = …, <column> = … WHERE id = …` for the columns whose value is not undefined
 * (null is written as NULL). Table and column names come from our code, never from input.
 */
export async function updateRow(
  sql: Sql,
  table: 'agents' | 'requesters' | 'organizations',
  id: string,
  at: Date,
  columns: Record<string, unknown>,
): Promise<void> {
  const params: unknown[] = [id, at];
  const sets = ['updated_at = $2'];
  for (const [col, value] of Object.entries(columns)) {
    if (value === undefined) continue;
    params.push(value);
    sets.push(`${col} = $${params.length}`);
  }
  await sql.query(`UPDATE ${table} SET ${sets.join(', ')} WHERE id = $1`, params);
}
