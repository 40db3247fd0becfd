import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../store/db.js';

/**
 * PGlite has no autovacuum: run VACUUM ANALYZE periodically on the embedded engine, and drop expired sessions
 * and idempotency keys on both engines.
 */
export function startMaintenance(db: Database, intervalMinutes: number, log: FastifyBaseLogger): { stop(): void } {
  if (intervalMinutes <= 0) return { stop: () => undefined };
  const run = async () => {
    const started = Date.now();
    try {
      await db.query('DELETE FROM sessions WHERE expires_at < now()');
      await db.query("DELETE FROM idempotency_keys WHERE created_at < now() - interval '7 days'");
      if (db.engine === 'embedded') await db.query('VACUUM ANALYZE');
      log.info({ ms: Date.now() - started, engine: db.engine }, 'database maintenance done');
    } catch (err) {
      log.warn({ err }, 'database maintenance failed; will retry next period');
    }
  };
  const timer = setInterval(() => void run(), intervalMinutes * 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
