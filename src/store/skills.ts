import type { SkillKind } from '../domain/skills.js';
import type { Tier } from '../domain/ticket.js';
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

/** A catalogue entry with how many active agents hold it. */
export interface SkillListRow extends SkillRow {
  agent_count: number;
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

const LIST_SELECT = `SELECT s.*, (SELECT count(*) FROM agent_skills x JOIN agents a ON a.id = x.agent_id
  WHERE x.skill_id = s.id AND a.active)::int AS agent_count FROM skills s`;

export interface SkillFilter {
  kind?: SkillKind;
  active?: boolean;
  /** Part of either name, accents and case ignored. */
  q?: string;
}

/** The catalogue: domains first, then brands, each by English name. */
export async function listSkills(sql: Sql, f: SkillFilter = {}): Promise<SkillListRow[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (f.kind) {
    params.push(f.kind);
    where.push(`s.kind = $${params.length}`);
  }
  if (f.active !== undefined) {
    params.push(f.active);
    where.push(`s.active = $${params.length}`);
  }
  if (f.q) {
    params.push(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(unaccent(s.name_en) ILIKE unaccent($${params.length}) OR unaccent(s.name_fr) ILIKE unaccent($${params.length}))`);
  }
  return sql.query<SkillListRow>(
    `${LIST_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.kind DESC, lower(s.name_en), s.id`,
    params,
  );
}

export async function countSkills(sql: Sql): Promise<number> {
  return (await sql.one<{ n: number }>('SELECT count(*)::int AS n FROM skills'))!.n;
}

export async function findSkill(sql: Sql, id: string): Promise<SkillListRow | undefined> {
  return sql.one<SkillListRow>(`${LIST_SELECT} WHERE s.id = $1`, [id]);
}

/**
 * Serializes catalogue writes for the rest of the transaction, so that the name check before an insert or a
 * rename cannot race another one (reads and agents' skill edits are not blocked).
 */
export async function lockSkillCatalogue(sql: Sql): Promise<void> {
  await sql.query('LOCK TABLE skills IN SHARE ROW EXCLUSIVE MODE');
}

export async function insertSkill(sql: Sql, s: Omit<SkillRow, 'created_at' | 'updated_at'>, at: Date): Promise<void> {
  await sql.query(
    'INSERT INTO skills (id, kind, name_en, name_fr, active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)',
    [s.id, s.kind, s.name_en, s.name_fr, s.active, at],
  );
}

export type SkillPatch = Partial<Pick<SkillRow, 'kind' | 'name_en' | 'name_fr' | 'active'>>;

export async function updateSkill(sql: Sql, id: string, p: SkillPatch, at: Date): Promise<void> {
  await sql.query(
    `UPDATE skills SET kind = coalesce($2, kind), name_en = coalesce($3, name_en), name_fr = coalesce($4, name_fr),
       active = coalesce($5, active), updated_at = $6 WHERE id = $1`,
    [id, p.kind ?? null, p.name_en ?? null, p.name_fr ?? null, p.active ?? null, at],
  );
}

export async function deleteSkill(sql: Sql, id: string): Promise<void> {
  await sql.query('DELETE FROM skills WHERE id = $1', [id]);
}

/** What still needs a skill: agents holding it (active or not), routing rules and unfinished tickets requiring it. */
export interface SkillUsage {
  agent_count: number;
  routing_rule_count: number;
  open_ticket_count: number;
}

export async function skillUsage(sql: Sql, id: string): Promise<SkillUsage> {
  // required_skills holds [{ skill_id, level }]: containment finds the skill whatever the level.
  const needle = JSON.stringify([{ skill_id: id }]);
  return (await sql.one<SkillUsage>(
    `SELECT (SELECT count(*) FROM agent_skills WHERE skill_id = $1)::int AS agent_count,
       (SELECT count(*) FROM routing_rules WHERE required_skills @> $2::jsonb)::int AS routing_rule_count,
       (SELECT count(*) FROM tickets WHERE status NOT IN ('resolved', 'closed') AND required_skills @> $2::jsonb)::int
         AS open_ticket_count`,
    [id, needle],
  ))!;
}

/** An agent who holds a skill, at their level. */
export interface SkillHolderRow {
  id: string;
  name: string;
  email: string;
  tier: Tier;
  active: boolean;
  availability: 'online' | 'away' | 'offline';
  level: 1 | 2 | 3;
  team_ids: string[];
}

/** The agents holding a skill, experts first ("who knows Cisco?"). */
export async function listSkillHolders(sql: Sql, skillId: string): Promise<SkillHolderRow[]> {
  return sql.query<SkillHolderRow>(
    `SELECT a.id, a.name, a.email, a.tier, a.active, a.availability, x.level::int AS level,
       coalesce((SELECT array_agg(t.team_id ORDER BY t.team_id) FROM agent_teams t WHERE t.agent_id = a.id), '{}') AS team_ids
     FROM agent_skills x JOIN agents a ON a.id = x.agent_id
     WHERE x.skill_id = $1 ORDER BY a.active DESC, x.level DESC, a.name, a.id`,
    [skillId],
  );
}
