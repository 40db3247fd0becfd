import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config/config.js';
import { BlobStore } from '../../files/blob-store.js';
import { releaseStaleLeases } from '../../store/email.js';
import type { Deps } from '../../usecases/deps.js';
import type { MailContext } from '../../usecases/email/context.js';
import { acceptInbound, processPendingInbound, type MailDeps } from '../../usecases/email/ingest.js';
import type { AcceptInput, AcceptResult } from './accept-types.js';
import { startImapPoller } from './imap-poller.js';
import { startOutboundSender } from './outbound-sender.js';
import { startSmtpReceiver } from './smtp-receiver.js';
import { workLoop } from '../../jobs/work-loop.js';

export interface EmailChannel {
  mail: MailContext;
  /** Accepts one raw message (what the SMTP receiver and the IMAP poller call). */
  accept(input: AcceptInput): Promise<AcceptResult>;
  /** Processes every stored message now; for tests and benchmarks. */
  drainInbound(): Promise<void>;
  /** Sends every due outbound message now (nothing when outbound mail is off); for tests. */
  drainOutbound(): Promise<void>;
  /** The SMTP receiver's port, when it runs. */
  smtpPort: number | null;
  close(): Promise<void>;
}

/** How often each worker looks for work another process queued (wake-ups only reach this process). */
const POLL_MS = 2_000;

/**
 * Starts the e-mail channel: the store of raw messages and attachments, the inbound processor, and (when
 * configured) the SMTP receiver, the IMAP poller and the outbound sender. Every way in calls `accept`, which
 * stores durably before anything is acknowledged; processing happens here, in the background.
 */
export async function startEmailChannel(deps: Deps, config: Config, log: FastifyBaseLogger): Promise<EmailChannel> {
  const blobs = new BlobStore(config.email.attachmentsDir);
  await blobs.init();
  if (deps.db.engine === 'embedded') {
    const freed = await releaseStaleLeases(deps.db);
    if (freed.inbound + freed.outbound > 0) log.info(freed, 'e-mail left in progress by a previous run is taken up again');
  }
  const wakers = { inbound: () => undefined as void, outbound: () => undefined as void, mailboxes: () => undefined as void };
  const mail: MailContext = {
    config: config.email,
    blobs,
    publicUrl: config.publicUrl,
    wakeInbound: () => wakers.inbound(),
    wakeOutbound: () => wakers.outbound(),
    mailboxesChanged: () => wakers.mailboxes(),
  };
  deps.mail = mail;
  // The same object, so use cases called with `deps` (replies, resolutions) queue mail too.
  const mailDeps: MailDeps = Object.assign(deps, { mail });
  const inbound = workLoop(async () => (await processPendingInbound(mailDeps, 20)).length > 0, POLL_MS, log, 'inbound e-mail processing');
  wakers.inbound = inbound.wake;
  const accept = (input: AcceptInput) => acceptInbound(mailDeps, input);
  let drainOutbound = async (): Promise<void> => undefined;
  let closeSender = async (): Promise<void> => undefined;
  let closeReceiver = async (): Promise<void> => undefined;
  if (config.email.smtpOutUrl) {
    const sender = startOutboundSender(mailDeps, { smtpUrl: config.email.smtpOutUrl, log });
    wakers.outbound = sender.wake;
    drainOutbound = sender.drain;
    closeSender = sender.close;
    sender.wake();
  }
  let smtpPort: number | null = null;
  if (config.email.smtpPort !== null) {
    const receiver = await startSmtpReceiver({
      host: config.email.smtpHost, port: config.email.smtpPort, supportAddresses: config.email.supportAddresses,
      maxMessageBytes: config.email.maxMessageBytes, accept, log,
    });
    smtpPort = receiver.port;
    closeReceiver = receiver.close;
  }
  // Mailboxes are configured in the administration; with none, the poller only looks for them now and then.
  const poller = startImapPoller(deps, {
    accept, pollSeconds: config.email.imapPollSeconds, secretKey: config.secretKey, dataDir: config.dataDir, log,
    maxMessageBytes: config.email.maxMessageBytes,
  });
  wakers.mailboxes = () => {
    poller.pollNow().catch((err: unknown) => log.warn({ err }, 'IMAP poll after a mailbox change failed; the next poll retries'));
  };
  // Anything left from before a restart (accepted, not yet filed) is filed now.
  inbound.wake();
  return {
    mail,
    accept,
    drainInbound: inbound.drain,
    drainOutbound: () => drainOutbound(),
    smtpPort,
    async close() {
      // Stop accepting first, then finish filing, then sending.
      await closeReceiver();
      await poller.close();
      await inbound.close();
      await closeSender();
    },
  };
}
