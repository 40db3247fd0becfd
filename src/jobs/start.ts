import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config/config.js';
import type { Deps } from '../usecases/deps.js';
import { startAutomationWorker } from './automations.js';
import { startRoutingWorker } from './routing.js';
import { startSlaWorker } from './sla.js';

export interface Scheduler {
  close(): Promise<void>;
}

/**
 * The background jobs of a process: the SLA sweep, the routing sweep (team queues) and the automation workers
 * (event triggers woken after each commit of this process, and polled for other processes' commits; time rules
 * swept). RELAIS_SCHEDULER_SECONDS=0 runs none here. Every job keeps its state in the database, so any number of processes may run them.
 */
export function startScheduler(deps: Deps, config: Config, log: FastifyBaseLogger): Scheduler {
  if (config.schedulerSeconds <= 0) return { close: async () => undefined };
  const periodMs = config.schedulerSeconds * 1000;
  const sla = startSlaWorker(deps, log, periodMs);
  const automations = startAutomationWorker(deps, log, { sweepMs: Math.max(periodMs, 15_000) });
  const routing = startRoutingWorker(deps, log, periodMs);
  const previous = deps.onCommitted;
  deps.onCommitted = (ids) => {
    previous?.(ids);
    automations.wake();
    routing.wake();
  };
  return {
    close: async () => {
      deps.onCommitted = previous;
      await Promise.all([sla.close(), automations.stop(), routing.close()]);
    },
  };
}
