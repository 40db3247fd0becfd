import { ImapFlow } from 'imapflow';
import type { MailboxConnection, MailboxProbeResult } from '../../usecases/email/mailboxes.js';

/** A client for one mailbox: TLS as configured, no logging (imapflow's debug log would show protocol lines). */
export function newImapClient(c: MailboxConnection, opts: { connectionTimeoutMs?: number; autoIdleDelayMs?: number } = {}): ImapFlow {
  return new ImapFlow({
    host: c.host,
    port: c.port,
    secure: c.tls === 'implicit',
    // STARTTLS is required when asked for, never attempted for 'none'.
    doSTARTTLS: c.tls === 'starttls' ? true : c.tls === 'none' ? false : undefined,
    auth: { user: c.username, pass: c.password },
    logger: false,
    clientInfo: { name: 'Relais' },
    connectionTimeout: opts.connectionTimeoutMs ?? 30_000,
    greetingTimeout: 16_000,
    autoIdleDelay: opts.autoIdleDelayMs ?? 15_000,
    // IDLE is restarted every few minutes so a connection silently dropped by a middlebox is noticed.
    maxIdleTime: 5 * 60_000,
  });
}

interface ErrorFields {
  code?: string;
  authenticationFailed?: boolean;
  responseText?: string;
  reason?: string;
  message?: string;
}

/**
 * A short English explanation of a failed IMAP operation, for `last_error` and the connection test. Built from
 * the error's code and the server's answer; the password is masked should a server ever echo it.
 */
export function describeImapError(err: unknown, c: Pick<MailboxConnection, 'host' | 'port' | 'username' | 'password'>): string {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as ErrorFields;
  const where = `${c.host}:${c.port}`;
  const server = e.responseText?.trim();
  let text: string;
  if (e.authenticationFailed) {
    text = `Authentication failed for user "${c.username}"${server ? `: ${server}` : ''}`;
  } else if (e.code === 'ECONNREFUSED') {
    text = `Connection refused by ${where}`;
  } else if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') {
    text = `Unknown host ${c.host}`;
  } else if (e.code === 'ETIMEDOUT' || e.code === 'CONNECT_TIMEOUT' || e.code === 'GREETING_TIMEOUT' || e.code === 'ETIMEOUT') {
    text = `No answer from ${where} (timed out)`;
  } else if (e.code === 'EHOSTUNREACH' || e.code === 'ENETUNREACH') {
    text = `${where} is unreachable`;
  } else if (e.code && /^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_VERIFY)/.test(e.code)) {
    text = `TLS failure with ${where}: ${e.message ?? e.code}`;
  } else if (e.code === 'NoConnection' || e.code === 'ClosedAfterConnectText' || e.code === 'ClosedAfterConnectTLS' || e.code === 'EConnectionClosed') {
    text = `${where} closed the connection${e.reason ? `: ${e.reason}` : ''}`;
  } else {
    text = server ? `${e.message ?? 'Command failed'}: ${server}` : (e.message ?? 'Unknown IMAP error');
  }
  return c.password.length >= 3 ? text.split(c.password).join('***') : text;
}

/** Closes a client that may be half-open; never throws. (A failed login otherwise leaves the socket open.) */
export async function closeQuietly(client: ImapFlow, graceful: boolean): Promise<void> {
  try {
    if (graceful && client.usable) {
      await Promise.race([client.logout(), new Promise((r) => setTimeout(r, 5_000).unref())]);
    }
  } catch {
    /* closing anyway */
  }
  try {
    client.close();
  } catch {
    /* already closed */
  }
}

/**
 * Connects, signs in, opens the folder (read-only) and, in move mode, checks the destination folder: what an
 * administrator needs to know before saving. Nothing is changed on the server.
 */
export async function probeMailbox(c: MailboxConnection, timeoutMs = 15_000): Promise<MailboxProbeResult> {
  const client = newImapClient(c, { connectionTimeoutMs: timeoutMs });
  client.on('error', () => undefined); // reported through the failing command
  let idle: boolean | null = null;
  try {
    await client.connect();
    idle = client.capabilities.has('IDLE');
    let messages: number;
    try {
      messages = (await client.mailboxOpen(c.folder, { readOnly: true })).exists;
    } catch (err) {
      return { ok: false, error: `Cannot open the folder "${c.folder}": ${describeImapError(err, c)}`, idle, messages: null };
    }
    if (c.afterImport === 'move' && c.moveTo) {
      const status = await client.status(c.moveTo, { messages: true }).catch(() => false as const);
      if (status === false) return { ok: false, error: `The folder "${c.moveTo}" (move_to) does not exist`, idle, messages };
    }
    return { ok: true, error: null, idle, messages };
  } catch (err) {
    return { ok: false, error: describeImapError(err, c), idle, messages: null };
  } finally {
    await closeQuietly(client, true);
  }
}
