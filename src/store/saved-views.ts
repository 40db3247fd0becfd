import type { Sql } from './db.js';

/** A saved ticket list: a name over the query string of GET /tickets. Shared views are listed to every agent. */
export interface SavedViewRow {
  id: string;
  owner_id: string;
  name: string;
  query: Record<string, string>;
  shared: boolean;
  created_at: Date;
  updated_at: Date;
}

export async function insertSavedView(sql: Sql, v: SavedViewRow): Promise<SavedViewRow> {
  const row = await sql.one<SavedViewRow>(
    `INSERT INTO saved_views (id, owner_id, name, query, shared, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [v.id, v.owner_id, v.name, JSON.stringify(v.query), v.shared, v.created_at, v.updated_at],
  );
  return row!;
}

/** The agent's own views first, then the views others share; by name within each. */
export async function listVisibleViews(sql: Sql, agentId: string): Promise<SavedViewRow[]> {
  return sql.query<SavedViewRow>(
    `SELECT * FROM saved_views WHERE owner_id = $1 OR shared
     ORDER BY (owner_id = $1) DESC, lower(name), id`,
    [agentId],
  );
}

/** Locks the owner's row: one agent's view creations then run one after the other (the per-agent limit holds). */
export async function lockViewOwner(sql: Sql, agentId: string): Promise<void> {
  await sql.query('SELECT id FROM agents WHERE id = $1 FOR NO KEY UPDATE', [agentId]);
}

export async function countOwnViews(sql: Sql, agentId: string): Promise<number> {
  const row = await sql.one<{ n: number }>('SELECT count(*)::int AS n FROM saved_views WHERE owner_id = $1', [agentId]);
  return row?.n ?? 0;
}

export async function findSavedView(sql: Sql, id: string, forUpdate = false): Promise<SavedViewRow | undefined> {
  return sql.one<SavedViewRow>(`SELECT * FROM saved_views WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
}

export interface SavedViewPatch {
  name?: string;
  query?: Record<string, string>;
  shared?: boolean;
}

export async function updateSavedView(sql: Sql, id: string, patch: SavedViewPatch, at: Date): Promise<SavedViewRow> {
  const row = await sql.one<SavedViewRow>(
    `UPDATE saved_views SET updated_at = $2, name = coalesce($3, name), query = coalesce($4::jsonb, query),
       shared = coalesce($5, shared)
     WHERE id = $1 RETURNING *`,
    [id, at, patch.name ?? null, patch.query ? JSON.stringify(patch.query) : null, patch.shared ?? null],
  );
  return row!;
}

export async function deleteSavedView(sql: Sql, id: string): Promise<void> {
  await sql.query('DELETE FROM saved_views WHERE id = $1', [id]);
}
