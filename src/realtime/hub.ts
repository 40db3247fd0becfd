import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { canSeeTicket } from '../domain/permissions.js';
import type { Sql } from '../store/db.js';
import { findTicketVisibility, type TicketVisibility } from '../store/tickets.js';
import { Connection, RateLimit, type ConnectionAuth } from './connection.js';
import { handleClientMessage } from './messages.js';
import { announcementPayloads, readAnnouncement, type PresenceBus } from './presence-bus.js';
import { PresenceBook } from './presence.js';
import { CLOSE_SESSION_ENDED } from './protocol.js';

export interface HubOptions {
  /** Ping period; a socket that has not answered the previous ping is closed. */
  heartbeatMs: number;
  /** How often a socket's credentials are checked again (sign-out elsewhere, disabled account, team change). */
  reauthMs: number;
  /** Presence re-announced to other processes this often… */
  announceMs: number;
  /** …and forgotten when not re-announced for this long. */
  expireMs: number;
  /** Ticket changes arriving within this window are checked with one query. */
  batchMs: number;
  maxWatches: number;
  /** Messages per socket: burst, then per second. */
  rateBurst: number;
  ratePerSecond: number;
}

export const DEFAULT_HUB_OPTIONS: HubOptions = {
  heartbeatMs: 30_000, reauthMs: 5 * 60_000, announceMs: 20_000, expireMs: 60_000, batchMs: 15,
  maxWatches: 20, rateBurst: 30, ratePerSecond: 5,
};

interface Log {
  warn(obj: object, msg: string): void;
}

/**
 * The live connections of this process. Told which tickets changed (after commit: by the use cases on the
 * embedded engine, by PostgreSQL notifications otherwise), it sends `ticket.changed` to the sockets whose
 * principal may see each ticket, with the same rule as the API (domain canSeeTicket); messages carry ids only.
 * It also keeps who watches and types on which ticket, and shares that with other processes through `bus`.
 */
export class Hub {
  readonly pid = randomUUID();
  readonly options: HubOptions;
  readonly presence = new PresenceBook();
  readonly connections = new Map<string, Connection>();
  private readonly pending = new Set<string>();
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly timers: NodeJS.Timeout[];
  bus: PresenceBus | null = null;

  constructor(readonly db: Sql, readonly log: Log, options: Partial<HubOptions> = {}) {
    this.options = { ...DEFAULT_HUB_OPTIONS, ...options };
    this.timers = [
      setInterval(() => void this.heartbeat(), this.options.heartbeatMs),
      setInterval(() => this.refreshPresence(), this.options.announceMs),
    ];
    for (const t of this.timers) t.unref();
  }

  /** Takes over an upgraded socket whose principal was authenticated before the upgrade. */
  attach(socket: WebSocket, auth: ConnectionAuth): Connection {
    const now = Date.now();
    const conn = new Connection(randomUUID(), socket, auth, new RateLimit(this.options.rateBurst, this.options.ratePerSecond, now), now);
    this.connections.set(conn.id, conn);
    socket.on('pong', () => (conn.alive = true));
    socket.on('message', (data, isBinary) => {
      conn.alive = true;
      if (!conn.limit.take(Date.now())) {
        if (++conn.refused === 1) conn.error('RATE_LIMITED', 'Too many messages; slow down.');
        if (conn.refused > 50) socket.close(1008, 'rate limit');
        return;
      }
      conn.refused = 0;
      const text = isBinary ? null : String(data);
      conn.queue = conn.queue
        .then(() => handleClientMessage(this, conn, text))
        .catch((err: unknown) => this.log.warn({ err }, 'realtime message failed'));
    });
    socket.on('close', () => this.detach(conn));
    conn.send({ type: 'hello', principal: { kind: auth.principal.kind, id: auth.principal.id, name: auth.name } });
    return conn;
  }

  /** Tickets whose changes committed: checked in batches, then announced to whoever may see them. */
  ticketsChanged(ids: readonly string[]): void {
    for (const id of ids) this.pending.add(id);
    this.flushTimer ??= setTimeout(() => void this.flush(), this.options.batchMs);
  }

  /** Closes the sockets of a session that signed out. */
  disconnectSession(sessionId: string): void {
    for (const c of this.connections.values()) if (c.sessionId === sessionId) c.socket.close(CLOSE_SESSION_ENDED, 'signed out');
  }

  /** Loads the visibility fields of tickets (one query), e.g. to authorize a watch. */
  visibility(ids: readonly string[]): Promise<TicketVisibility[]> {
    return findTicketVisibility(this.db, ids);
  }

  /** Sends the ticket's viewers to the local sockets watching it and, when `announce`, to the other processes. */
  presenceChanged(ticketId: string, announce: boolean): void {
    const viewers = this.presence.viewers(ticketId);
    for (const c of this.connections.values()) {
      if (c.watching.has(ticketId)) c.send({ type: 'presence', ticket_id: ticketId, viewers });
    }
    if (announce) this.announce([ticketId]);
  }

  /** Another process's announcement (see presence-bus.ts). */
  remotePresence(payload: string): void {
    const msg = readAnnouncement(payload);
    if (!msg || msg.pid === this.pid) return;
    const now = Date.now();
    for (const t of msg.tickets) if (this.presence.setRemote(msg.pid, t.id, t.viewers, now)) this.presenceChanged(t.id, false);
  }

  /** Stops watching: presence updates, for this process and the others. */
  unwatch(conn: Connection, ticketId: string): void {
    if (!conn.watching.delete(ticketId)) return;
    if (this.presence.setLocal(ticketId, conn.id, null)) this.presenceChanged(ticketId, true);
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    const tickets = this.presence.localTickets();
    for (const c of this.connections.values()) {
      c.closed = true;
      c.socket.terminate();
    }
    this.connections.clear();
    // Tell the other processes this one's viewers are gone now, rather than in a minute.
    if (this.bus) for (const p of announcementPayloads(this.pid, tickets.map((id) => ({ id, viewers: [] })))) this.bus.publish(p);
  }

  private detach(conn: Connection): void {
    conn.closed = true;
    this.connections.delete(conn.id);
    for (const ticketId of [...conn.watching.keys()]) this.unwatch(conn, ticketId);
  }

  private announce(ticketIds: readonly string[]): void {
    if (!this.bus) return;
    const entries = ticketIds.map((id) => ({ id, viewers: this.presence.localViewers(id) }));
    for (const p of announcementPayloads(this.pid, entries)) this.bus.publish(p);
  }

  /** Tells the other processes everything this one holds (periodically, and after reconnecting to them). */
  reannounce(): void {
    this.announce(this.presence.localTickets());
  }

  private refreshPresence(): void {
    this.reannounce();
    for (const id of this.presence.expire(Date.now(), this.options.expireMs)) this.presenceChanged(id, false);
  }

  private async flush(): Promise<void> {
    this.flushTimer = null;
    const ids = [...this.pending];
    this.pending.clear();
    if (ids.length === 0 || this.connections.size === 0) return;
    let tickets: TicketVisibility[];
    try {
      tickets = await this.visibility(ids);
    } catch (err) {
      this.log.warn({ err }, 'realtime: could not load changed tickets');
      return;
    }
    for (const t of tickets) {
      for (const c of this.connections.values()) {
        if (canSeeTicket(c.principal, t)) c.send({ type: 'ticket.changed', ticket_id: t.id, ticket_number: t.number });
        else this.unwatch(c, t.id); // moved out of the agent's scope: no presence on it either
      }
    }
  }

  private async heartbeat(): Promise<void> {
    const now = Date.now();
    for (const c of [...this.connections.values()]) {
      if (!c.alive) {
        c.socket.terminate();
        continue;
      }
      c.alive = false;
      c.socket.ping();
      if (now - c.authCheckedAt < this.options.reauthMs) continue;
      c.authCheckedAt = now;
      const principal = await c.reauth().catch(() => c.principal);
      if (principal) c.principal = principal;
      else c.socket.close(CLOSE_SESSION_ENDED, 'session ended');
    }
  }
}
