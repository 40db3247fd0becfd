import type { FastifyBaseLogger } from 'fastify';
import { workLoop } from './work-loop.js';
import type { Deps } from '../usecases/deps.js';
import { runEventAutomations } from '../usecases/automations/run-event-automations.js';
import { runTimeAutomations } from '../usecases/automations/run-time-automations.js';

export interface AutomationWorkerOptions {
  /** How often the event queue is polled when nobody wakes the worker (events committed by other processes). */
  eventPollMs?: number;
  /** How often time rules are swept. */
  sweepMs?: number;
  /** Events per transaction. */
  batch?: number;
}

export interface AutomationWorker {
  /** Drain the event queue soon (call after committing ticket changes). */
  wake(): void;
  /** Stop the timers and wait for the passes in flight. */
  stop(): Promise<void>;
}

/**
 * Runs automations: event triggers from the outbox (on wake and every few seconds) and the time sweep (at start,
 * so what fell due while Relais was down runs now, then every minute). Neither overlaps itself; a failure is
 * logged and the next pass carries on. Safe next to other processes running the same worker (see the use cases).
 */
export function startAutomationWorker(deps: Deps, log: FastifyBaseLogger, opts: AutomationWorkerOptions = {}): AutomationWorker {
  const batch = opts.batch ?? 50;
  const events = workLoop(async () => {
    const r = await runEventAutomations(deps, batch);
    for (const f of r.failures) {
      log.error({ err: f.error, seq: f.seq, ticketId: f.ticketId }, 'automation: an event rule failed; the event was skipped');
    }
    if (r.fired > 0) log.debug({ events: r.events, fired: r.fired }, 'automation: event rules applied');
    return r.more;
  }, opts.eventPollMs ?? 5_000, log, 'automation event queue');

  let sweeping: Promise<void> | null = null;
  let stopped = false;
  const sweep = () => {
    if (sweeping || stopped) return; // a slow sweep never overlaps the next one
    sweeping = (async () => {
      try {
        const r = await runTimeAutomations(deps);
        for (const f of r.failures) {
          log.error({ err: f.error, automationId: f.automationId, ticketId: f.ticketId }, 'automation: a time rule failed on a ticket; retried next sweep');
        }
        if (r.fired > 0) log.info({ fired: r.fired }, 'automation: time rules applied');
      } catch (err) {
        log.error({ err }, 'automation: time sweep failed; retrying at the next one');
      } finally {
        sweeping = null;
      }
    })();
  };
  const timer = setInterval(sweep, opts.sweepMs ?? 60_000);
  timer.unref();
  sweep();
  events.wake();

  return {
    wake: () => events.wake(),
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await events.close();
      await sweeping;
    },
  };
}
