import type { AgentRole } from '../domain/principal.js';
import type { WorkingHours } from '../domain/routing/availability.js';
import type { AgentStatus } from '../domain/routing/ranking.js';
import type { SkillKind, SkillRef } from '../domain/skills.js';
import type { Tier } from '../domain/ticket.js';
import type { Sql } from './db.js';
import { updateRow } from './update-row.js';

/** A skill the agent holds, with its catalogue names. */
export interface HeldSkill extends SkillRef {
  kind: SkillKind;
  name_en: string;
  name_fr: string;
}

export interface AgentRow {
  id: string;
  name: string;
  email: string;
  role: AgentRole;
  tier: Tier;
  language: string;
  time_zone: string;
  skills: HeldSkill[];
  active: boolean;
  created_at: Date;
  updated_at: Date;
  team_ids: string[];
  // Availability (see src/domain/routing/availability.ts).
  availability: AgentStatus;
  availability_changed_at: Date | null;
  working_hours: WorkingHours | null;
  /** Most open tickets automatic assignment gives them; null: no limit. */
  capacity: number | null;
  ooo_from: Date | null;
  ooo_until: Date | null;
  ooo_delegate_id: string | null;
  last_assigned_at: Date | null;
  /** Tickets assigned to them and not resolved or closed. */
  open_tickets: number;
}

export interface NewAgent {
  id: string;
  name: string;
  email: string;
  passwordHash: string | null;
  role: AgentRole;
  tier: Tier;
  language: string;
  timeZone: string;
  teamIds: readonly string[];
  skills?: readonly SkillRef[];
  createdAt: Date;
}

const AGENT_SELECT = `SELECT a.id, a.name, a.email, a.role, a.tier, a.language, a.time_zone, a.active,
  coalesce((SELECT jsonb_agg(jsonb_build_object('skill_id', s.id, 'level', x.level, 'kind', s.kind, 'name_en', s.name_en,
    'name_fr', s.name_fr) ORDER BY lower(s.name_en)) FROM agent_skills x JOIN skills s ON s.id = x.skill_id
    WHERE x.agent_id = a.id), '[]') AS skills,
  a.created_at, a.updated_at,
  a.availability, a.availability_changed_at, a.working_hours, a.capacity, a.ooo_from, a.ooo_until, a.ooo_delegate_id,
  a.last_assigned_at,
  (SELECT count(*)::int FROM tickets t WHERE t.assignee_id = a.id AND t.status NOT IN ('resolved', 'closed')) AS open_tickets,
  coalesce(array_agg(at.team_id ORDER BY at.team_id) FILTER (WHERE at.team_id IS NOT NULL), '{}') AS team_ids
  FROM agents a LEFT JOIN agent_teams at ON at.agent_id = a.id`;

export async function insertAgent(sql: Sql, a: NewAgent): Promise<AgentRow> {
  await sql.query(
    `INSERT INTO agents (id, name, email, password_hash, role, tier, language, time_zone, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
    [a.id, a.name, a.email.trim().toLowerCase(), a.passwordHash, a.role, a.tier, a.language, a.timeZone, a.createdAt],
  );
  await setAgentTeams(sql, a.id, a.teamIds);
  if (a.skills?.length) await setAgentSkills(sql, a.id, a.skills);
  return (await findAgent(sql, a.id))!;
}

export async function setAgentTeams(sql: Sql, agentId: string, teamIds: readonly string[]): Promise<void> {
  await sql.query('DELETE FROM agent_teams WHERE agent_id = $1', [agentId]);
  if (teamIds.length) {
    await sql.query('INSERT INTO agent_teams (agent_id, team_id) SELECT $1, unnest($2::uuid[])', [agentId, teamIds]);
  }
}

/** Replaces an agent's skills (ids from the catalogue, checked by the caller). */
export async function setAgentSkills(sql: Sql, agentId: string, skills: readonly SkillRef[]): Promise<void> {
  await sql.query('DELETE FROM agent_skills WHERE agent_id = $1', [agentId]);
  if (skills.length) {
    await sql.query(
      'INSERT INTO agent_skills (agent_id, skill_id, level) SELECT $1, unnest($2::uuid[]), unnest($3::smallint[])',
      [agentId, skills.map((s) => s.skill_id), skills.map((s) => s.level)],
    );
  }
}

export async function findAgent(sql: Sql, id: string): Promise<AgentRow | undefined> {
  return sql.one<AgentRow>(`${AGENT_SELECT} WHERE a.id = $1 GROUP BY a.id`, [id]);
}

export async function findAgentByEmail(sql: Sql, email: string): Promise<AgentRow | undefined> {
  return sql.one<AgentRow>(`${AGENT_SELECT} WHERE lower(a.email) = lower($1) GROUP BY a.id`, [email.trim()]);
}

export interface AgentPatch {
  name?: string;
  role?: AgentRole;
  tier?: Tier;
  language?: string;
  timeZone?: string;
  active?: boolean;
  passwordHash?: string;
  skills?: readonly SkillRef[];
}

export async function updateAgent(sql: Sql, id: string, patch: AgentPatch, at: Date): Promise<void> {
  await updateRow(sql, 'agents', id, at, {
    name: patch.name,
    role: patch.role,
    tier: patch.tier,
    language: patch.language,
    time_zone: patch.timeZone,
    active: patch.active,
    password_hash: patch.passwordHash,
  });
  if (patch.skills !== undefined) await setAgentSkills(sql, id, patch.skills);
}

/**
 * Locks every active administrator's row until the transaction ends and returns their ids. Two admins demoting
 * each other at the same time then run one after the other, so the last admin cannot be removed by a race.
 */
export async function lockActiveAdmins(sql: Sql): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    "SELECT id FROM agents WHERE role = 'admin' AND active ORDER BY id FOR UPDATE",
  );
  return rows.map((r) => r.id);
}

/** Agents by name with optional filters, including inactive ones when asked. */
export async function searchAgents(
  sql: Sql,
  opts: { teamId?: string; role?: AgentRole; active?: boolean; q?: string },
): Promise<AgentRow[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (opts.active !== undefined) {
    params.push(opts.active);
    where.push(`a.active = $${params.length}`);
  }
  if (opts.role) {
    params.push(opts.role);
    where.push(`a.role = $${params.length}`);
  }
  if (opts.teamId) {
    params.push(opts.teamId);
    where.push(`EXISTS (SELECT 1 FROM agent_teams x WHERE x.agent_id = a.id AND x.team_id = $${params.length})`);
  }
  if (opts.q) {
    params.push(`%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(unaccent(a.name) ILIKE unaccent($${params.length}) OR a.email ILIKE $${params.length})`);
  }
  return sql.query<AgentRow>(
    `${AGENT_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY a.id ORDER BY a.name, a.id`,
    params,
  );
}

/**
 * Signs an agent out everywhere except, optionally, the session making the change (after a password change the
 * person keeps working; every other device must sign in again).
 */
export async function deleteAgentSessions(sql: Sql, agentId: string, keepSessionId: string | null): Promise<void> {
  await sql.query(
    `DELETE FROM sessions WHERE principal_kind = 'agent' AND principal_id = $1 AND ($2::text IS NULL OR id <> $2::text)`,
    [agentId, keepSessionId],
  );
}
