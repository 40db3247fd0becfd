import { afterEach, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/db.js';
import { migrate, MigrationError, schemaVersion } from '../../src/store/migrate.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { freshPgDatabaseUrl, testEngine } from '../support/harness.js';

let db: Database | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

/** An empty, unmigrated database on this run's engine. */
const emptyDatabase = async () =>
  testEngine() === 'postgres'
    ? openDatabase({ databaseUrl: await freshPgDatabaseUrl(), dataDir: null, poolSize: 4 })
    : openDatabase({ databaseUrl: null, dataDir: null });

it('applies every migration once, in order, and records each', async () => {
  db = await emptyDatabase();
  expect(await schemaVersion(db)).toBe(0);
  const first = await migrate(db);
  expect(first.applied.map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
  expect(await schemaVersion(db)).toBe(first.current);
  expect((await migrate(db)).applied).toEqual([]);
});

it('applies each migration once when several processes start together', async () => {
  db = await emptyDatabase();
  const results = await Promise.all([migrate(db), migrate(db), migrate(db)]);
  expect(results.flatMap((r) => r.applied)).toHaveLength(MIGRATIONS.length);
});

it('refuses to run when an applied migration was edited', async () => {
  db = await emptyDatabase();
  await migrate(db);
  const edited = MIGRATIONS.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
  await expect(migrate(db, edited)).rejects.toThrow(MigrationError);
  await expect(migrate(db, edited)).rejects.toThrow(/edited after it was applied/);
});

it('refuses a database written by a newer Relais instead of running against an unknown schema', async () => {
  db = await emptyDatabase();
  const newer = [...MIGRATIONS, { version: 9999, name: 'from the future', sql: 'SELECT 1' }];
  await migrate(db, newer);
  await expect(migrate(db)).rejects.toThrow(/newer Relais/);
});

it('rolls back a failing migration whole, leaving the version where it was', async () => {
  db = await emptyDatabase();
  await migrate(db);
  const broken = [...MIGRATIONS, { version: 9998, name: 'broken', sql: 'CREATE TABLE half_done (id int); SELECT no_such_function()' }];
  await expect(migrate(db, broken)).rejects.toThrow();
  expect(await schemaVersion(db)).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version);
  expect(await db.one("SELECT to_regclass('half_done') AS t")).toEqual({ t: null });
});
