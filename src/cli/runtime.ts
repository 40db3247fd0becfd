import { loadConfig, type Config } from '../config/config.js';
import { openDatabase, type Database } from '../store/db.js';
import { migrate } from '../store/migrate.js';

/** Opens the configured database and applies pending migrations: what every command starts with. */
export async function openConfigured(config: Config = loadConfig()): Promise<{ config: Config; db: Database }> {
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? null : config.dataDir,
    poolSize: config.poolSize,
  });
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return { config, db };
}

/** Where the data lives, in words, for messages. */
export const describeTarget = (config: Config): string =>
  config.databaseUrl ? `PostgreSQL server (${redactUrl(config.databaseUrl)})` : `embedded database in ${config.dataDir}`;

/** Hides the password of a database URL. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}
