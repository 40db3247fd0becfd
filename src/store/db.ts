import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';

// Ticket numbers and counts are int8 in SQL; they stay far below 2^53, so read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type Engine = 'embedded' | 'postgres';

/** What a query can run on: the database itself, or one transaction. */
export interface Sql {
  query<R extends pg.QueryResultRow = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>;
  one<R extends pg.QueryResultRow = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<R | undefined>;
}

export interface Database extends Sql {
  readonly engine: Engine;
  /** Runs `fn` in one transaction (READ COMMITTED); rolls back if it throws. */
  tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL server URL; when null the embedded engine is used. */
  databaseUrl: string | null;
  /** Embedded engine: directory of the data, or null for a throwaway in-memory database (tests). */
  dataDir: string | null;
  poolSize?: number;
}

const inTransaction = new AsyncLocalStorage<true>();

function wrap(client: pg.Pool | pg.PoolClient, guardOuter: boolean): Sql {
  const run = async <R extends pg.QueryResultRow>(text: string, params?: readonly unknown[]): Promise<R[]> => {
    // A query on the outer handle inside a transaction waits for a connection the transaction holds:
    // with the embedded engine (one connection) that is a deadlock, so fail loudly on both engines.
    if (guardOuter && inTransaction.getStore()) {
      throw new Error('Query on the database handle inside a transaction: use the transaction handle.');
    }
    if (client instanceof pg.Pool) {
      // pg.Pool#query destroys its connection after any failed statement; an ordinary SQL error (a unique
      // violation, say) leaves the connection healthy, so keep it. Only connection-level failures drop it.
      const conn = await client.connect();
      try {
        const res = (await conn.query(text, params as unknown[] | undefined)) as pg.QueryResult<R>;
        conn.release();
        return res.rows;
      } catch (err) {
        conn.release(err instanceof pg.DatabaseError ? undefined : (err as Error));
        throw err;
      }
    }
    const res = (await client.query(text, params as unknown[] | undefined)) as pg.QueryResult<R>;
    return res.rows;
  };
  async function one<R extends pg.QueryResultRow>(text: string, params?: readonly unknown[]): Promise<R | undefined> {
    const rows: R[] = await run<R>(text, params);
    return rows[0];
  }
  return { query: run, one };
}

function makeDatabase(engine: Engine, pool: pg.Pool, onClose: () => Promise<void>): Database {
  const outer = wrap(pool, true);
  return {
    engine,
    ...outer,
    async tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
      if (inTransaction.getStore()) throw new Error('Nested transactions are not supported; pass the handle down.');
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await inTransaction.run(true, () => fn(wrap(client, false)));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
      await onClose();
    },
  };
}

/** Opens the configured engine. The embedded one locks its data directory for this process. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    pool.on('error', () => undefined); // an idle client dropped by the server; the next query reconnects
    await pool.query('SELECT 1');
    return makeDatabase('postgres', pool, async () => undefined);
  }
  return openEmbedded(opts.dataDir);
}

async function openEmbedded(dataDir: string | null): Promise<Database> {
  let lock: DataDirLock | null = null;
  let pgdataDir: string | null = null;
  if (dataDir) {
    lock = await lockDataDir(dataDir);
    pgdataDir = path.join(dataDir, 'pgdata');
  }
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-db-'));
  const socketPath = path.join(socketDir, '.s.PGSQL.5432');
  const worker = startWorker({ pgdataDir, socketPath });
  try {
    await waitFor(worker, 'ready');
  } catch (err) {
    await worker.terminate();
    await lock?.release();
    throw err;
  }
  const pool = new pg.Pool({
    host: socketDir,
    port: 5432,
    user: 'postgres',
    database: 'postgres',
    max: 1,
    idleTimeoutMillis: 0,
  });
  pool.on('error', () => undefined);
  return makeDatabase('embedded', pool, async () => {
    worker.postMessage({ type: 'stop' });
    await waitFor(worker, 'stopped').catch(() => undefined);
    await worker.terminate();
    fs.rmSync(socketDir, { recursive: true, force: true });
    await lock?.release();
  });
}

function startWorker(workerData: { pgdataDir: string | null; socketPath: string }): Worker {
  const here = new URL(import.meta.url);
  if (!here.pathname.endsWith('.ts')) return new Worker(new URL('./embedded-worker.js', here), { workerData });
  // Running from TypeScript sources (tests, `npm run dev`): the worker registers tsx before loading the .ts file.
  const tsxDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const target = new URL('./embedded-worker.ts', here).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

function waitFor(worker: Worker, type: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: { type: string; message?: string }) => {
      if (msg.type === type) {
        cleanup();
        resolve();
      } else if (msg.type === 'error') {
        cleanup();
        reject(new Error(`Embedded database failed to start: ${msg.message}`));
      }
    };
    const onError = (err: Error) => {
      cleanup();
      reject(new Error(`Embedded database failed to start: ${err.message}`));
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`Embedded database thread exited (code ${code})`));
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      worker.off('error', onError);
    };
    worker.on('message', onMessage);
    worker.on('exit', onExit);
    worker.on('error', onError);
  });
}
