import type { SkillKind } from '../domain/skills.js';
import type { Sql } from './db.js';

export interface SkillRow {
  id: string;
  kind: SkillKind;
  name_en: string;
  name_fr: string;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

/** The ids among `ids` that are not in the catalogue. */
export async function unknownSkillIds(sql: Sql, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await sql.query<{ id: string }>('SELECT id FROM skills WHERE id = ANY($1::uuid[])', [ids]);
  const known = new Set(rows.map((r) => r.id));
  return [...new Set(ids)].filter((id) => !known.has(id));
}

/** Skills by id (for explanations and presenting required skills). */
export async function findSkills(sql: Sql, ids: readonly string[]): Promise<SkillRow[]> {
  if (!ids.length) return [];
  return sql.query<SkillRow>('SELECT * FROM skills WHERE id = ANY($1::uuid[])', [ids]);
}
