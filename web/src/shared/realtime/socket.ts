import type { ClientMessage, ServerMessage } from '../../../../src/realtime/protocol';

type Listener = (msg: ServerMessage) => void;
type StatusListener = (connected: boolean) => void;

/**
 * One WebSocket per tab to `/api/v1/ws`, reconnecting with backoff. Watches are replayed after a reconnect,
 * and `reconnected` listeners let queries refetch what may have changed while the socket was down.
 */
export class RealtimeSocket {
  private ws: WebSocket | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly statusListeners = new Set<StatusListener>();
  private readonly watched = new Map<string, number>();
  private readonly typing = new Map<string, 'reply' | 'note' | null>();
  private attempt = 0;
  private closed = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  connected = false;

  constructor(private readonly url: string = defaultUrl()) {}

  start(): void {
    this.closed = false;
    this.open();
  }

  stop(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.ws?.close();
    this.ws = null;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onStatus(listener: StatusListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Reference-counted: two components watching the same ticket share one watch. */
  watch(ticketId: string): () => void {
    const n = this.watched.get(ticketId) ?? 0;
    this.watched.set(ticketId, n + 1);
    if (n === 0) this.send({ type: 'watch', ticket_id: ticketId });
    return () => {
      const left = (this.watched.get(ticketId) ?? 1) - 1;
      if (left > 0) {
        this.watched.set(ticketId, left);
        return;
      }
      this.watched.delete(ticketId);
      this.typing.delete(ticketId);
      this.send({ type: 'unwatch', ticket_id: ticketId });
    };
  }

  setTyping(ticketId: string, composing: 'reply' | 'note' | null): void {
    if ((this.typing.get(ticketId) ?? null) === composing) return;
    this.typing.set(ticketId, composing);
    this.send({ type: 'typing', ticket_id: ticketId, composing });
  }

  private send(msg: ClientMessage): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  private open(): void {
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      for (const id of this.watched.keys()) this.send({ type: 'watch', ticket_id: id });
      for (const [id, composing] of this.typing) if (composing) this.send({ type: 'typing', ticket_id: id, composing });
      this.heartbeat = setInterval(() => this.send({ type: 'ping' }), 25_000);
      this.setConnected(true);
    };
    ws.onmessage = (ev) => {
      let msg: ServerMessage;
      try {
        msg = JSON.parse(String(ev.data)) as ServerMessage;
      } catch {
        return;
      }
      for (const l of this.listeners) l(msg);
    };
    ws.onclose = () => {
      if (this.heartbeat) clearInterval(this.heartbeat);
      this.setConnected(false);
      if (this.closed) return;
      const delay = Math.min(30_000, 500 * 2 ** this.attempt++) * (0.75 + Math.random() / 2);
      this.timer = setTimeout(() => this.open(), delay);
    };
  }

  private setConnected(value: boolean): void {
    if (this.connected === value) return;
    this.connected = value;
    for (const l of this.statusListeners) l(value);
  }
}

function defaultUrl(): string {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${location.host}/api/v1/ws`;
}
