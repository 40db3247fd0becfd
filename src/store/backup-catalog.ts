/**
 * What a backup needs to know about the schema, read from the PostgreSQL catalog (the same on both engines):
 * the tables in foreign-key order, their columns and keys, and the sequences. `schema_migrations` is left out:
 * `relais migrate` recreates it, and a restore requires the same schema version. So is `automation_events`, the
 * automations' work queue: its rows are events waiting to be handled, not data, and replaying a backup's queue
 * (or the rows its trigger writes while the timeline is restored) would run rules again on old history.
 */
import type { Sql } from './db.js';

/** Tables a backup leaves out (see above). */
export const NOT_BACKED_UP: readonly string[] = ['schema_migrations', 'automation_events'];

/** A backup or restore that cannot go on; the message says why and what to do. */
export class BackupError extends Error {}

export interface ColumnInfo {
  name: string;
  /** json or jsonb: a JSON null and an SQL NULL look alike in row_to_json, see `wrapped` in backup.ts. */
  isJson: boolean;
  notNull: boolean;
}

export interface TableInfo {
  name: string;
  /** Stored columns in declaration order (generated columns are left out: the database recomputes them). */
  columns: ColumnInfo[];
  /** Primary key columns, the order rows are read in. */
  keyColumns: string[];
  /** Tables this one references (other than itself). */
  dependsOn: string[];
  /** Columns referencing the same table (tickets.merged_into_id): restored in a second step, see backup.ts. */
  selfRefColumns: string[];
  /** Has a GENERATED ALWAYS AS IDENTITY column: inserts need OVERRIDING SYSTEM VALUE. */
  identityAlways: boolean;
}

interface TableRow {
  name: string;
  columns: string[];
  json_columns: string[];
  not_null_columns: string[];
  key_columns: string[];
  depends_on: string[];
  self_ref_columns: string[];
  identity_always: boolean;
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Every table of the current schema except schema_migrations, referenced tables before referencing ones. */
export async function listTables(sql: Sql): Promise<TableInfo[]> {
  const rows = await sql.query<TableRow>(`
    SELECT c.relname::text AS name,
      array(SELECT a.attname::text FROM pg_attribute a
        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum) AS columns,
      array(SELECT a.attname::text FROM pg_attribute a
        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.atttypid IN ('json'::regtype, 'jsonb'::regtype)) AS json_columns,
      array(SELECT a.attname::text FROM pg_attribute a
        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attnotnull) AS not_null_columns,
      array(SELECT a.attname::text FROM pg_constraint p CROSS JOIN unnest(p.conkey) WITH ORDINALITY k(num, ord)
        JOIN pg_attribute a ON a.attrelid = p.conrelid AND a.attnum = k.num
        WHERE p.conrelid = c.oid AND p.contype = 'p' ORDER BY k.ord) AS key_columns,
      array(SELECT DISTINCT r.relname::text FROM pg_constraint f JOIN pg_class r ON r.oid = f.confrelid
        WHERE f.conrelid = c.oid AND f.contype = 'f' AND f.confrelid <> c.oid) AS depends_on,
      array(SELECT DISTINCT a.attname::text FROM pg_constraint f CROSS JOIN unnest(f.conkey) k(num)
        JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = k.num
        WHERE f.conrelid = c.oid AND f.contype = 'f' AND f.confrelid = c.oid) AS self_ref_columns,
      EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attidentity = 'a') AS identity_always
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND c.relname <> ALL($1::text[])
    ORDER BY c.relname`, [NOT_BACKED_UP]);
  const tables = rows.map(
    (r): TableInfo => ({
      name: r.name,
      columns: r.columns.map((name) => ({
        name,
        isJson: r.json_columns.includes(name),
        notNull: r.not_null_columns.includes(name),
      })),
      keyColumns: r.key_columns,
      dependsOn: r.depends_on.filter((d) => !NOT_BACKED_UP.includes(d)),
      selfRefColumns: r.self_ref_columns,
      identityAlways: r.identity_always,
    }),
  );
  return foreignKeyOrder(tables);
}

/** Kahn's topological sort, alphabetical among tables that are ready, so the order is stable. */
export function foreignKeyOrder(tables: readonly TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const placed = new Set<string>();
  const out: TableInfo[] = [];
  while (out.length < tables.length) {
    const ready = tables.find((t) => !placed.has(t.name) && t.dependsOn.every((d) => placed.has(d) || !byName.has(d)));
    if (!ready) {
      const left = tables.filter((t) => !placed.has(t.name)).map((t) => t.name);
      throw new BackupError(`Tables reference each other in a cycle (${left.join(', ')}); the backup cannot order them.`);
    }
    placed.add(ready.name);
    out.push(ready);
  }
  return out;
}

/** The sequences of the current schema (ticket numbers, bigserial columns). */
export async function listSequences(sql: Sql): Promise<string[]> {
  const rows = await sql.query<{ name: string }>(`
    SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind = 'S' ORDER BY c.relname`);
  return rows.map((r) => r.name);
}

export interface SequenceValue {
  /** Text, so that values past 2^53 survive. */
  value: string;
  is_called: boolean;
}

export async function readSequence(sql: Sql, name: string): Promise<SequenceValue> {
  const row = await sql.one<SequenceValue>(
    `SELECT last_value::text AS value, is_called FROM ${quoteIdent(name)}`,
  );
  return row!;
}

/** Sets a sequence so that its next value follows the restored rows. */
export async function writeSequence(sql: Sql, name: string, v: SequenceValue): Promise<void> {
  await sql.query('SELECT setval($1::regclass, $2::bigint, $3)', [quoteIdent(name), v.value, v.is_called]);
}

/** The tables among `tables` that hold at least one row. */
export async function tablesWithRows(sql: Sql, tables: readonly string[]): Promise<string[]> {
  if (tables.length === 0) return [];
  const checks = tables.map((t, i) => `SELECT $${i + 1}::text AS name WHERE EXISTS (SELECT 1 FROM ${quoteIdent(t)})`);
  const rows = await sql.query<{ name: string }>(checks.join(' UNION ALL '), tables);
  return rows.map((r) => r.name);
}

/** The schema version the migrations brought this database to (0 when never migrated). */
export async function currentSchemaVersion(sql: Sql): Promise<number> {
  const reg = await sql.one<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
  if (!reg?.t) return 0;
  const row = await sql.one<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return row?.v ?? 0;
}
