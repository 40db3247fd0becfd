import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config/config.js';
import { BlobStore } from '../../files/blob-store.js';
import type { Deps } from '../../usecases/deps.js';
import type { MailContext } from '../../usecases/email/context.js';
import { acceptInbound, processPendingInbound, type MailDeps } from '../../usecases/email/ingest.js';
import type { AcceptInput, AcceptResult } from './accept-types.js';

export interface EmailChannel {
  mail: MailContext;
  /** Accepts one raw message (what the SMTP receiver and the IMAP poller call). */
  accept(input: AcceptInput): Promise<AcceptResult>;
  /** Processes every stored message now; for tests and benchmarks. */
  drainInbound(): Promise<void>;
  /** The SMTP receiver's port, when it runs. */
  smtpPort: number | null;
  close(): Promise<void>;
}

/** How often each worker looks for work another process queued (wake-ups only reach this process). */
const POLL_MS = 2_000;

/**
 * A loop that runs `work` when woken or every `pollMs`, never twice at once, until it reports no more work;
 * errors are logged and retried on the next turn.
 */
export function workLoop(work: () => Promise<boolean>, pollMs: number, log: FastifyBaseLogger, what: string) {
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

/**
 * Starts the e-mail channel: the store of raw messages and attachments, the inbound processor, and (when
 * configured) the SMTP receiver, the IMAP poller and the outbound sender. Every way in calls `accept`, which
 * stores durably before anything is acknowledged; processing happens here, in the background.
 */
export async function startEmailChannel(deps: Deps, config: Config, log: FastifyBaseLogger): Promise<EmailChannel> {
  const blobs = new BlobStore(config.email.attachmentsDir);
  await blobs.init();
  const wakers = { inbound: () => undefined as void, outbound: () => undefined as void };
  const mail: MailContext = {
    config: config.email,
    blobs,
    publicUrl: config.publicUrl,
    wakeInbound: () => wakers.inbound(),
    wakeOutbound: () => wakers.outbound(),
  };
  deps.mail = mail;
  // The same object, so use cases called with `deps` (replies, resolutions) queue mail too.
  const mailDeps: MailDeps = Object.assign(deps, { mail });
  const inbound = workLoop(async () => (await processPendingInbound(mailDeps, 20)).length > 0, POLL_MS, log, 'inbound e-mail processing');
  wakers.inbound = inbound.wake;
  const accept = (input: AcceptInput) => acceptInbound(mailDeps, input);
  const closers: Array<() => Promise<void>> = [];
  // Anything left from before a restart (accepted, not yet filed) is filed now.
  inbound.wake();
  return {
    mail,
    accept,
    drainInbound: inbound.drain,
    smtpPort: null,
    async close() {
      for (const c of closers.reverse()) await c();
      await inbound.close();
    },
  };
}
