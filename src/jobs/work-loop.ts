import type { FastifyBaseLogger } from 'fastify';

export interface WorkLoop {
  /** Run soon (work was just queued in this process). */
  wake(): void;
  /** Run now and resolve when no work is left. */
  drain(): Promise<void>;
  /** Stop polling and wait for the pass in flight. */
  close(): Promise<void>;
}

/**
 * A loop that runs `work` when woken or every `pollMs`, never twice at once, until it reports no more work;
 * errors are logged and retried on the next turn.
 */
export function workLoop(work: () => Promise<boolean>, pollMs: number, log: FastifyBaseLogger, what: string): WorkLoop {
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;
  const run = (): Promise<void> => {
    if (closed) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          while (!closed && (await work())) { /* more work queued */ }
        } while (again && !closed);
      } catch (err) {
        log.error({ err }, `${what} failed; retrying on the next pass`);
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void run(), pollMs);
  timer.unref();
  return {
    wake: () => void run(),
    drain: async () => {
      await run();
      if (again) await run();
    },
    close: async () => {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}

