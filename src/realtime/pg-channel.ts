import pg from 'pg';

interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface PgChannelOptions {
  url: string;
  channels: readonly string[];
  onNotification(channel: string, payload: string): void;
  /** After a reconnection, once listening again (the hub re-announces its presence). */
  onReconnected?(): void;
  log: Log;
  /** Liveness probe period of the idle connection: a dead one is only noticed when used. */
  probeMs?: number;
}

/**
 * A dedicated PostgreSQL connection that LISTENs (a pooled one cannot: LISTEN belongs to a session), and
 * sends this process's NOTIFYs. Lost connections are reopened with backoff (0.5 s doubling up to 30 s).
 * Notifications sent while it was down are not replayed: nothing tells the clients, whose own sockets
 * reconnecting (or their next refetch) brings them up to date; presence is re-announced within seconds.
 */
export class PgChannel {
  /** The connection being opened or in use; events of any older one are ignored. */
  private current: pg.Client | null = null;
  /** The connection, once it listens. */
  private client: pg.Client | null = null;
  private attempt = 0;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  private probe: NodeJS.Timeout | null = null;

  constructor(private readonly opts: PgChannelOptions) {}

  /** Connects and listens; resolves after the first attempt either way (failures keep retrying). */
  async start(): Promise<void> {
    await this.connect();
  }

  /** Fire and forget: dropped when disconnected (presence is re-announced anyway). */
  notify(channel: string, payload: string): void {
    const client = this.client;
    if (!client) return;
    client.query('SELECT pg_notify($1, $2)', [channel, payload]).catch((err: unknown) => {
      this.opts.log.warn({ err }, 'realtime: NOTIFY failed');
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.probe) clearInterval(this.probe);
    const client = this.current;
    this.current = null;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.opts.url, keepAlive: true, application_name: 'relais-realtime' });
    this.current = client;
    client.on('notification', (n) => this.opts.onNotification(n.channel, n.payload ?? ''));
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, null));
    try {
      await client.connect();
      for (const ch of this.opts.channels) await client.query(`LISTEN ${client.escapeIdentifier(ch)}`);
    } catch (err) {
      this.lost(client, err);
      return;
    }
    if (this.closed || client !== this.current) {
      await client.end().catch(() => undefined);
      return;
    }
    const reconnected = this.attempt > 0;
    this.client = client;
    this.attempt = 0;
    this.probe = setInterval(() => {
      client.query('SELECT 1').catch((err: unknown) => this.lost(client, err));
    }, this.opts.probeMs ?? 30_000);
    this.probe.unref();
    if (reconnected) {
      this.opts.log.info({}, 'realtime: listening again');
      this.opts.onReconnected?.();
    }
  }

  /** Forgets a broken connection (once) and schedules the next attempt. */
  private lost(client: pg.Client, err: unknown): void {
    if (client !== this.current) return;
    this.current = null;
    this.client = null;
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
    client.removeAllListeners('notification');
    client.end().catch(() => undefined);
    if (this.closed) return;
    const delay = Math.min(30_000, 500 * 2 ** this.attempt++);
    this.opts.log.warn({ err, retryInMs: delay }, 'realtime: lost the PostgreSQL notification connection');
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, delay);
    this.retry.unref();
  }
}
