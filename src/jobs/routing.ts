import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../usecases/deps.js';
import { sweepRouting } from '../usecases/routing/dispatch-waiting.js';
import { workLoop, type WorkLoop } from './work-loop.js';

/**
 * The routing sweep (job `routing.sweep`): woken after every commit of this process (a ticket resolved frees an
 * agent, whose team queue is then due at once) and polled for the rest (shifts starting, other processes).
 */
export function startRoutingWorker(deps: Deps, log: FastifyBaseLogger, pollMs: number): WorkLoop {
  const loop = workLoop(async () => {
    const r = await sweepRouting(deps);
    if (r.assigned > 0 || r.handedOver > 0) log.info(r, 'routing.sweep: tickets assigned from team queues');
    return r.tried >= 200 && r.assigned > 0;
  }, pollMs, log, 'routing.sweep');
  loop.wake();
  return loop;
}
