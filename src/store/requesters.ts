import type { Sql } from './db.js';

export interface RequesterRow {
  id: string;
  name: string;
  organization_id: string | null;
  language: string;
  time_zone: string;
  password_hash: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface IdentityRow {
  id: string;
  requester_id: string;
  kind: 'email' | 'phone';
  value: string;
  is_primary: boolean;
}

/** Email addresses are matched case-insensitively; phone numbers keep only + and digits. */
export function normalizeIdentity(kind: 'email' | 'phone', value: string): string {
  return kind === 'email' ? value.trim().toLowerCase() : value.replace(/[^\d+]/g, '');
}

export async function findRequesterById(sql: Sql, id: string): Promise<RequesterRow | undefined> {
  return sql.one<RequesterRow>('SELECT * FROM requesters WHERE id = $1', [id]);
}

export async function findRequesterByIdentity(
  sql: Sql,
  kind: 'email' | 'phone',
  value: string,
): Promise<RequesterRow | undefined> {
  return sql.one<RequesterRow>(
    `SELECT r.* FROM requesters r JOIN requester_identities i ON i.requester_id = r.id
     WHERE i.kind = $1 AND i.value = $2`,
    [kind, normalizeIdentity(kind, value)],
  );
}

export async function insertRequester(
  sql: Sql,
  r: Omit<RequesterRow, 'updated_at'>,
  identities: ReadonlyArray<{ id: string; kind: 'email' | 'phone'; value: string; isPrimary: boolean }>,
): Promise<RequesterRow> {
  const row = await sql.one<RequesterRow>(
    `INSERT INTO requesters (id, name, organization_id, language, time_zone, password_hash, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING *`,
    [r.id, r.name, r.organization_id, r.language, r.time_zone, r.password_hash, r.created_at],
  );
  for (const i of identities) {
    await sql.query(
      `INSERT INTO requester_identities (id, requester_id, kind, value, is_primary, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [i.id, r.id, i.kind, normalizeIdentity(i.kind, i.value), i.isPrimary, r.created_at],
    );
  }
  return row!;
}

export async function listIdentities(sql: Sql, requesterIds: readonly string[]): Promise<IdentityRow[]> {
  return sql.query<IdentityRow>(
    'SELECT id, requester_id, kind, value, is_primary FROM requester_identities WHERE requester_id = ANY($1::uuid[]) ORDER BY is_primary DESC, created_at',
    [requesterIds],
  );
}
