import type { LocalizedText } from '../domain/automation/actions.js';
import type { MacroAction } from '../domain/macros.js';
import type { Sql } from './db.js';

/** A macro as stored: shared with every agent, or private to its owner (owner_id). */
export interface MacroRow {
  id: string;
  name: string;
  body: LocalizedText;
  actions: MacroAction[];
  shared: boolean;
  owner_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface MacroListRow extends MacroRow {
  owner_name: string | null;
}

const SELECT = `SELECT m.*, a.name AS owner_name FROM macros m LEFT JOIN agents a ON a.id = m.owner_id`;

export async function insertMacro(sql: Sql, m: MacroRow): Promise<MacroRow> {
  const row = await sql.one<MacroRow>(
    `INSERT INTO macros (id, name, body, actions, shared, owner_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
    [m.id, m.name, JSON.stringify(m.body), JSON.stringify(m.actions), m.shared, m.owner_id, m.created_at, m.updated_at],
  );
  return row!;
}

/**
 * The macros an agent may use: every shared one and their own; `q` matches names (any case, accents ignored).
 * By name, so the picker reads alphabetically.
 */
export async function listVisibleMacros(sql: Sql, agentId: string, q: { search?: string; limit: number }): Promise<MacroListRow[]> {
  const params: unknown[] = [agentId];
  let where = '(m.shared OR m.owner_id = $1)';
  if (q.search) {
    params.push(`%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where += ` AND lower(unaccent(m.name)) LIKE lower(unaccent($${params.length}))`;
  }
  params.push(q.limit);
  return sql.query<MacroListRow>(`${SELECT} WHERE ${where} ORDER BY lower(m.name), m.id LIMIT $${params.length}`, params);
}

export async function findMacro(sql: Sql, id: string, forUpdate = false): Promise<MacroListRow | undefined> {
  return sql.one<MacroListRow>(`${SELECT} WHERE m.id = $1${forUpdate ? ' FOR UPDATE OF m' : ''}`, [id]);
}

/** Another macro with this name in the same scope (the shared ones, or the owner's own), any case or accents. */
export async function findMacroByName(sql: Sql, name: string, scope: { shared: true } | { ownerId: string }): Promise<MacroRow | undefined> {
  const [cond, params] = 'ownerId' in scope ? ['NOT shared AND owner_id = $2', [name, scope.ownerId]] : ['shared', [name]];
  return sql.one<MacroRow>(`SELECT * FROM macros WHERE ${cond} AND lower(unaccent(name)) = lower(unaccent($1)) LIMIT 1`, params);
}

export interface MacroPatch {
  name?: string;
  body?: LocalizedText;
  actions?: MacroAction[];
  shared?: boolean;
  ownerId?: string | null;
}

export async function updateMacro(sql: Sql, id: string, patch: MacroPatch, at: Date): Promise<void> {
  await sql.query(
    `UPDATE macros SET updated_at = $2, name = coalesce($3, name), body = coalesce($4::jsonb, body),
       actions = coalesce($5::jsonb, actions), shared = coalesce($6, shared),
       owner_id = CASE WHEN $7 THEN $8::uuid ELSE owner_id END
     WHERE id = $1`,
    [
      id, at, patch.name ?? null, patch.body ? JSON.stringify(patch.body) : null,
      patch.actions ? JSON.stringify(patch.actions) : null, patch.shared ?? null, patch.ownerId !== undefined, patch.ownerId ?? null,
    ],
  );
}

export async function deleteMacro(sql: Sql, id: string): Promise<void> {
  await sql.query('DELETE FROM macros WHERE id = $1', [id]);
}
