/**
 * Serves the embedded PGlite database over the PostgreSQL wire protocol on a Unix socket, for the `pg` driver.
 *
 * Why not @electric-sql/pglite-socket: it runs every protocol message as its own call into PGlite, through a
 * queue, a lock and a socket write each, so a parameterised statement (Parse, Bind, Describe, Execute, Sync)
 * cost ~0.85 ms while PGlite itself needs ~0.05 ms for the batch. Here the messages of one extended-query
 * sequence are handed to PGlite in one call at their Sync, as a server's backend reads them, and the answer is
 * written in one piece.
 *
 * PGlite is a single session: one connection's transaction must never see another connection's statements. A
 * connection that leaves a batch inside a transaction owns the session until a later batch ends it or it
 * disconnects (then its transaction is rolled back); other connections' batches wait meanwhile.
 */
import net from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
const TERMINATE = 0x58; // 'X'
/** Extended-query messages, held until the Sync (or Flush) that ends their sequence. */
const HELD = new Set([0x50 /* Parse */, 0x42 /* Bind */, 0x44 /* Describe */, 0x45 /* Execute */, 0x43 /* Close */]);

interface Conn {
  id: number;
  socket: net.Socket;
  buffer: Buffer;
  started: boolean;
  held: Buffer[];
  closed: boolean;
}

interface Batch {
  conn: Conn;
  bytes: Uint8Array;
}

export interface WireServer {
  close(): Promise<void>;
}

export async function serveWire(db: PGlite, socketPath: string): Promise<WireServer> {
  const queue: Batch[] = [];
  let owner: Conn | null = null;
  let running = false;
  let nextId = 1;

  const run = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      for (;;) {
        const i = owner ? queue.findIndex((b) => b.conn === owner) : 0;
        if (i < 0 || queue.length === 0) break;
        const { conn, bytes } = queue.splice(i, 1)[0]!;
        const out: Uint8Array[] = [];
        try {
          await db.runExclusive(() => db.execProtocolRawStream(bytes, { onRawData: (d) => out.push(d.slice()) }));
        } catch {
          // An internal failure (not an SQL error, which PGlite answers in the protocol): drop this connection
          // and its transaction rather than leave the session in an unknown state for everyone else.
          conn.socket.destroy();
          await rollbackIfOwned(conn);
          continue;
        }
        owner = db.isInTransaction() ? conn : null;
        if (!conn.closed && out.length) conn.socket.write(Buffer.concat(out));
      }
    } finally {
      running = false;
    }
  };

  const rollbackIfOwned = async (conn: Conn) => {
    if (owner !== conn) return;
    owner = null;
    // exec takes PGlite's query lock itself (runExclusive around it would wait on itself).
    if (db.isInTransaction()) await db.exec('ROLLBACK');
  };

  const submit = (conn: Conn, bytes: Uint8Array) => {
    queue.push({ conn, bytes });
    void run();
  };

  const onData = (conn: Conn, chunk: Buffer) => {
    conn.buffer = conn.buffer.length ? Buffer.concat([conn.buffer, chunk]) : chunk;
    for (;;) {
      const buf = conn.buffer;
      if (!conn.started) {
        if (buf.length < 8) return;
        const len = buf.readInt32BE(0);
        const code = buf.readInt32BE(4);
        if (code === SSL_REQUEST) {
          conn.buffer = buf.subarray(8);
          conn.socket.write('N'); // no TLS on a local socket
          continue;
        }
        if (code === CANCEL_REQUEST) {
          conn.socket.destroy(); // cancellation is not supported; the client just closes this side channel
          return;
        }
        if (code !== PROTOCOL_3 || len < 8 || len > 10_000) {
          conn.socket.destroy();
          return;
        }
        if (buf.length < len) return;
        conn.started = true;
        conn.buffer = buf.subarray(len);
        submit(conn, buf.subarray(0, len));
        continue;
      }
      if (buf.length < 5) return;
      const len = 1 + buf.readInt32BE(1);
      if (len < 5) {
        conn.socket.destroy();
        return;
      }
      if (buf.length < len) return;
      const msg = buf.subarray(0, len);
      conn.buffer = buf.subarray(len);
      const type = msg[0]!;
      if (type === TERMINATE) {
        conn.socket.end();
        return;
      }
      conn.held.push(msg);
      if (!HELD.has(type)) {
        submit(conn, conn.held.length === 1 ? msg : Buffer.concat(conn.held));
        conn.held = [];
      }
    }
  };

  const server = net.createServer((socket) => {
    const conn: Conn = { id: nextId++, socket, buffer: Buffer.alloc(0), started: false, held: [], closed: false };
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => onData(conn, chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      conn.closed = true;
      for (let i = queue.length - 1; i >= 0; i--) if (queue[i]!.conn === conn) queue.splice(i, 1);
      // Roll back in turn with the queue, so it never runs in the middle of another connection's batch.
      void (async () => {
        while (running) await new Promise((r) => setImmediate(r));
        await rollbackIfOwned(conn);
        void run();
      })();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  return {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
