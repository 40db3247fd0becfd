import path from 'node:path';
import type { Config } from '../config/config.js';
import { restoreBackup, writeBackup } from '../store/backup.js';
import { describeTarget, openConfigured } from './runtime.js';

/** `relais backup FILE`: a logical backup of the configured database. */
export async function backupCommand(file: string, config?: Config): Promise<void> {
  const target = path.resolve(file);
  const { config: c, db } = await openConfigured(config);
  try {
    const s = await writeBackup(db, target, { createdAt: new Date() });
    const biggest = [...s.tables].sort((a, b) => b.rows - a.rows).slice(0, 4);
    console.log(
      `Backup of the ${describeTarget(c)} written to ${s.file}: ${s.rows} rows in ${s.tables.length} tables ` +
        `(${biggest.map((t) => `${t.name} ${t.rows}`).join(', ')}), ${s.sequences} sequences, ` +
        `${formatBytes(s.bytes)}, schema version ${s.schemaVersion}.`,
    );
  } finally {
    await db.close();
  }
}

/** `relais restore FILE`: loads a backup into the configured database, which must be empty. */
export async function restoreCommand(file: string, config?: Config): Promise<void> {
  const { config: c, db } = await openConfigured(config);
  try {
    const s = await restoreBackup(db, path.resolve(file));
    console.log(
      `Restored ${s.rows} rows in ${s.tables.length} tables and ${s.sequences} sequences into the ${describeTarget(c)} ` +
        `(backup of ${s.createdAt} from the ${s.sourceEngine} engine, schema version ${s.schemaVersion}).`,
    );
  } finally {
    await db.close();
  }
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
