import type { Sql } from './db.js';
import { updateRow } from './update-row.js';

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

/** A requester with their organization's name, for the directory. */
export interface RequesterListRow extends RequesterRow {
  organization_name: string | null;
}

const REQUESTER_LIST_SELECT = `SELECT r.*, o.name AS organization_name
  FROM requesters r LEFT JOIN organizations o ON o.id = r.organization_id`;

export async function findRequesterWithOrg(sql: Sql, id: string): Promise<RequesterListRow | undefined> {
  return sql.one<RequesterListRow>(`${REQUESTER_LIST_SELECT} WHERE r.id = $1`, [id]);
}

/**
 * Requesters by name, keyset-paginated on (name, id). `q` matches the name (accent-insensitive) or any email
 * address or phone number of the requester.
 */
export async function listRequesters(
  sql: Sql,
  q: { q?: string; organizationId?: string; after: [string, string] | null; limit: number },
): Promise<RequesterListRow[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (q.q) {
    params.push(`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const p = `$${params.length}`;
    where.push(`(unaccent(r.name) ILIKE unaccent(${p})
      OR EXISTS (SELECT 1 FROM requester_identities i WHERE i.requester_id = r.id AND i.value ILIKE ${p}))`);
  }
  if (q.organizationId) {
    params.push(q.organizationId);
    where.push(`r.organization_id = $${params.length}`);
  }
  if (q.after) {
    params.push(q.after[0], q.after[1]);
    where.push(`(r.name, r.id) > ($${params.length - 1}, $${params.length}::uuid)`);
  }
  params.push(q.limit);
  return sql.query<RequesterListRow>(
    `${REQUESTER_LIST_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.name, r.id LIMIT $${params.length}`,
    params,
  );
}

export interface RequesterPatch {
  name?: string;
  organizationId?: string | null;
  language?: string;
  timeZone?: string;
  passwordHash?: string | null;
}

export async function updateRequester(sql: Sql, id: string, patch: RequesterPatch, at: Date): Promise<void> {
  await updateRow(sql, 'requesters', id, at, {
    name: patch.name,
    organization_id: patch.organizationId,
    language: patch.language,
    time_zone: patch.timeZone,
    password_hash: patch.passwordHash,
  });
}

/** Which requester, if any, already owns this address or number (normalized). */
export async function findIdentityOwner(sql: Sql, kind: 'email' | 'phone', value: string): Promise<string | undefined> {
  const row = await sql.one<{ requester_id: string }>(
    'SELECT requester_id FROM requester_identities WHERE kind = $1 AND value = $2',
    [kind, normalizeIdentity(kind, value)],
  );
  return row?.requester_id;
}

export async function insertIdentity(
  sql: Sql,
  i: { id: string; requesterId: string; kind: 'email' | 'phone'; value: string; isPrimary: boolean; createdAt: Date },
): Promise<void> {
  await sql.query(
    `INSERT INTO requester_identities (id, requester_id, kind, value, is_primary, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [i.id, i.requesterId, i.kind, normalizeIdentity(i.kind, i.value), i.isPrimary, i.createdAt],
  );
}

export async function deleteIdentity(sql: Sql, requesterId: string, identityId: string): Promise<void> {
  await sql.query('DELETE FROM requester_identities WHERE id = $1 AND requester_id = $2', [identityId, requesterId]);
}

/** Makes `identityId` the primary identity of its kind, and no other. */
export async function setPrimaryIdentity(sql: Sql, requesterId: string, identityId: string): Promise<void> {
  await sql.query(
    `UPDATE requester_identities SET is_primary = (id = $2)
     WHERE requester_id = $1 AND kind = (SELECT kind FROM requester_identities WHERE id = $2)`,
    [requesterId, identityId],
  );
}

/** Locks the requester's row so that concurrent identity changes apply one after the other. */
export async function lockRequester(sql: Sql, id: string): Promise<RequesterRow | undefined> {
  return sql.one<RequesterRow>('SELECT * FROM requesters WHERE id = $1 FOR UPDATE', [id]);
}
