/**
 * Restores a backup written by backup.ts into an empty, migrated database, in one transaction: a damaged,
 * truncated or foreign file stops it with a clear message and nothing is written.
 */
import {
  BackupError,
  currentSchemaVersion,
  listSequences,
  listTables,
  quoteIdent,
  tablesWithRows,
  writeSequence,
  type SequenceValue,
  type TableInfo,
} from './backup-catalog.js';
import { BackupLines } from './backup-lines.js';
import type { BackupHeader, BackupTrailer, TableBlock } from './backup.js';
import type { Database, Sql } from './db.js';

export interface RestoreSummary {
  createdAt: string;
  sourceEngine: string;
  schemaVersion: number;
  tables: Array<{ name: string; rows: number }>;
  rows: number;
  sequences: number;
}

/** Largest batch sent in one INSERT, in rows and in characters of JSON. */
const BATCH_CHARS = 4 * 1024 * 1024;

export async function restoreBackup(db: Database, file: string, opts: { batchRows?: number } = {}): Promise<RestoreSummary> {
  const batchRows = opts.batchRows ?? 500;
  const lines = await BackupLines.open(file);
  try {
    // The header is checked before the database is touched: a foreign file stops here.
    const header = parseHeader(await lines.next(), file);
    const summary = await db.tx(async (sql) => {
      const tables = await checkTarget(sql, header);
      // Triggers that derive rows from tickets (tier periods, last assignment) stand aside: the backup has them.
      await sql.query("SELECT set_config('relais.restoring', 'on', true)");
      const restored: RestoreSummary['tables'] = [];
      for (const expected of header.tables) {
        const block = parseBlock(await lines.next(), expected, lines.lineNo);
        const info = tables.get(expected)!;
        checkColumns(block, info);
        restored.push({ name: expected, rows: await restoreTable(sql, lines, block, info, batchRows) });
      }
      const trailer = parseTrailer(await lines.next(), lines.lineNo);
      const total = restored.reduce((n, t) => n + t.rows, 0);
      if (trailer.rows !== total || trailer.tables !== restored.length) {
        throw new BackupError(`The backup is damaged: its end says ${trailer.rows} rows in ${trailer.tables} tables, found ${total} in ${restored.length}.`);
      }
      // The restored timeline queued its entries for the automations (a trigger): they are history, not new events.
      await sql.query('DELETE FROM automation_events');
      const sequences = await restoreSequences(sql, trailer.sequences);
      // Reading to the very end also verifies the gzip checksum: a file cut in its last bytes is caught here.
      if ((await lines.next()) !== null) throw new BackupError(`The backup is damaged: unexpected data after its end (line ${lines.lineNo}).`);
      return { createdAt: header.created_at, sourceEngine: header.engine, schemaVersion: header.schema_version, tables: restored, rows: total, sequences };
    });
    await db.query('ANALYZE'); // fresh planner statistics for the restored tables
    return summary;
  } finally {
    lines.close();
  }
}

function parseJson(line: string | null, what: string, lineNo: number): Record<string, unknown> {
  if (line === null) throw new BackupError(`The backup is truncated: it ends before ${what} (line ${lineNo + 1}).`);
  try {
    const v: unknown = JSON.parse(line);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* reported below */
  }
  throw new BackupError(`The backup is damaged: line ${lineNo} is not ${what}.`);
}

function parseHeader(line: string | null, file: string): BackupHeader {
  let h: Record<string, unknown>;
  try {
    h = parseJson(line, 'a header', 1);
  } catch {
    throw new BackupError(`${file} is not a Relais backup (no relais-backup header).`);
  }
  if (h.format !== 'relais-backup') throw new BackupError(`${file} is not a Relais backup (no relais-backup header).`);
  if (h.version !== 1) {
    throw new BackupError(`${file} is a Relais backup in format version ${String(h.version)}, which this Relais cannot read (it reads version 1). Use a newer Relais.`);
  }
  const ok =
    typeof h.schema_version === 'number' && typeof h.created_at === 'string' && typeof h.engine === 'string' &&
    Array.isArray(h.tables) && h.tables.every((t) => typeof t === 'string');
  if (!ok) throw new BackupError(`${file} has a damaged header.`);
  return h as unknown as BackupHeader;
}

function parseBlock(line: string | null, expected: string, lineNo: number): TableBlock {
  const b = parseJson(line, `the start of table ${expected}`, lineNo);
  const ok =
    b.table === expected && Array.isArray(b.columns) && b.columns.every((c) => typeof c === 'string') &&
    Number.isInteger(b.rows) && (b.rows as number) >= 0 && Array.isArray(b.wrapped);
  if (!ok) throw new BackupError(`The backup is damaged: line ${lineNo} should start table ${expected}.`);
  return b as unknown as TableBlock;
}

function parseTrailer(line: string | null, lineNo: number): BackupTrailer {
  const t = parseJson(line, 'the end marker', lineNo);
  if (t.end !== 'relais-backup' || typeof t.rows !== 'number' || typeof t.tables !== 'number' || !t.sequences || typeof t.sequences !== 'object') {
    throw new BackupError(`The backup is damaged: line ${lineNo} should be its end marker.`);
  }
  return t as unknown as BackupTrailer;
}

/** Same schema version, same tables, no data yet; locks the tables so nothing writes while we restore. */
async function checkTarget(sql: Sql, header: BackupHeader): Promise<Map<string, TableInfo>> {
  const version = await currentSchemaVersion(sql);
  if (version !== header.schema_version) {
    throw new BackupError(
      version < header.schema_version
        ? `The backup has schema version ${header.schema_version} and this database ${version}: run \`relais migrate\` with a Relais that knows version ${header.schema_version} first.`
        : `The backup has schema version ${header.schema_version} but this database is at ${version}: restore it with the Relais version that wrote it, then upgrade.`,
    );
  }
  const tables = new Map((await listTables(sql)).map((t) => [t.name, t]));
  const missing = header.tables.filter((t) => !tables.has(t));
  const extra = [...tables.keys()].filter((t) => !header.tables.includes(t));
  if (missing.length || extra.length || new Set(header.tables).size !== header.tables.length) {
    throw new BackupError(`The backup's tables do not match this database (unknown: ${missing.join(', ') || 'none'}; absent from the backup: ${extra.join(', ') || 'none'}).`);
  }
  await sql.query(`LOCK TABLE ${header.tables.map(quoteIdent).join(', ')} IN EXCLUSIVE MODE`);
  const full = await tablesWithRows(sql, header.tables);
  if (full.length) {
    throw new BackupError(
      `The target database is not empty (data in: ${full.join(', ')}). Restore into an empty database: ` +
        'a new RELAIS_DATA_DIR, or a new PostgreSQL database in DATABASE_URL.',
    );
  }
  return tables;
}

function checkColumns(block: TableBlock, info: TableInfo): void {
  const have = info.columns.map((c) => c.name);
  const same = have.length === block.columns.length && have.every((c) => block.columns.includes(c));
  const jsonNullable = new Set(info.columns.filter((c) => c.isJson && !c.notNull).map((c) => c.name));
  if (!same || block.wrapped.some((w) => !jsonNullable.has(w))) {
    throw new BackupError(`The columns of table ${info.name} in the backup (${block.columns.join(', ')}) do not match this database (${have.join(', ')}).`);
  }
}

/**
 * Inserts one table's rows in batches. Columns referencing the same table (a ticket merged into a later one)
 * are first inserted empty and set at the end from a temporary table, so row order never breaks a foreign key.
 */
async function restoreTable(sql: Sql, lines: BackupLines, block: TableBlock, t: TableInfo, batchRows: number): Promise<number> {
  const q = quoteIdent;
  const self = new Set(t.selfRefColumns);
  const wrapped = new Set(block.wrapped);
  const source = `json_populate_recordset(NULL::${q(t.name)}, $1::json) AS r`;
  const values = t.columns.map((c) => {
    if (self.has(c.name)) return 'NULL';
    if (wrapped.has(c.name)) return `(r.${q(c.name)} -> 0)`;
    // row_to_json writes a JSON null as null; a NOT NULL json column can only have held the JSON null.
    if (c.isJson && c.notNull) return `coalesce(r.${q(c.name)}, 'null')`;
    return `r.${q(c.name)}`;
  });
  const insert = `INSERT INTO ${q(t.name)} (${t.columns.map((c) => q(c.name)).join(', ')})
    ${t.identityAlways ? 'OVERRIDING SYSTEM VALUE' : ''} SELECT ${values.join(', ')} FROM ${source}`;
  const temp = q(`relais_restore_${t.name}`);
  const keep = [...t.keyColumns, ...t.selfRefColumns].map(q);
  if (self.size) {
    if (!t.keyColumns.length) throw new BackupError(`Table ${t.name} references itself but has no primary key; it cannot be restored.`);
    await sql.query(`CREATE TEMP TABLE ${temp} ON COMMIT DROP AS SELECT ${keep.join(', ')} FROM ${q(t.name)} WITH NO DATA`);
  }
  const stash = `INSERT INTO ${temp} SELECT ${keep.map((c) => `r.${c}`).join(', ')} FROM ${source}
    WHERE ${t.selfRefColumns.map((c) => `r.${q(c)} IS NOT NULL`).join(' OR ')}`;

  let batch: string[] = [];
  let chars = 0;
  const flush = async () => {
    if (!batch.length) return;
    const json = `[${batch.join(',')}]`;
    await sql.query(insert, [json]);
    if (self.size) await sql.query(stash, [json]);
    batch = [];
    chars = 0;
  };
  for (let i = 0; i < block.rows; i++) {
    const line = await lines.next();
    parseJson(line, `row ${i + 1} of table ${t.name}`, lines.lineNo); // a clear message rather than a SQL error
    batch.push(line!);
    chars += line!.length;
    if (batch.length >= batchRows || chars >= BATCH_CHARS) await flush();
  }
  await flush();
  if (self.size) {
    const sets = t.selfRefColumns.map((c) => `${q(c)} = s.${q(c)}`).join(', ');
    const on = t.keyColumns.map((c) => `x.${q(c)} = s.${q(c)}`).join(' AND ');
    await sql.query(`UPDATE ${q(t.name)} AS x SET ${sets} FROM ${temp} AS s WHERE ${on}`);
    await sql.query(`DROP TABLE ${temp}`);
  }
  return block.rows;
}

/** Sets every sequence of this database to its backed-up value, so new tickets continue the numbering. */
async function restoreSequences(sql: Sql, saved: Record<string, SequenceValue>): Promise<number> {
  const names = await listSequences(sql);
  const unknown = Object.keys(saved).filter((s) => !names.includes(s));
  const absent = names.filter((s) => !(s in saved));
  if (unknown.length || absent.length) {
    throw new BackupError(`The backup's sequences do not match this database (unknown: ${unknown.join(', ') || 'none'}; absent: ${absent.join(', ') || 'none'}).`);
  }
  for (const name of names) {
    const v = saved[name]!;
    if (typeof v?.value !== 'string' || !/^-?\d+$/.test(v.value) || typeof v.is_called !== 'boolean') {
      throw new BackupError(`The backup is damaged: bad value for sequence ${name}.`);
    }
    await writeSequence(sql, name, v);
  }
  return names.length;
}
