/**
 * Logical, engine-independent backups: gzip'd NDJSON that moves a Relais database between the embedded engine
 * and a PostgreSQL server. Rows travel as `row_to_json` text and come back through `json_populate_recordset`,
 * so PostgreSQL itself converts every value both ways (tsvector, arrays, jsonb, timestamptz) and JavaScript
 * never re-types one. Tables, keys, foreign keys and sequences come from the catalog (backup-catalog.ts).
 *
 * File layout, one JSON value per line:
 *   {"format":"relais-backup","version":1,"schema_version":…,"created_at":…,"engine":…,"tables":[…]}
 *   {"table":"teams","columns":[…],"rows":N,"wrapped":[…]}     then exactly N row objects
 *   … one block per table, referenced tables first …
 *   {"end":"relais-backup","tables":T,"rows":R,"sequences":{"ticket_number_seq":{"value":"1041","is_called":true}}}
 * `wrapped` names nullable json/jsonb columns whose values are written as [value] (SQL NULL stays null), since
 * row_to_json cannot otherwise tell an SQL NULL from a JSON null.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import {
  BackupError,
  currentSchemaVersion,
  listSequences,
  listTables,
  quoteIdent,
  readSequence,
  type SequenceValue,
  type TableInfo,
} from './backup-catalog.js';
import type { Database, Sql } from './db.js';

export { BackupError };
export { restoreBackup, type RestoreSummary } from './backup-restore.js';

export const BACKUP_FORMAT = 'relais-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  schema_version: number;
  created_at: string;
  engine: string;
  tables: string[];
}

export interface TableBlock {
  table: string;
  columns: string[];
  rows: number;
  wrapped: string[];
}

export interface BackupTrailer {
  end: typeof BACKUP_FORMAT;
  tables: number;
  rows: number;
  sequences: Record<string, SequenceValue>;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  schemaVersion: number;
  tables: Array<{ name: string; rows: number }>;
  rows: number;
  sequences: number;
}

/** Nullable json/jsonb columns, written as [value] so that a JSON null survives (see the file comment). */
export const wrappedColumns = (t: TableInfo): string[] => t.columns.filter((c) => c.isJson && !c.notNull).map((c) => c.name);

/**
 * Writes a backup of `db` to `file` from one consistent snapshot (REPEATABLE READ, read-only), streaming:
 * rows are fetched through a cursor in batches and gzip'd as they come, so memory stays flat whatever the
 * size. The file appears only when complete (written to FILE.partial, then renamed).
 */
export async function writeBackup(
  db: Database,
  file: string,
  opts: { createdAt: Date; batchRows?: number },
): Promise<BackupSummary> {
  if (fs.existsSync(file)) throw new BackupError(`${file} already exists; choose another file name.`);
  const batchRows = opts.batchRows ?? 500;
  const partial = `${file}.partial`;
  try {
    const summary = await db.tx(async (sql) => {
      await sql.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const schemaVersion = await currentSchemaVersion(sql);
      if (schemaVersion === 0) throw new BackupError('This database has no Relais schema yet: there is nothing to back up.');
      const tables = await listTables(sql);
      const counts: Array<{ name: string; rows: number }> = [];
      let sequenceCount = 0;
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        schema_version: schemaVersion,
        created_at: opts.createdAt.toISOString(),
        engine: db.engine,
        tables: tables.map((t) => t.name),
      };
      async function* lines(): AsyncGenerator<string> {
        yield `${JSON.stringify(header)}\n`;
        for (const t of tables) {
          const rows = await countRows(sql, t.name);
          counts.push({ name: t.name, rows });
          const block: TableBlock = { table: t.name, columns: t.columns.map((c) => c.name), rows, wrapped: wrappedColumns(t) };
          yield `${JSON.stringify(block)}\n`;
          yield* tableRows(sql, t, batchRows);
        }
        const sequences: Record<string, SequenceValue> = {};
        // Read last: a sequence is never behind the rows of the snapshot taken before.
        for (const name of await listSequences(sql)) sequences[name] = await readSequence(sql, name);
        sequenceCount = Object.keys(sequences).length;
        const trailer: BackupTrailer = {
          end: BACKUP_FORMAT,
          tables: tables.length,
          rows: counts.reduce((n, c) => n + c.rows, 0),
          sequences,
        };
        yield `${JSON.stringify(trailer)}\n`;
      }
      // Byte mode: the generator is pulled only as fast as gzip and the disk take it (backpressure).
      await pipeline(Readable.from(lines(), { objectMode: false }), createGzip(), fs.createWriteStream(partial, { flags: 'wx' }));
      return {
        file,
        bytes: 0,
        schemaVersion,
        tables: counts,
        rows: counts.reduce((n, c) => n + c.rows, 0),
        sequences: sequenceCount,
      };
    });
    fs.renameSync(partial, file);
    return { ...summary, bytes: fs.statSync(file).size };
  } catch (err) {
    fs.rmSync(partial, { force: true });
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new BackupError(`${partial} exists: another backup to the same file is running, or a crashed one left it. Remove it and retry.`);
    }
    throw err;
  }
}

async function countRows(sql: Sql, table: string): Promise<number> {
  const row = await sql.one<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoteIdent(table)}`);
  return row?.n ?? 0;
}

/** The rows of one table in primary-key order, one chunk of NDJSON text per fetched batch. */
async function* tableRows(sql: Sql, t: TableInfo, batchRows: number): AsyncGenerator<string> {
  const wrapped = new Set(wrappedColumns(t));
  // Wrapped columns are replaced in a sub-select that keeps every column name, so row_to_json's keys are unchanged.
  const source = wrapped.size
    ? `(SELECT ${t.columns
        .map((c) =>
          wrapped.has(c.name)
            ? `CASE WHEN ${quoteIdent(c.name)} IS NULL THEN NULL ELSE json_build_array(${quoteIdent(c.name)}) END AS ${quoteIdent(c.name)}`
            : quoteIdent(c.name),
        )
        .join(', ')} FROM ${quoteIdent(t.name)})`
    : quoteIdent(t.name);
  const order = t.keyColumns.length ? ` ORDER BY ${t.keyColumns.map(quoteIdent).join(', ')}` : '';
  await sql.query(`DECLARE relais_backup NO SCROLL CURSOR FOR SELECT row_to_json(r)::text AS j FROM ${source} AS r${order}`);
  try {
    for (;;) {
      const batch = await sql.query<{ j: string }>(`FETCH ${batchRows} FROM relais_backup`);
      if (batch.length === 0) break;
      yield `${batch.map((b) => b.j).join('\n')}\n`;
    }
  } finally {
    // After a failed write the transaction is aborted and rolls back anyway; keep the first error.
    await sql.query('CLOSE relais_backup').catch(() => undefined);
  }
}
