import type { Sql } from './db.js';

export interface ThrottleState {
  failures: number;
  window_started_at: Date;
  locked_until: Date | null;
}

export async function getAttempts(sql: Sql, keys: readonly string[]): Promise<Array<ThrottleState & { key: string }>> {
  return sql.query('SELECT key, failures, window_started_at, locked_until FROM login_attempts WHERE key = ANY($1::text[])', [
    keys,
  ]);
}

/** Records one failure; opens a new window when the old one has expired; locks at `max` failures. */
export async function recordFailure(
  sql: Sql,
  key: string,
  now: Date,
  windowMs: number,
  max: number,
  lockMs: number,
): Promise<void> {
  await sql.query(
    `INSERT INTO login_attempts (key, failures, window_started_at, locked_until) VALUES ($1, 1, $2, NULL)
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN login_attempts.window_started_at < $2::timestamptz - make_interval(secs => $3::double precision / 1000)
                       THEN 1 ELSE login_attempts.failures + 1 END,
       window_started_at = CASE WHEN login_attempts.window_started_at < $2::timestamptz - make_interval(secs => $3::double precision / 1000)
                       THEN $2 ELSE login_attempts.window_started_at END,
       locked_until = CASE WHEN login_attempts.window_started_at >= $2::timestamptz - make_interval(secs => $3::double precision / 1000)
                            AND login_attempts.failures + 1 >= $4
                       THEN $2::timestamptz + make_interval(secs => $5::double precision / 1000) ELSE login_attempts.locked_until END`,
    [key, now, windowMs, max, lockMs],
  );
}

export async function clearAttempts(sql: Sql, key: string): Promise<void> {
  await sql.query('DELETE FROM login_attempts WHERE key = $1', [key]);
}
