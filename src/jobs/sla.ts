import type { FastifyBaseLogger } from 'fastify';
import { workLoop, type WorkLoop } from './work-loop.js';
import type { Deps } from '../usecases/deps.js';
import { sweepSla } from '../usecases/sla/sweep-sla.js';

/** Tickets per pass before the loop yields (it goes on at once while more are due). */
const PASS = 1000;

/**
 * The SLA sweep (job `sla.sweep`): at start, so what fell due while Relais was down is announced now, then every
 * `pollMs`. Safe with several processes: each due ticket is taken by one of them (SKIP LOCKED).
 */
export function startSlaWorker(deps: Deps, log: FastifyBaseLogger, pollMs: number): WorkLoop {
  const loop = workLoop(async () => {
    const r = await sweepSla(deps, {
      batch: 100, maxBatches: PASS / 100,
      onError: (ticketId, err) => log.error({ err, ticketId }, 'sla.sweep: a ticket failed; retried in 5 minutes'),
    });
    if (r.fired > 0) log.info({ checked: r.checked, fired: r.fired }, 'sla.sweep: thresholds announced');
    return r.checked >= PASS;
  }, pollMs, log, 'sla.sweep');
  loop.wake();
  return loop;
}
