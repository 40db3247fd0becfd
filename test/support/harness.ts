import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config/config.js';
import { buildApp } from '../../src/http/app.js';
import { openDatabase, type Database } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { makeDeps, type Clock, type Deps } from '../../src/usecases/deps.js';

/** The engine this run tests: `embedded` (PGlite, in memory) or `postgres` (a real server). */
export const testEngine = (): 'embedded' | 'postgres' => (inject('pgAdminUrl') ? 'postgres' : 'embedded');

/** A server URL for a brand-new empty database (postgres runs only), e.g. for backup/restore tests. */
export async function freshPgDatabaseUrl(): Promise<string> {
  const admin = inject('pgAdminUrl');
  if (!admin) throw new Error('not a postgres run');
  const name = `relais_t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh, migrated database on the engine of this run. */
export async function testDatabase(): Promise<Database> {
  const admin = inject('pgAdminUrl');
  const db = admin
    ? await openDatabase({ databaseUrl: await freshPgDatabaseUrl(), dataDir: null, poolSize: 5 })
    : await openDatabase({ databaseUrl: null, dataDir: null });
  await migrate(db);
  return db;
}

/** A clock tests can move. */
export class TestClock implements Clock {
  constructor(private t = new Date('2026-03-02T09:00:00.000Z')) {}
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
  set(d: Date): void {
    this.t = new Date(d);
  }
}

/** A fixed key for stored credentials, so no test writes ./data/secret.key. */
const TEST_SECRET_KEY = Buffer.alloc(32, 7).toString('base64');

/** One attachments directory per test process, never the repository's ./data. */
const TEST_ATTACHMENTS_DIR = path.join(os.tmpdir(), `relais-test-attachments-${process.pid}`);

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: 'silent', RELAIS_SCHEDULER_SECONDS: '0', RELAIS_ATTACHMENTS_DIR: TEST_ATTACHMENTS_DIR, RELAIS_SECRET_KEY: TEST_SECRET_KEY, ...overrides });
}

export interface TestApp {
  db: Database;
  deps: Deps;
  app: Awaited<ReturnType<typeof buildApp>>;
  close(): Promise<void>;
}

export async function startTestApp(opts: { clock?: Clock; config?: Record<string, string> } = {}): Promise<TestApp> {
  const db = await testDatabase();
  const deps = makeDeps(db, opts.clock ? { clock: opts.clock } : {});
  const app = await buildApp({ deps, config: testConfig(opts.config), logger: false });
  await app.ready();
  return {
    db,
    deps,
    app,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
