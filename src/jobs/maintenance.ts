import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../store/db.js';
import { purgeExpired, vacuumAnalyze } from '../store/housekeeping.js';

export interface MaintenanceReport {
  sessionsPurged: number;
  idempotencyKeysPurged: number;
  vacuumed: boolean;
  ms: number;
}

/**
 * One maintenance pass. PGlite has no autovacuum, so the embedded engine gets VACUUM ANALYZE here;
 * both engines drop expired sessions and idempotency keys older than a week.
 */
export async function runMaintenance(db: Database, now: Date): Promise<MaintenanceReport> {
  const started = Date.now();
  const purged = await purgeExpired(db, now);
  const vacuumed = db.engine === 'embedded';
  if (vacuumed) await vacuumAnalyze(db);
  return { ...purged, vacuumed, ms: Date.now() - started };
}

export function startMaintenance(db: Database, intervalMinutes: number, log: FastifyBaseLogger): { stop(): void } {
  if (intervalMinutes <= 0) return { stop: () => undefined };
  let running = false;
  const tick = async () => {
    if (running) return; // a slow pass never overlaps the next one
    running = true;
    try {
      log.info({ ...(await runMaintenance(db, new Date())), engine: db.engine }, 'database maintenance done');
    } catch (err) {
      log.warn({ err }, 'database maintenance failed; will retry next period');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMinutes * 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
