/**
 * Realtime test helpers: an app listening on a random local port, and a WebSocket client (the `ws` package)
 * that records every server message so tests can wait for the one they expect.
 */
import WebSocket from 'ws';
import { buildApp } from '../../src/http/app.js';
import type { HubOptions } from '../../src/realtime/hub.js';
import type { ClientMessage, ServerMessage } from '../../src/realtime/protocol.js';
import type { Database } from '../../src/store/db.js';
import { makeDeps, type Deps } from '../../src/usecases/deps.js';
import { testConfig } from '../support/harness.js';

export interface ListeningApp {
  app: Awaited<ReturnType<typeof buildApp>>;
  deps: Deps;
  /** ws://127.0.0.1:port/api/v1/ws */
  wsUrl: string;
  origin: string;
  close(): Promise<void>;
}

/** Builds an app on `db` (with `config` overrides and hub options) and listens on 127.0.0.1. */
export async function listen(db: Database, config: Record<string, string> = {}, realtime: Partial<HubOptions> = {}): Promise<ListeningApp> {
  const deps = makeDeps(db);
  const app = await buildApp({ deps, config: testConfig(config), logger: false, realtime });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return { app, deps, wsUrl: `ws://127.0.0.1:${port}/api/v1/ws`, origin: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export class TestSocket {
  readonly messages: ServerMessage[] = [];
  private waiters: Array<() => void> = [];
  closeCode: number | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as ServerMessage);
      this.wake();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      this.wake();
    });
  }

  /** Opens a socket; rejects with the HTTP status when the handshake is refused (e.g. "…response: 401"). */
  static open(url: string, headers: Record<string, string>, opts: { autoPong?: boolean } = {}): Promise<TestSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers, autoPong: opts.autoPong ?? true });
      const socket = new TestSocket(ws);
      ws.once('open', () => resolve(socket));
      ws.once('error', reject);
    });
  }

  send(msg: ClientMessage | string): void {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  }

  /** The first message (received so far or later) matching `pred`. */
  async next<T extends ServerMessage>(pred: (m: ServerMessage) => m is T, timeoutMs?: number): Promise<T>;
  async next(pred: (m: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage>;
  async next(pred: (m: ServerMessage) => boolean, timeoutMs = 5000): Promise<ServerMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(pred);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching message; got ${JSON.stringify(this.messages).slice(0, 800)}`);
      await this.wait(deadline - Date.now());
    }
  }

  /** Resolves with the close code. */
  async closed(timeoutMs = 5000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.closeCode === null) {
      if (Date.now() > deadline) throw new Error('socket still open');
      await this.wait(deadline - Date.now());
    }
    return this.closeCode;
  }

  close(): void {
    this.ws.close();
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, Math.max(ms, 0));
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private wake(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }
}

/** Type guards for `next`. */
export const isChanged = (ticketId: string) => (m: ServerMessage): m is Extract<ServerMessage, { type: 'ticket.changed' }> =>
  m.type === 'ticket.changed' && m.ticket_id === ticketId;
export const isPresence = (ticketId: string, test: (names: string[], m: Extract<ServerMessage, { type: 'presence' }>) => boolean = () => true) =>
  (m: ServerMessage): m is Extract<ServerMessage, { type: 'presence' }> =>
    m.type === 'presence' && m.ticket_id === ticketId && test(m.viewers.map((v) => v.name), m);
export const isError = (code: string) => (m: ServerMessage): m is Extract<ServerMessage, { type: 'error' }> =>
  m.type === 'error' && m.code === code;
