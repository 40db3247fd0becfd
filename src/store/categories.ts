import type { Sql } from './db.js';

export interface CategoryRow {
  id: string;
  parent_id: string | null;
  name_fr: string;
  name_en: string;
  /** '/root-id/…/own-id/' */
  path: string;
  created_at: Date;
}

export async function insertCategory(sql: Sql, c: CategoryRow): Promise<CategoryRow> {
  const row = await sql.one<CategoryRow>(
    `INSERT INTO categories (id, parent_id, name_fr, name_en, path, created_at) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING id, parent_id, name_fr, name_en, path, created_at`,
    [c.id, c.parent_id, c.name_fr, c.name_en, c.path, c.created_at],
  );
  return row!;
}

export async function findCategory(sql: Sql, id: string): Promise<CategoryRow | undefined> {
  return sql.one<CategoryRow>('SELECT id, parent_id, name_fr, name_en, path, created_at FROM categories WHERE id = $1', [id]);
}

export async function listCategories(sql: Sql): Promise<CategoryRow[]> {
  return sql.query<CategoryRow>('SELECT id, parent_id, name_fr, name_en, path, created_at FROM categories ORDER BY path');
}

/**
 * Serializes category writes for the rest of the transaction. Two concurrent moves (A under B, B under A) would
 * each pass the cycle check on their own; taking this lock first makes the second one see the first.
 * Readers are not blocked.
 */
export async function lockCategoryTree(sql: Sql): Promise<void> {
  await sql.query('LOCK TABLE categories IN SHARE ROW EXCLUSIVE MODE');
}

/** A sibling (same parent) with this French or English name, ignoring case and accents, other than `exceptId`. */
export async function findSiblingByName(
  sql: Sql,
  parentId: string | null,
  names: { fr: string; en: string },
  exceptId: string | null,
): Promise<CategoryRow | undefined> {
  return sql.one<CategoryRow>(
    `SELECT id, parent_id, name_fr, name_en, path, created_at FROM categories
     WHERE parent_id IS NOT DISTINCT FROM $1::uuid AND (lower(unaccent(name_fr)) = lower(unaccent($2)) OR lower(unaccent(name_en)) = lower(unaccent($3)))
       AND ($4::uuid IS NULL OR id <> $4::uuid)
     LIMIT 1`,
    [parentId, names.fr, names.en, exceptId],
  );
}

export async function renameCategory(sql: Sql, id: string, names: { fr: string; en: string }): Promise<void> {
  await sql.query('UPDATE categories SET name_fr = $2, name_en = $3 WHERE id = $1', [id, names.fr, names.en]);
}

/**
 * Moves a category and its whole subtree: sets the new parent and rewrites every materialized path that starts
 * with the old one, in one statement.
 */
export async function moveCategory(sql: Sql, id: string, newParentId: string | null, oldPath: string, newPath: string) {
  await sql.query('UPDATE categories SET parent_id = $2 WHERE id = $1', [id, newParentId]);
  await sql.query(
    `UPDATE categories SET path = $2::text || substr(path, length($1::text) + 1) WHERE left(path, length($1::text)) = $1::text`,
    [oldPath, newPath],
  );
}
