import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveWire, type WireServer } from '../../src/store/embedded-wire.js';

// The wire handler is exercised here in-process, against PGlite directly, with several `pg` clients at once
// (the application's pool uses one connection; these cases are the ones that pool never creates on purpose).
let db: PGlite;
let server: WireServer;
let dir: string;
const clients: pg.Client[] = [];

async function connect(): Promise<pg.Client> {
  const c = new pg.Client({ host: dir, port: 5432, user: 'postgres', database: 'postgres' });
  c.on('error', () => undefined);
  await c.connect();
  clients.push(c);
  return c;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-wire-'));
  db = await PGlite.create();
  server = await serveWire(db, path.join(dir, '.s.PGSQL.5432'));
  const c = await connect();
  await c.query('CREATE TABLE items (id int PRIMARY KEY, label text)');
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  await server.close();
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('embedded wire protocol', () => {
  it('answers parameterised statements, and recovers from errors at parse, bind and execute', async () => {
    const c = await connect();
    await c.query('INSERT INTO items VALUES ($1, $2)', [1, 'un']);
    await expect(c.query('SELEC $1', [1])).rejects.toMatchObject({ code: '42601' });
    await expect(c.query('SELECT $1::int', ['x'])).rejects.toMatchObject({ code: '22P02' });
    await expect(c.query('INSERT INTO items VALUES ($1, $2)', [1, 'dup'])).rejects.toMatchObject({ code: '23505' });
    const r = await c.query('SELECT label FROM items WHERE id = $1', [1]);
    expect(r.rows).toEqual([{ label: 'un' }]);
  });

  it("never runs one connection's statement inside another's open transaction", async () => {
    const a = await connect();
    const b = await connect();
    await a.query('BEGIN');
    await a.query('INSERT INTO items VALUES ($1, $2)', [2, 'deux']);
    let bDone = false;
    const bRead = b.query('SELECT count(*)::int AS n FROM items').then((r) => {
      bDone = true;
      return r.rows[0].n as number;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(bDone).toBe(false); // held while A's transaction is open
    await a.query('INSERT INTO items VALUES ($1, $2)', [3, 'trois']);
    await a.query('COMMIT');
    expect(await bRead).toBe(3); // ran after the commit, outside A's transaction
  });

  it("rolls back the transaction of a client that disconnects, and lets the others go on", async () => {
    const a = await connect();
    const b = await connect();
    await a.query('BEGIN');
    await a.query('INSERT INTO items VALUES ($1, $2)', [4, 'quatre']);
    const bRead = b.query('SELECT count(*)::int AS n FROM items WHERE id = 4');
    (a as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    expect((await bRead).rows[0].n).toBe(0);
    expect(db.isInTransaction()).toBe(false);
  });

  it('keeps a failed transaction aborted until its own ROLLBACK, then serves others', async () => {
    const a = await connect();
    const b = await connect();
    await a.query('BEGIN');
    await expect(a.query('INSERT INTO items VALUES ($1, $2)', [1, 'dup'])).rejects.toMatchObject({ code: '23505' });
    await expect(a.query('SELECT 1')).rejects.toMatchObject({ code: '25P02' }); // in failed transaction
    const bRead = b.query('SELECT count(*)::int AS n FROM items');
    await a.query('ROLLBACK');
    expect((await bRead).rows[0].n).toBe(3);
  });

  it('serves a burst of concurrent clients without mixing answers', async () => {
    const cs = await Promise.all(Array.from({ length: 4 }, () => connect()));
    // Each client sends its statements one after the other, all four clients at once.
    const perClient = await Promise.all(
      cs.map(async (c, i) => {
        const seen: Array<[number, number]> = [];
        for (let j = 0; j < 25; j++) {
          const r = await c.query('SELECT $1::int * 1000 + $2::int AS v', [i, j]);
          seen.push([i * 1000 + j, r.rows[0].v as number]);
        }
        return seen;
      }),
    );
    for (const [expected, got] of perClient.flat()) expect(got).toBe(expected);
  });
});
