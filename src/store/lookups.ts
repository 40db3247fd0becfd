import type { Sql } from './db.js';

/** Small existence checks the ticket use cases need before they write a reference. */
export async function teamExists(sql: Sql, id: string): Promise<boolean> {
  return (await sql.one('SELECT 1 AS x FROM teams WHERE id = $1', [id])) !== undefined;
}

export async function categoryExists(sql: Sql, id: string): Promise<boolean> {
  return (await sql.one('SELECT 1 AS x FROM categories WHERE id = $1', [id])) !== undefined;
}

export async function organizationExists(sql: Sql, id: string): Promise<boolean> {
  return (await sql.one('SELECT 1 AS x FROM organizations WHERE id = $1', [id])) !== undefined;
}
