import type { RoutingConditions, RoutingOutcome, RoutingRule } from '../domain/routing/rules.js';
import type { SkillRef } from '../domain/skills.js';
import type { Tier } from '../domain/ticket.js';
import type { Sql } from './db.js';

interface RuleRow {
  id: string;
  name: string;
  description: string;
  position: number;
  active: boolean;
  conditions: RoutingConditions;
  team_id: string | null;
  tier: Tier | null;
  required_skills: SkillRef[];
  priority_adjust: RoutingOutcome['priority_adjust'];
  tags: string[];
  created_at: Date;
  updated_at: Date;
}

export interface StoredRoutingRule extends RoutingRule {
  description: string;
  createdAt: Date;
  updatedAt: Date;
}

const outcomeOf = (r: Omit<RuleRow, 'description' | 'created_at' | 'updated_at'>): RoutingOutcome => ({
  team_id: r.team_id, tier: r.tier, required_skills: r.required_skills, priority_adjust: r.priority_adjust, tags: r.tags,
});

const fromRow = (r: RuleRow): StoredRoutingRule => ({
  id: r.id, name: r.name, description: r.description, position: r.position, active: r.active, conditions: r.conditions,
  outcome: outcomeOf(r), createdAt: r.created_at, updatedAt: r.updated_at,
});

export async function listRoutingRules(sql: Sql): Promise<StoredRoutingRule[]> {
  return (await sql.query<RuleRow>('SELECT * FROM routing_rules ORDER BY position, name')).map(fromRow);
}

/** The active rules in the order they are tried: what the routing engine reads for every new ticket. */
export async function listActiveRoutingRules(sql: Sql): Promise<RoutingRule[]> {
  const rows = await sql.query<Omit<RuleRow, 'description' | 'created_at' | 'updated_at'>>(
    `SELECT id, name, position, active, conditions, team_id, tier, required_skills, priority_adjust, tags
       FROM routing_rules WHERE active ORDER BY position, name`,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, position: r.position, active: r.active, conditions: r.conditions, outcome: outcomeOf(r) }));
}

export async function findRoutingRule(sql: Sql, id: string, forUpdate = false): Promise<StoredRoutingRule | undefined> {
  const row = await sql.one<RuleRow>(`SELECT * FROM routing_rules WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return row ? fromRow(row) : undefined;
}

export async function findRoutingRuleByName(sql: Sql, name: string): Promise<StoredRoutingRule | undefined> {
  const row = await sql.one<RuleRow>('SELECT * FROM routing_rules WHERE lower(name) = lower($1)', [name]);
  return row ? fromRow(row) : undefined;
}

export async function countRoutingRules(sql: Sql): Promise<number> {
  return (await sql.one<{ n: number }>('SELECT count(*)::int AS n FROM routing_rules'))?.n ?? 0;
}

/** How many rules send tickets to the team (a team they name cannot be deleted). */
export async function countRoutingRulesForTeam(sql: Sql, teamId: string): Promise<number> {
  return (await sql.one<{ n: number }>('SELECT count(*)::int AS n FROM routing_rules WHERE team_id = $1', [teamId]))?.n ?? 0;
}

export type RoutingRuleWrite = Omit<StoredRoutingRule, 'createdAt' | 'updatedAt'>;

const params = (r: RoutingRuleWrite, at: Date) => [
  r.id, r.name, r.description, r.position, r.active, JSON.stringify(r.conditions), r.outcome.team_id, r.outcome.tier,
  JSON.stringify(r.outcome.required_skills), r.outcome.priority_adjust, r.outcome.tags, at,
];

export async function insertRoutingRule(sql: Sql, r: RoutingRuleWrite, at: Date): Promise<StoredRoutingRule> {
  const row = await sql.one<RuleRow>(
    `INSERT INTO routing_rules (id, name, description, position, active, conditions, team_id, tier, required_skills,
       priority_adjust, tags, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING *`,
    params(r, at),
  );
  return fromRow(row!);
}

export async function updateRoutingRule(sql: Sql, r: RoutingRuleWrite, at: Date): Promise<StoredRoutingRule> {
  const row = await sql.one<RuleRow>(
    `UPDATE routing_rules SET name = $2, description = $3, position = $4, active = $5, conditions = $6, team_id = $7,
       tier = $8, required_skills = $9, priority_adjust = $10, tags = $11, updated_at = $12 WHERE id = $1 RETURNING *`,
    params(r, at),
  );
  return fromRow(row!);
}

export async function deleteRoutingRule(sql: Sql, id: string): Promise<void> {
  await sql.query('DELETE FROM routing_rules WHERE id = $1', [id]);
}

/** Rewrites positions 1..n in the given order (ids not listed keep their relative order after them). */
export async function reorderRoutingRules(sql: Sql, ids: readonly string[], at: Date): Promise<void> {
  await sql.query(
    `WITH wanted AS (SELECT id, ord FROM unnest($1::uuid[]) WITH ORDINALITY AS w(id, ord)),
     ranked AS (
       SELECT r.id, row_number() OVER (ORDER BY w.ord NULLS LAST, r.position, r.name) AS pos
       FROM routing_rules r LEFT JOIN wanted w ON w.id = r.id)
     UPDATE routing_rules r SET position = k.pos, updated_at = $2 FROM ranked k WHERE k.id = r.id AND r.position <> k.pos`,
    [[...ids], at],
  );
}

/**
 * Catalogue skills by English name (accents and case ignored), for rules written by name (the demo's); names not
 * in the catalogue are simply absent from the map.
 */
export async function skillIdsByEnglishName(sql: Sql, names: readonly string[]): Promise<Map<string, string>> {
  if (!names.length) return new Map();
  const rows = await sql.query<{ id: string; name_en: string }>(
    'SELECT id, name_en FROM skills WHERE lower(unaccent(name_en)) = ANY (SELECT lower(unaccent(n)) FROM unnest($1::text[]) n)',
    [[...names]],
  );
  const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return new Map(names.flatMap((n) => {
    const hit = rows.find((r) => fold(r.name_en) === fold(n));
    return hit ? [[n, hit.id] as const] : [];
  }));
}
