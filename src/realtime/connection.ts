import type { WebSocket } from 'ws';
import type { Principal } from '../domain/principal.js';
import type { RealtimeErrorCode, ServerMessage } from './protocol.js';

/** A socket whose unsent data passes this is not reading: it is dropped rather than buffered without end. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** Token bucket: `capacity` messages at once, refilled at `perSecond`. Enough for a tab replaying its watches. */
export class RateLimit {
  private tokens: number;
  private last: number;

  constructor(private readonly capacity: number, private readonly perSecond: number, now: number) {
    this.tokens = capacity;
    this.last = now;
  }

  take(now: number): boolean {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export interface ConnectionAuth {
  principal: Principal;
  /** Display name, shown to other agents in presence. */
  name: string;
  /** The session behind the socket (null for an API token): signing out closes its sockets. */
  sessionId: string | null;
  /** Resolves the credentials again: null when the session ended or the account was disabled. */
  reauth(): Promise<Principal | null>;
}

/** One WebSocket and what the hub knows about it. */
export class Connection {
  principal: Principal;
  readonly name: string;
  readonly sessionId: string | null;
  readonly reauth: () => Promise<Principal | null>;
  /** Tickets watched, with when the watch began (presence `since`). */
  readonly watching = new Map<string, Date>();
  /** Heartbeat: set by any sign of life, cleared at each ping. */
  alive = true;
  authCheckedAt: number;
  closed = false;
  /** Consecutive messages refused by the rate limit. */
  refused = 0;
  /** Messages are handled one after the other (a `typing` right after its `watch` must find the watch). */
  queue: Promise<void> = Promise.resolve();

  constructor(
    readonly id: string,
    readonly socket: WebSocket,
    auth: ConnectionAuth,
    readonly limit: RateLimit,
    now: number,
  ) {
    this.principal = auth.principal;
    this.name = auth.name;
    this.sessionId = auth.sessionId;
    this.reauth = auth.reauth;
    this.authCheckedAt = now;
  }

  send(msg: ServerMessage): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.socket.terminate();
      return;
    }
    this.socket.send(JSON.stringify(msg));
  }

  error(code: RealtimeErrorCode, message: string): void {
    this.send({ type: 'error', code, message });
  }
}
