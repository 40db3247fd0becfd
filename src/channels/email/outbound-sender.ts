import type { FastifyBaseLogger } from 'fastify';
import { createTransport } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { Deps } from '../../usecases/deps.js';
import type { MailContext } from '../../usecases/email/context.js';
import {
  claimOutbound, DEFAULT_MAX_ATTEMPTS, loadOutboundAttachments, recordOutboundFailure, recordOutboundSent,
  type ClaimedOutbound,
} from '../../usecases/email/send-outbound.js';
import { workLoop } from '../../jobs/work-loop.js';

export interface OutboundSenderOptions {
  /** e.g. smtp://user:pass@relay.example:587 (credentials never reach the logs). */
  smtpUrl: string;
  log: FastifyBaseLogger;
  /** How often to look for due mail besides wake-ups (other processes queue too). Default 2 s. */
  pollMs?: number;
  /** Attempts before a mail is marked failed. Default 8 (about 2 h of backoff). */
  maxAttempts?: number;
  /** Rows claimed per pass. Default 10. */
  batch?: number;
  /**
   * How long a claim holds its rows. A sender that dies mid-send leaves its rows to be retried once this expires;
   * it must exceed the time a batch can take (the socket timeouts below bound each message). Default 10 min.
   */
  leaseMs?: number;
}

export interface OutboundSender {
  /** Mail was queued: send it soon. */
  wake(): void;
  /** Stops polling and waits for the batch in flight. */
  close(): Promise<void>;
  /** Sends everything due now and resolves when done (for tests). */
  drain(): Promise<void>;
}

/** SMTP errors that refuse this message for good; anything else (connection, 4xx, login) is worth a retry. */
interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

function describeFailure(err: unknown): { error: string; permanent: boolean } {
  const e: SmtpError = err instanceof Error ? err : new Error(String(err));
  // A 5xx on the envelope or the data is the server refusing this message; a 5xx on the login or the greeting is
  // our configuration, which an operator can fix, so those are retried like a connection failure.
  const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && (e.code === 'EENVELOPE' || e.code === 'EMESSAGE');
  const error = (e.response ?? e.message).replace(/\s+/g, ' ').trim().slice(0, 1000) || 'Unknown error';
  return { error, permanent };
}

const angle = (id: string): string => (id.startsWith('<') ? id : `<${id}>`);

/** The nodemailer message of one queued row: everything was rendered when it was queued. */
async function composeMessage(deps: Deps & { mail: MailContext }, row: ClaimedOutbound): Promise<Mail.Options> {
  const attachments = await loadOutboundAttachments(deps, row);
  const headers: Record<string, string> = {
    // Asks Exchange/Outlook not to answer with out-of-office or read receipts, which would land on the ticket.
    'X-Auto-Response-Suppress': 'All',
    'X-Relais-Ticket': String(row.ticket_number),
  };
  // Notifications are automatic: RFC 3834 tells autoresponders not to answer them. Agents' replies are not.
  if (row.kind !== 'reply') headers['Auto-Submitted'] = 'auto-replied';
  return {
    from: row.from_address,
    to: row.to_addresses,
    cc: row.cc_addresses.length > 0 ? row.cc_addresses : undefined,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body || undefined,
    messageId: angle(row.message_id),
    inReplyTo: row.in_reply_to ? angle(row.in_reply_to) : undefined,
    references: row.references.length > 0 ? row.references.map(angle) : undefined,
    headers,
    attachments: attachments.map((a) => ({
      filename: a.filename ?? undefined,
      content: a.content,
      contentType: a.contentType,
      cid: a.contentId ?? undefined,
      contentDisposition: a.inline ? 'inline' : 'attachment',
    })),
  };
}

/**
 * Sends the durable outbound queue (outbound_messages) through the configured SMTP relay. Each pass claims due
 * rows under a lease (several senders, in one process or many, never take the same row), sends them, and records
 * the outcome: sent, a retry with backoff, or failed with an entry on the ticket's timeline. A process killed
 * mid-send leaves its rows leased; they are sent again once the lease expires, under the same Message-ID.
 */
export function startOutboundSender(deps: Deps & { mail: MailContext }, opts: OutboundSenderOptions): OutboundSender {
  const { log } = opts;
  const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const batch = opts.batch ?? 10;
  const leaseMs = opts.leaseMs ?? 10 * 60_000;
  const transport = createTransport({
    url: opts.smtpUrl,
    pool: true,
    maxConnections: 3,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 120_000,
    // Every attachment is a Buffer we loaded; never let message content make nodemailer read files or URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
  });

  const sendOne = async (row: ClaimedOutbound): Promise<void> => {
    const ctx = { outbound: row.id, ticket: row.ticket_id, attempt: row.attempts };
    let info: { response?: string; rejected?: unknown[] };
    try {
      info = await transport.sendMail(await composeMessage(deps, row));
    } catch (err) {
      const failure = describeFailure(err);
      const outcome = await recordOutboundFailure(deps, row, { ...failure, maxAttempts });
      const level = outcome === 'failed' ? 'error' : 'warn';
      log[level]({ ...ctx, error: failure.error, permanent: failure.permanent, outcome }, 'Outbound e-mail not sent');
      return;
    }
    const rejected = (info.rejected ?? []).map(String);
    const note = rejected.length > 0 ? `Recipients refused by the server: ${rejected.join(', ')}` : null;
    await recordOutboundSent(deps, row, info.response ?? '', note);
    log.info({ ...ctx, response: info.response, refused: rejected.length }, 'Outbound e-mail sent');
  };

  /** One pass: returns whether it claimed anything (then there may be more). */
  const pass = async (): Promise<boolean> => {
    const rows = await claimOutbound(deps, { leaseMs, limit: batch });
    await Promise.all(rows.map((row) => sendOne(row).catch((err: unknown) => {
      // The outcome could not be recorded (database down): the lease expires and the row is tried again.
      log.error({ err, outbound: row.id }, 'Outbound e-mail outcome not recorded; it will be retried');
    })));
    return rows.length > 0;
  };

  const loop = workLoop(pass, opts.pollMs ?? 2_000, log, 'Outbound e-mail pass');

  return {
    wake: loop.wake,
    drain: loop.drain,
    async close() {
      await loop.close();
      transport.close();
    },
  };
}
