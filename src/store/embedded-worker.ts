/**
 * Hosts the embedded PGlite database on its own thread and serves it over a Unix socket with the PostgreSQL
 * wire protocol, so the web server reaches it through the same `pg` driver as a real server and PGlite's
 * synchronous work never blocks the main event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

interface WorkerInput {
  /** Directory of the database files, or null for an in-memory database (tests). */
  pgdataDir: string | null;
  socketPath: string;
}

const input = workerData as WorkerInput;
const port = parentPort;
if (!port) throw new Error('embedded-worker must run as a worker thread');

try {
  const db = await PGlite.create({
    ...(input.pgdataDir ? { dataDir: input.pgdataDir } : {}),
    extensions: { unaccent },
  });
  // PGlite is a single session: the pool on the other side holds one connection at a time, so transactions
  // never interleave. A few spare slots let a replacement connect while a dropped one is still being torn down.
  const server = new PGLiteSocketServer({ db, path: input.socketPath, maxConnections: 4 });
  await server.start();
  port.postMessage({ type: 'ready' });
  port.on('message', (msg: { type: string }) => {
    if (msg.type !== 'stop') return;
    void (async () => {
      await server.stop();
      await db.close(); // checkpoints the WAL so the next start is quick
      port.postMessage({ type: 'stopped' });
    })();
  });
} catch (err) {
  port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
}
