/**
 * /health must stay fast while the embedded database is busy: PGlite runs on its own thread behind a socket,
 * so a long query never blocks the web server's event loop.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { openDatabase, type Database } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { makeDeps } from '../../src/usecases/deps.js';
import { testConfig, testEngine } from '../support/harness.js';

const SLOW_MS = 3000;
let db: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
let base: string;

// Embedded engine only: on a PostgreSQL server a slow query runs in another process and proves nothing here.
describe.skipIf(testEngine() === 'postgres')('/health while the embedded engine runs a slow query', () => {
  beforeAll(async () => {
    db = await openDatabase({ databaseUrl: null, dataDir: null });
    await migrate(db);
    app = await buildApp({ deps: makeDeps(db), config: testConfig(), logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it(`answers each check in well under 200 ms while a ${SLOW_MS} ms query runs`, async () => {
    const started = Date.now();
    let queryDoneAt = 0;
    const slow = db.query(`SELECT pg_sleep(${SLOW_MS / 1000})`).then(() => (queryDoneAt = Date.now()));
    await new Promise((r) => setTimeout(r, 300)); // let the query reach the database thread
    const timings: number[] = [];
    for (let i = 0; i < 8; i++) {
      const t0 = performance.now();
      const res = await fetch(`${base}/health`);
      timings.push(performance.now() - t0);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { engine: string }).engine).toBe('embedded');
      await new Promise((r) => setTimeout(r, 100));
    }
    const checksDoneAt = Date.now();
    await slow;
    // The checks really ran while the query was busy, and each was fast.
    expect(queryDoneAt - started).toBeGreaterThanOrEqual(SLOW_MS - 50);
    expect(checksDoneAt).toBeLessThan(queryDoneAt);
    for (const ms of timings) expect(ms).toBeLessThan(200);
  });
});
