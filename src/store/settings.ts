import type { Sql } from './db.js';

export async function getSetting<T>(sql: Sql, key: string): Promise<T | undefined> {
  const row = await sql.one<{ value: T }>('SELECT value FROM settings WHERE key = $1', [key]);
  return row?.value;
}

export async function putSetting(sql: Sql, key: string, value: unknown, at: Date): Promise<void> {
  await sql.query(
    `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
    [key, JSON.stringify(value), at],
  );
}

/**
 * Records a one-time step (e.g. the default teams) as done. Returns true for the caller that recorded it first;
 * false when it was already done, by this process or a concurrent one.
 */
export async function claimOnce(sql: Sql, key: string, at: Date): Promise<boolean> {
  const rows = await sql.query(
    `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING RETURNING key`,
    [key, JSON.stringify({ done_at: at.toISOString() }), at],
  );
  return rows.length > 0;
}
