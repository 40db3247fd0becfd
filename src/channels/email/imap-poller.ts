import type { FastifyBaseLogger } from 'fastify';
import type { ImapFlow } from 'imapflow';
import { DomainError } from '../../domain/errors.js';
import { resolveSecretKey } from '../../security/credentials.js';
import { listEnabledMailboxes, saveMailboxError, saveMailboxProgress, type MailboxRow } from '../../store/mailboxes.js';
import type { Deps } from '../../usecases/deps.js';
import { connectionOf, type MailboxConnection } from '../../usecases/email/mailboxes.js';
import type { AcceptInput, AcceptResult } from './accept-types.js';
import { closeQuietly, describeImapError, newImapClient } from './imap-connection.js';

/**
 * IMAP polling. One connection per enabled mailbox, kept open: the folder stays selected and idles (IDLE) where
 * the server supports it, so new mail is seen at once; a pass also runs every `pollSeconds`.
 *
 * A pass imports, in UID order, the messages above `last_uid` (on the first pass of a folder: its unread
 * messages only, not years of read mail). Each message is stored by `accept` first; only when that resolves is
 * it flagged (\Seen + $RelaisImported) or moved, and `last_uid` saved. A process that dies in between finds the
 * message again, `accept` recognises it (same Message-ID) and the flag is set then: nothing is imported twice.
 * One mailbox failing (a wrong password, its server down) is recorded in its `last_error` and retried with
 * backoff; the others go on.
 */

/** Set on messages Relais has stored (flag mode). */
export const IMPORTED_KEYWORD = '$RelaisImported';
/** Set on messages above the size limit: left where they are, unread, for a person to deal with. */
export const TOO_LARGE_KEYWORD = '$RelaisTooLarge';
/** Set on messages the ingestion refused (empty, unreadable). */
export const REJECTED_KEYWORD = '$RelaisRejected';
const SKIP_KEYWORDS = [IMPORTED_KEYWORD, TOO_LARGE_KEYWORD, REJECTED_KEYWORD];

const DEFAULT_MAX_BYTES = 25 * 1024 * 1024;
const FETCH_CHUNK = 200;
const BACKOFF_MIN_MS = 2_000;
const BACKOFF_MAX_MS = 10 * 60_000;

export interface ImapPollerOptions {
  accept: (input: AcceptInput) => Promise<AcceptResult>;
  pollSeconds: number;
  secretKey: string | null;
  dataDir: string;
  log: FastifyBaseLogger;
  /** Larger messages are not downloaded (default: the e-mail channel's limit, else 25 MiB). */
  maxMessageBytes?: number;
  /** Quiet time after a command before IDLE starts (ms). */
  idleDelayMs?: number;
}

export interface MailboxPollReport {
  mailboxId: string;
  name: string;
  /** Newly stored messages. */
  imported: number;
  /** Messages `accept` already had (flagged or moved now). */
  duplicates: number;
  /** Messages left in place (too large, refused). */
  skipped: number;
  /** Why the pass failed; null when it went through. */
  error: string | null;
}

export interface PollReport {
  mailboxes: MailboxPollReport[];
}

export interface ImapPoller {
  /** Re-reads the mailboxes and runs a pass on each now (reconnecting at once where needed). */
  pollNow(): Promise<PollReport>;
  close(): Promise<void>;
}

/** `accept` failed for a transient reason (e.g. the database): the message stays, the pass stops, retried later. */
class AcceptFailed extends Error {}
/** The row changed or disappeared while a pass ran: stop; the next refresh restarts the mailbox. */
class RowChanged extends Error {}

interface Context {
  deps: Deps;
  opts: ImapPollerOptions;
  /** Resolved when a mailbox is first opened: a server without mailboxes never creates a key file. */
  key(): Buffer;
  maxBytes: number;
  /** Re-reads the mailboxes (a worker found its row changed). */
  refresh(): void;
}

export function startImapPoller(deps: Deps, opts: ImapPollerOptions): ImapPoller {
  const ctx: Context = {
    deps,
    opts,
    key: () => resolveSecretKey({ secretKey: opts.secretKey, dataDir: opts.dataDir }),
    maxBytes: opts.maxMessageBytes ?? deps.mail?.config.maxMessageBytes ?? DEFAULT_MAX_BYTES,
    refresh: () => void refresh(),
  };
  const workers = new Map<string, MailboxWorker>();
  let closed = false;
  let refreshing: Promise<void> = Promise.resolve();

  /** Starts workers for new mailboxes, restarts changed ones (updated_at moved), stops removed or disabled ones. */
  const refresh = (): Promise<void> => {
    refreshing = refreshing.then(async () => {
      if (closed) return;
      try {
        const rows = await listEnabledMailboxes(deps.db);
        const byId = new Map(rows.map((r) => [r.id, r]));
        for (const [id, w] of workers) {
          const row = byId.get(id);
          if (!row || row.updated_at.getTime() !== w.row.updated_at.getTime()) {
            workers.delete(id);
            await w.stop();
          }
        }
        for (const row of rows) {
          if (!workers.has(row.id) && !closed) workers.set(row.id, new MailboxWorker(ctx, row));
        }
      } catch (err) {
        opts.log.error({ err }, 'IMAP poller: cannot read the mailboxes; retrying on the next pass');
      }
    });
    return refreshing;
  };

  const tick = async () => {
    await refresh();
    for (const w of workers.values()) void w.schedule(false);
  };
  const timer = setInterval(() => void tick(), Math.max(1, opts.pollSeconds) * 1000);
  timer.unref();
  void tick();

  return {
    async pollNow() {
      await refresh();
      const reports = await Promise.all([...workers.values()].map((w) => w.pollNow()));
      return { mailboxes: reports };
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await refreshing;
      await Promise.all([...workers.values()].map((w) => w.stop()));
      workers.clear();
    },
  };
}

class MailboxWorker {
  private client: ImapFlow | null = null;
  /** The client being connected, before it becomes `client`. */
  private opening: ImapFlow | null = null;
  private conn: MailboxConnection | null = null;
  private stopped = false;
  private failures = 0;
  private retryAt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private uidValidity: number | null;
  private lastUid: number;
  /** What `last_error` holds: a failure (cleared by the next good pass) or a note about a skipped message. */
  private errorKind: 'none' | 'failure' | 'note';
  private lastFailure: string | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private pending: Promise<MailboxPollReport> | null = null;
  private pendingForce = false;
  /** The pass under way, if any. */
  private running: Promise<MailboxPollReport> | null = null;

  constructor(private readonly ctx: Context, readonly row: MailboxRow) {
    this.uidValidity = row.uid_validity === null ? null : Number(row.uid_validity);
    this.lastUid = Number(row.last_uid);
    this.errorKind = row.last_error ? 'failure' : 'none';
  }

  private get log() {
    return this.ctx.opts.log;
  }

  /**
   * Queues a pass after the running one; calls made while one is queued share it. `force` connects now even
   * while waiting out a reconnection backoff.
   */
  schedule(force: boolean): Promise<MailboxPollReport> {
    if (this.pending) {
      this.pendingForce ||= force;
      return this.pending;
    }
    this.pendingForce = force;
    const p = this.tail.then(() => {
      this.pending = null;
      const run = this.pass(this.pendingForce).catch((err: unknown) => {
        this.log.error({ err, mailbox: this.row.name }, 'IMAP poller: unexpected failure');
        return { ...this.report(), error: 'Unexpected failure; see the server log' };
      });
      this.running = run;
      return run.finally(() => {
        if (this.running === run) this.running = null;
      });
    });
    this.pending = p;
    this.tail = p.catch(() => undefined);
    return p;
  }

  /**
   * A pass now, connecting at once if needed. What a pass already under way imports counts too: the report
   * covers everything done from the call until it returns.
   */
  async pollNow(): Promise<MailboxPollReport> {
    const inflight = this.running;
    const [before, after] = await Promise.all([inflight, this.schedule(true)]);
    if (!before) return after;
    return {
      ...after,
      imported: before.imported + after.imported,
      duplicates: before.duplicates + after.duplicates,
      skipped: before.skipped + after.skipped,
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    // A pass stuck on an unresponsive server is cut short rather than waited for.
    const settled = await Promise.race([this.tail.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 2_000).unref())]);
    if (!settled) {
      this.opening?.close();
      this.client?.close();
    }
    await this.tail;
    const client = this.client;
    this.client = null;
    if (client) await closeQuietly(client, true);
  }

  private report(): MailboxPollReport {
    return { mailboxId: this.row.id, name: this.row.name, imported: 0, duplicates: 0, skipped: 0, error: null };
  }

  private async pass(force: boolean): Promise<MailboxPollReport> {
    const report = this.report();
    if (this.stopped) return report;
    if (!this.client?.usable && !force && Date.now() < this.retryAt) {
      report.error = this.lastFailure;
      return report;
    }
    try {
      const client = await this.connected();
      const note = await this.importNew(client, report);
      // A note about a skipped message stays visible until something else happens on the mailbox.
      let lastError: string | null | undefined;
      if (note) {
        lastError = note;
        this.errorKind = 'note';
      } else if (this.errorKind === 'failure' || (this.errorKind === 'note' && report.imported + report.duplicates > 0)) {
        lastError = null;
        this.errorKind = 'none';
      }
      await this.saveProgress(lastError);
      this.failures = 0;
      this.lastFailure = null;
      return report;
    } catch (err) {
      if (this.stopped) return report;
      if (err instanceof RowChanged) {
        this.ctx.refresh();
        return report;
      }
      report.error = err instanceof AcceptFailed ? err.message : this.describe(err);
      this.log.warn({ mailbox: this.row.name, error: report.error }, 'IMAP poll failed');
      this.lastFailure = report.error;
      this.errorKind = 'failure';
      // After an IMAP failure the connection's state is unknown: start afresh. (A storage failure keeps it.)
      if (!(err instanceof AcceptFailed)) this.dropConnection();
      this.retryLater();
      await saveMailboxError(this.ctx.deps.db, this.row.id, this.row.updated_at, report.error, this.ctx.deps.clock.now()).catch(
        (e: unknown) => this.log.error({ err: e }, 'IMAP poller: cannot record the error'),
      );
      return report;
    }
  }

  private describe(err: unknown): string {
    const c = this.conn ?? { host: this.row.host, port: this.row.port, username: this.row.username, password: '' };
    return describeImapError(err, c);
  }

  /** The open connection with the folder selected, opening it when needed. */
  private async connected(): Promise<ImapFlow> {
    if (this.client?.usable && this.client.mailbox) {
      // The server shows a session new messages only when it syncs it (any command does): without this, mail
      // appended a moment ago could be missing from this pass's search.
      await this.client.noop();
      return this.client;
    }
    this.dropConnection();
    // A wrong secret key throws here with a message that says so; retried like a connection failure.
    const conn = (this.conn ??= connectionOf(this.row, this.ctx.key()));
    const client = newImapClient(conn, { autoIdleDelayMs: this.ctx.opts.idleDelayMs ?? 2_000 });
    client.on('error', (err: unknown) => {
      this.log.warn({ mailbox: this.row.name, error: describeImapError(err, conn) }, 'IMAP connection error');
    });
    client.on('close', () => {
      if (this.client !== client || this.stopped) return;
      this.client = null;
      this.log.info({ mailbox: this.row.name }, 'IMAP connection closed; reconnecting');
      this.retryLater();
    });
    // New mail announced while idling (or in any command's answer): fetch it now.
    client.on('exists', (e) => {
      if (e.count > e.prevCount && !this.stopped) void this.schedule(false);
    });
    this.opening = client;
    try {
      await client.connect();
      await client.mailboxOpen(conn.folder);
    } catch (err) {
      await closeQuietly(client, true);
      throw err;
    } finally {
      this.opening = null;
    }
    this.client = client;
    this.log.debug({ mailbox: this.row.name, idle: client.capabilities.has('IDLE') }, 'IMAP mailbox connected');
    return client;
  }

  private dropConnection() {
    const client = this.client;
    this.client = null;
    if (client) void closeQuietly(client, false);
  }

  /** Next attempt after a failure: 2 s, 4 s, 8 s … up to 10 min (a forced pass does not wait). */
  private retryLater() {
    if (this.stopped) return;
    this.failures += 1;
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** (this.failures - 1));
    this.retryAt = Date.now() + delay;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.schedule(true), delay);
    this.retryTimer.unref();
  }

  /** Imports what is new in the selected folder; returns a note when messages had to be left in place. */
  private async importNew(client: ImapFlow, report: MailboxPollReport): Promise<string | null> {
    const box = client.mailbox;
    if (!box) throw new Error('The folder is not open');
    const validity = Number(box.uidValidity);
    let firstPass = this.uidValidity === null;
    if (this.uidValidity !== null && this.uidValidity !== validity) {
      // The server renumbered the folder: start over (stored messages are recognised by their Message-ID).
      this.log.warn({ mailbox: this.row.name, was: this.uidValidity, now: validity }, 'IMAP UIDVALIDITY changed; rescanning the folder');
      firstPass = true;
      this.lastUid = 0;
      this.uidValidity = null;
    }
    // Everything below uidNext was there when the folder was opened; on a first pass, the read ones are history.
    const ceiling = box.uidNext - 1;
    const found = await client.search(
      { uid: `${this.lastUid + 1}:*`, deleted: false, ...(firstPass ? { seen: false } : {}) },
      { uid: true },
    );
    // `n:*` also matches the highest UID when it is below n: filter.
    const uids = (found || []).filter((u) => u > this.lastUid).sort((a, b) => a - b);
    const notes: string[] = [];
    for (let i = 0; i < uids.length; i += FETCH_CHUNK) {
      const chunk = uids.slice(i, i + FETCH_CHUNK);
      const metas = await client.fetchAll(chunk.join(','), { uid: true, flags: true, size: true }, { uid: true });
      metas.sort((a, b) => a.uid - b.uid);
      for (const meta of metas) {
        if (this.stopped) return null;
        const note = await this.importOne(client, meta.uid, meta.flags ?? new Set(), meta.size ?? 0, report);
        if (note) notes.push(note);
        this.lastUid = Math.max(this.lastUid, meta.uid);
        await this.saveProgress(undefined, firstPass);
      }
    }
    if (firstPass) {
      this.lastUid = Math.max(this.lastUid, ceiling);
      this.uidValidity = validity;
    }
    return notes.length > 0 ? notes.join(' ') : null;
  }

  private async importOne(client: ImapFlow, uid: number, flags: Set<string>, size: number, report: MailboxPollReport): Promise<string | null> {
    if (SKIP_KEYWORDS.some((k) => flags.has(k))) return null;
    const folder = this.conn!.folder;
    if (size > this.ctx.maxBytes) {
      await client.messageFlagsAdd(String(uid), [TOO_LARGE_KEYWORD], { uid: true });
      report.skipped += 1;
      const note = `Message UID ${uid} (${size} bytes) is larger than the limit of ${this.ctx.maxBytes} bytes: left in "${folder}", flagged ${TOO_LARGE_KEYWORD}.`;
      this.log.warn({ mailbox: this.row.name, uid, size }, 'IMAP message too large; skipped');
      return note;
    }
    const msg = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
    if (!msg || !msg.source) return null; // expunged meanwhile
    let result: AcceptResult;
    try {
      result = await this.ctx.opts.accept({ raw: msg.source, source: 'imap', sourceDetail: this.row.name });
    } catch (err) {
      if (err instanceof DomainError && (err.code === 'EMAIL_EMPTY' || err.code === 'EMAIL_TOO_LARGE')) {
        const keyword = err.code === 'EMAIL_EMPTY' ? REJECTED_KEYWORD : TOO_LARGE_KEYWORD;
        await client.messageFlagsAdd(String(uid), [keyword], { uid: true });
        report.skipped += 1;
        return `Message UID ${uid} was refused (${err.message}): left in "${folder}", flagged ${keyword}.`;
      }
      this.log.error({ mailbox: this.row.name, uid, err }, 'IMAP message could not be stored; it stays on the server');
      throw new AcceptFailed(`Message UID ${uid} could not be stored (${(err as Error).message}); it will be retried.`);
    }
    // Only now is the message safe here: mark it done on the server.
    await this.markDone(client, uid);
    if (result.duplicate) report.duplicates += 1;
    else report.imported += 1;
    return null;
  }

  private async markDone(client: ImapFlow, uid: number): Promise<void> {
    const conn = this.conn!;
    if (conn.afterImport === 'move' && conn.moveTo) {
      await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      const moved = await client.messageMove(String(uid), conn.moveTo, { uid: true });
      if (!moved) throw new Error(`Could not move message UID ${uid} to "${conn.moveTo}" (does the folder exist?)`);
    } else {
      const ok = await client.messageFlagsAdd(String(uid), ['\\Seen', IMPORTED_KEYWORD], { uid: true });
      if (!ok) throw new Error(`Could not flag message UID ${uid}`);
    }
  }

  /**
   * Saves where the pass is. During a first pass UIDVALIDITY stays unsaved, so a restart in the middle runs a
   * first pass again (unread messages only) rather than importing the folder's read history.
   */
  private async saveProgress(lastError: string | null | undefined, firstPass = false): Promise<void> {
    const ok = await saveMailboxProgress(this.ctx.deps.db, this.row.id, this.row.updated_at, {
      uidValidity: firstPass ? null : this.uidValidity,
      lastUid: this.lastUid,
      polledAt: this.ctx.deps.clock.now(),
      lastError,
    });
    if (!ok) throw new RowChanged();
  }
}
