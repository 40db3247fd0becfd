/**
 * Where a benchmark's data lives: the embedded engine in a temporary data directory, or a fresh database on a
 * PostgreSQL server (DATABASE_URL, or a throwaway cluster from test/support/pg-cluster.ts).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { redactUrl } from '../src/cli/runtime.js';
import { openDatabase, type Database, type Engine } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { startPgCluster } from '../test/support/pg-cluster.js';

export interface BenchTarget {
  engine: Engine;
  /** Environment for `relais serve` to use this database. */
  env: Record<string, string>;
  description: string;
  /** Opens (and migrates) the database. The embedded engine allows one process at a time: close before serving. */
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}

export async function prepareTarget(engine: Engine, keep: boolean): Promise<BenchTarget> {
  if (engine === 'embedded') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-bench-'));
    return {
      engine,
      env: { RELAIS_DATA_DIR: dataDir },
      description: `embedded PGlite, data in ${dataDir}`,
      open: () => openMigrated({ databaseUrl: null, dataDir }),
      cleanup: async () => {
        if (keep) console.log(`kept the data directory ${dataDir}`);
        else fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const cluster = process.env.DATABASE_URL ? null : await startPgCluster();
  const adminUrl = process.env.DATABASE_URL ?? cluster!.url;
  const name = `relais_bench_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    engine,
    env: { DATABASE_URL: databaseUrl },
    description: cluster
      ? 'PostgreSQL, throwaway cluster on 127.0.0.1 (test/support/pg-cluster.ts: fsync=off, synchronous_commit=off)'
      : `PostgreSQL at ${redactUrl(adminUrl)}`,
    open: () => openMigrated({ databaseUrl, dataDir: null, poolSize: 10 }),
    cleanup: async () => {
      if (keep) {
        console.log(`kept the database ${redactUrl(databaseUrl)}${cluster ? ' (the throwaway cluster stops now)' : ''}`);
      } else if (!cluster) {
        await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name}`);
      }
      cluster?.stop();
    },
  };
}

async function openMigrated(opts: Parameters<typeof openDatabase>[0]): Promise<Database> {
  const db = await openDatabase(opts);
  await migrate(db);
  return db;
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
