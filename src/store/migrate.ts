import { createHash } from 'node:crypto';
import type { Database } from './db.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export class MigrationError extends Error {}

const checksum = (m: Migration) => createHash('sha256').update(m.sql).digest('hex');

export interface MigrateResult {
  applied: Array<{ version: number; name: string }>;
  current: number;
}

/**
 * Applies pending migrations, each in its own transaction, under an advisory lock so that several processes
 * starting together apply each migration once. Refuses to run when an applied migration was edited.
 */
export async function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrateResult> {
  return db.tx(async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock(7215001)');
    await sql.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = await sql.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    );
    const known = new Map(migrations.map((m) => [m.version, m]));
    for (const row of done) {
      const m = known.get(row.version);
      if (!m) {
        throw new MigrationError(
          `The database has migration ${row.version} (${row.name}) that this version of Relais does not know: ` +
            'it was written by a newer Relais. Upgrade Relais instead of downgrading.',
        );
      }
      if (checksum(m) !== row.checksum) {
        throw new MigrationError(`Migration ${row.version} (${row.name}) was edited after it was applied.`);
      }
    }
    const applied: MigrateResult['applied'] = [];
    const doneVersions = new Set(done.map((r) => r.version));
    for (const m of migrations) {
      if (doneVersions.has(m.version)) continue;
      await sql.query(m.sql);
      await sql.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        checksum(m),
      ]);
      applied.push({ version: m.version, name: m.name });
    }
    const current = Math.max(0, ...migrations.map((m) => m.version));
    return { applied, current };
  });
}

/** The schema version of a database: 0 when it was never migrated. */
export async function schemaVersion(db: Database): Promise<number> {
  // Two statements: a CASE around the subquery would still fail, as PostgreSQL resolves the table when parsing.
  const exists = await db.one<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
  if (!exists?.t) return 0;
  const row = await db.one<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return row?.v ?? 0;
}
