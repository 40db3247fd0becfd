/**
 * Hosts the embedded PGlite database on its own thread and serves it over a Unix socket with the PostgreSQL
 * wire protocol, so the web server reaches it through the same `pg` driver as a real server and PGlite's
 * synchronous work never blocks the main event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { serveWire } from './embedded-wire.js';

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
  const server = await serveWire(db, input.socketPath);
  port.postMessage({ type: 'ready' });
  port.on('message', (msg: { type: string }) => {
    if (msg.type !== 'stop') return;
    void (async () => {
      await server.close();
      await db.close(); // checkpoints the WAL so the next start is quick
      port.postMessage({ type: 'stopped' });
    })();
  });
} catch (err) {
  port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
}
