import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/db.js';
import { testDatabase } from '../support/harness.js';

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
  await db.query('CREATE TABLE t_probe (id int PRIMARY KEY, label text)');
});
afterAll(async () => db.close());

describe('database handle', () => {
  it('stays usable after failed statements of every kind', async () => {
    await db.query('INSERT INTO t_probe VALUES ($1, $2)', [1, 'un']);
    await expect(db.query('INSERT INTO t_probe VALUES ($1, $2)', [1, 'dup'])).rejects.toMatchObject({ code: '23505' });
    await expect(db.query('INSERT INTO t_probe VALUES (1, $$dup$$)')).rejects.toMatchObject({ code: '23505' });
    await expect(db.query('SELECT $1::int', ['abc'])).rejects.toMatchObject({ code: '22P02' });
    await expect(db.query('SELEC oops')).rejects.toMatchObject({ code: '42601' });
    expect(await db.one('SELECT count(*) AS n FROM t_probe WHERE id > $1', [0])).toEqual({ n: 1 });
  });

  it('rolls back a failed transaction as a whole and keeps working', async () => {
    await expect(
      db.tx(async (sql) => {
        await sql.query('INSERT INTO t_probe VALUES ($1, $2)', [2, 'deux']);
        await sql.query('INSERT INTO t_probe VALUES ($1, $2)', [1, 'dup']);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await db.one('SELECT count(*) AS n FROM t_probe')).toEqual({ n: 1 });
    const n = await db.tx(async (sql) => {
      await sql.query('INSERT INTO t_probe VALUES ($1, $2)', [3, 'trois']);
      return sql.one<{ n: number }>('SELECT count(*) AS n FROM t_probe');
    });
    expect(n).toEqual({ n: 2 });
  });

  it('refuses a query on the outer handle inside a transaction instead of deadlocking', async () => {
    await expect(db.tx(async () => db.query('SELECT 1'))).rejects.toThrow(/inside a transaction/);
    await expect(db.tx(async () => db.tx(async () => 1))).rejects.toThrow(/Nested transactions/);
  });

  it('serializes concurrent transactions without losing writes', async () => {
    await db.query('CREATE TABLE t_counter (id int PRIMARY KEY, n int NOT NULL)');
    await db.query('INSERT INTO t_counter VALUES (1, 0)');
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.tx(async (sql) => {
          const row = await sql.one<{ n: number }>('SELECT n FROM t_counter WHERE id = 1 FOR UPDATE');
          await sql.query('UPDATE t_counter SET n = $1 WHERE id = 1', [row!.n + 1]);
        }),
      ),
    );
    expect(await db.one('SELECT n FROM t_counter WHERE id = 1')).toEqual({ n: 20 });
  });

  it('reads int8 as numbers, timestamptz as dates, arrays and jsonb parsed', async () => {
    const row = await db.one<{ a: number; b: Date; c: string[]; d: { x: number } }>(
      `SELECT 42::int8 AS a, '2026-03-02T09:00:00Z'::timestamptz AS b, ARRAY['x','y'] AS c, '{"x":1}'::jsonb AS d`,
    );
    expect(row).toEqual({ a: 42, b: new Date('2026-03-02T09:00:00Z'), c: ['x', 'y'], d: { x: 1 } });
  });
});
