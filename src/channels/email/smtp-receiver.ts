import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { DomainError } from '../../domain/errors.js';
import type { AcceptInput, AcceptResult } from './accept-types.js';

export interface SmtpReceiverOptions {
  host: string;
  /** 0 picks a free port; the one actually bound is returned. */
  port: number;
  /** The only recipients accepted (compared case-insensitively). */
  supportAddresses: string[];
  /** Announced as SIZE; larger messages are refused with 552 5.3.4. */
  maxMessageBytes: number;
  /** Stores the message durably; the client hears 250 only once this resolved. */
  accept: (input: AcceptInput) => Promise<AcceptResult>;
  log: FastifyBaseLogger;
  /** Simultaneous SMTP sessions (default 50); more are turned away with 421 and retried by their sender. */
  maxClients?: number;
}

export interface SmtpReceiver {
  port: number;
  close(): Promise<void>;
}

/** How long close() lets sessions in flight finish (an accept being stored) before cutting them with 421. */
const CLOSE_GRACE_MS = 5_000;

/** An error the SMTP server turns into a reply: `code` plus our text (the enhanced code is added by the server). */
function reply(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * The built-in SMTP receiver: a mail relay (the MX, or a forwarding rule) delivers to it by plain SMTP.
 *
 * - No AUTH: it only takes mail for the support addresses, like any MX, so there is nothing to log in to.
 * - No STARTTLS: Relais holds no certificate here, and advertising STARTTLS with smtp-server's built-in test
 *   certificate would only pretend to protect the session. Put it behind the relay or a TLS-terminating proxy
 *   when it faces the Internet.
 * - "250" means "stored": the reply waits for `accept` (file fsynced, row committed). A failure to store is a
 *   451 so the sending relay keeps the message and retries; a repeat is then recognised as a duplicate.
 * - The message is held in memory up to `maxMessageBytes` (the SIZE we announce); past that it is read and
 *   discarded, then refused with 552. Its content is never logged.
 */
export async function startSmtpReceiver(opts: SmtpReceiverOptions): Promise<SmtpReceiver> {
  const { log, maxMessageBytes } = opts;
  const allowed = new Set(opts.supportAddresses.map((a) => a.toLowerCase()));

  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    hideSTARTTLS: true,
    // Enhanced status codes (RFC 2034) so clients get 5.1.1 / 5.3.4 / 4.3.0 with each reply.
    hideENHANCEDSTATUSCODES: false,
    // Announced as SIZE: smtp-server refuses a larger MAIL FROM SIZE= itself (552 5.3.4), and with rejectOversized
    // answers 552 5.3.4 to data that turns out larger, whatever onData says.
    size: maxMessageBytes,
    rejectOversized: true,
    maxClients: opts.maxClients ?? 50,
    closeTimeout: CLOSE_GRACE_MS,
    // Its own logger would print envelopes and protocol lines to stdout; we log what matters through pino.
    logger: false,
    banner: 'Relais',
    onRcptTo(address, _session, callback) {
      if (allowed.has(address.address.toLowerCase())) return callback();
      callback(reply(550, `Mailbox unavailable: this server only accepts mail for its support addresses, not <${address.address}>`));
    },
    onData(stream, session, callback) {
      void receive(stream, session).then(
        (message) => callback(null, message),
        (err: Error) => callback(err),
      );
    },
  });

  const receive = async (stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (tooLarge) continue; // drain the rest so the client reads our 552 after its final dot
      if (size > maxMessageBytes || stream.sizeExceeded) {
        tooLarge = true;
        chunks.length = 0;
        continue;
      }
      chunks.push(chunk);
    }
    const remote = session.remoteAddress;
    if (tooLarge || stream.sizeExceeded) {
      log.info({ remote, size, limit: maxMessageBytes }, 'SMTP message refused: too large');
      // rejectOversized makes the server answer 552 5.3.4 itself; this error only documents the case.
      throw reply(552, `Message too large: the limit is ${maxMessageBytes} bytes`);
    }
    const raw = Buffer.concat(chunks, size);
    const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
    const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
    let result: AcceptResult;
    try {
      result = await opts.accept({ raw, source: 'smtp', sourceDetail: remote, envelopeFrom, envelopeTo });
    } catch (err) {
      if (err instanceof DomainError && err.code === 'EMAIL_EMPTY') {
        log.info({ remote, size }, 'SMTP message refused: empty');
        throw reply(554, 'The message is empty');
      }
      if (err instanceof DomainError && err.code === 'EMAIL_TOO_LARGE') {
        log.info({ remote, size }, 'SMTP message refused: too large');
        throw reply(552, err.message);
      }
      log.error({ err, remote, size }, 'SMTP message could not be stored; the client was told to retry (451)');
      throw reply(451, 'Temporary failure storing the message; please try again later');
    }
    log.info({ remote, size, inbound: result.id, duplicate: result.duplicate }, 'SMTP message accepted');
    return result.duplicate ? `Accepted <${result.id}> (duplicate: already received)` : `Accepted <${result.id}>`;
  };

  server.on('error', (err) => log.warn({ err }, 'SMTP receiver connection error'));

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.server.once('error', onError);
    server.listen(opts.port, opts.host, () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  log.info({ host: opts.host, port }, 'SMTP receiver listening');

  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
