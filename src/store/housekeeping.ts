import type { Sql } from './db.js';

const IDEMPOTENCY_RETENTION_MS = 7 * 24 * 3600_000;

/** Deletes expired sessions and idempotency keys past their retention. */
export async function purgeExpired(sql: Sql, now: Date): Promise<{ sessionsPurged: number; idempotencyKeysPurged: number }> {
  const s = await sql.query('DELETE FROM sessions WHERE expires_at < $1 RETURNING id', [now]);
  const k = await sql.query('DELETE FROM idempotency_keys WHERE created_at < $1 RETURNING key', [
    new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS),
  ]);
  return { sessionsPurged: s.length, idempotencyKeysPurged: k.length };
}

/** Reclaims dead rows and refreshes planner statistics (the embedded engine has no autovacuum). */
export async function vacuumAnalyze(sql: Sql): Promise<void> {
  await sql.query('VACUUM ANALYZE');
}
