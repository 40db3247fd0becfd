import type { EmailConfig } from '../../config/config.js';
import type { BlobStore } from '../../files/blob-store.js';

/**
 * What the e-mail use cases need beyond the database: the e-mail settings, the content-addressed file store
 * (raw messages and attachments), and hooks that wake the background workers when work was just queued
 * (each worker also polls, so a missed wake-up only delays).
 */
export interface MailContext {
  config: EmailConfig;
  blobs: BlobStore;
  /** RELAIS_PUBLIC_URL: links to the portal in outbound mail. */
  publicUrl: string | null;
  /** An inbound message was stored: process it soon. */
  wakeInbound(): void;
  /** Outbound mail was queued: send it soon. */
  wakeOutbound(): void;
  /** An administrator added, changed or removed an IMAP mailbox: the poller takes it up now. */
  mailboxesChanged(): void;
}

/** The domain of our Message-IDs: the first support address's, or a fixed one when none is configured. */
export function messageIdDomain(config: EmailConfig): string {
  const first = config.supportAddresses[0];
  return first ? first.slice(first.lastIndexOf('@') + 1) : 'relais.invalid';
}
