import type { Sql } from './db.js';

export type MailboxTls = 'implicit' | 'starttls' | 'none';
export type AfterImport = 'flag' | 'move';

/** A row of `mailboxes`. `password_enc` is the encrypted password (src/security/credentials.ts). */
export interface MailboxRow {
  id: string;
  name: string;
  host: string;
  port: number;
  tls: MailboxTls;
  username: string;
  password_enc: string;
  folder: string;
  after_import: AfterImport;
  move_to: string | null;
  uid_validity: number | null;
  last_uid: number;
  enabled: boolean;
  last_polled_at: Date | null;
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface NewMailbox {
  id: string;
  name: string;
  host: string;
  port: number;
  tls: MailboxTls;
  username: string;
  passwordEnc: string;
  folder: string;
  afterImport: AfterImport;
  moveTo: string | null;
  enabled: boolean;
  createdAt: Date;
}

export async function insertMailbox(sql: Sql, m: NewMailbox): Promise<MailboxRow> {
  const row = await sql.one<MailboxRow>(
    `INSERT INTO mailboxes (id, name, host, port, tls, username, password_enc, folder, after_import, move_to, enabled,
       created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING *`,
    [m.id, m.name, m.host, m.port, m.tls, m.username, m.passwordEnc, m.folder, m.afterImport, m.moveTo, m.enabled, m.createdAt],
  );
  return row!;
}

export async function listMailboxes(sql: Sql): Promise<MailboxRow[]> {
  return sql.query<MailboxRow>('SELECT * FROM mailboxes ORDER BY lower(name), id');
}

/** The mailboxes the poller watches. */
export async function listEnabledMailboxes(sql: Sql): Promise<MailboxRow[]> {
  return sql.query<MailboxRow>('SELECT * FROM mailboxes WHERE enabled ORDER BY lower(name), id');
}

export async function findMailbox(sql: Sql, id: string): Promise<MailboxRow | undefined> {
  return sql.one<MailboxRow>('SELECT * FROM mailboxes WHERE id = $1', [id]);
}

export async function lockMailbox(sql: Sql, id: string): Promise<MailboxRow | undefined> {
  return sql.one<MailboxRow>('SELECT * FROM mailboxes WHERE id = $1 FOR UPDATE', [id]);
}

/** Names are unique case-insensitively (the unique index is on lower(name)). */
export async function findMailboxByName(sql: Sql, name: string): Promise<MailboxRow | undefined> {
  return sql.one<MailboxRow>('SELECT * FROM mailboxes WHERE lower(name) = lower($1) LIMIT 1', [name]);
}

export interface MailboxPatch {
  name?: string;
  host?: string;
  port?: number;
  tls?: MailboxTls;
  username?: string;
  passwordEnc?: string;
  folder?: string;
  afterImport?: AfterImport;
  moveTo?: string | null;
  enabled?: boolean;
  /** Another server or folder: its UIDs mean nothing here, so the poller starts over (see the poller's first pass). */
  resetProgress?: boolean;
}

const PATCH_COLUMNS = {
  name: 'name', host: 'host', port: 'port', tls: 'tls', username: 'username', passwordEnc: 'password_enc',
  folder: 'folder', afterImport: 'after_import', moveTo: 'move_to', enabled: 'enabled',
} as const satisfies Record<Exclude<keyof MailboxPatch, 'resetProgress'>, string>;

/** Writes the fields set in `patch` (and updated_at, which tells a running poller to reload the mailbox). */
export async function updateMailbox(sql: Sql, id: string, patch: MailboxPatch, at: Date): Promise<MailboxRow> {
  const params: unknown[] = [id, at];
  const sets = ['updated_at = $2'];
  for (const [field, column] of Object.entries(PATCH_COLUMNS)) {
    const value = patch[field as keyof typeof PATCH_COLUMNS];
    if (value === undefined) continue;
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  }
  if (patch.resetProgress) sets.push('uid_validity = NULL', 'last_uid = 0', 'last_error = NULL');
  const row = await sql.one<MailboxRow>(`UPDATE mailboxes SET ${sets.join(', ')} WHERE id = $1 RETURNING *`, params);
  return row!;
}

export async function deleteMailbox(sql: Sql, id: string): Promise<void> {
  await sql.query('DELETE FROM mailboxes WHERE id = $1', [id]);
}

export interface MailboxProgress {
  uidValidity: number | null;
  lastUid: number;
  polledAt: Date;
  /** undefined leaves the stored error as it is. */
  lastError?: string | null;
}

/**
 * Records where the poller stopped. Only if the row is still the version the poller loaded (`loadedAt` =
 * updated_at): after an administrator changed the server or folder, progress made on the old one is dropped.
 * Returns false when nothing was written.
 */
export async function saveMailboxProgress(sql: Sql, id: string, loadedAt: Date, p: MailboxProgress): Promise<boolean> {
  const rows = await sql.query<{ id: string }>(
    `UPDATE mailboxes SET uid_validity = $3, last_uid = $4, last_polled_at = $5,
       last_error = CASE WHEN $6::boolean THEN $7 ELSE last_error END
     WHERE id = $1 AND updated_at = $2 RETURNING id`,
    [id, loadedAt, p.uidValidity, p.lastUid, p.polledAt, p.lastError !== undefined, p.lastError ?? null],
  );
  return rows.length > 0;
}

/** Records a failed pass (the server down, a wrong password) without touching the progress. */
export async function saveMailboxError(sql: Sql, id: string, loadedAt: Date, error: string, at: Date): Promise<void> {
  await sql.query('UPDATE mailboxes SET last_error = $3, last_polled_at = $4 WHERE id = $1 AND updated_at = $2', [id, loadedAt, error, at]);
}
