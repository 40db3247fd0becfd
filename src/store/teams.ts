import type { Tier } from '../domain/ticket.js';
import type { Sql } from './db.js';

/** push: Relais assigns the team's tickets; pull: agents take the next one themselves. */
export type AssignmentMode = 'push' | 'pull';

export interface TeamRow {
  id: string;
  name: string;
  description: string;
  /** The team's business-hours calendar (null: the default calendar). */
  calendar_id: string | null;
  /** The team lead, whom escalations can notify. */
  lead_id: string | null;
  assignment_mode: AssignmentMode;
  /** The support level the team works at; null outside the ladder (development, infrastructure). */
  tier: Tier | null;
  created_at: Date;
  updated_at: Date;
}

export async function insertTeam(
  sql: Sql,
  t: {
    id: string; name: string; description: string; calendarId?: string | null; assignmentMode?: AssignmentMode; tier?: Tier | null;
    createdAt: Date;
  },
) {
  const row = await sql.one<TeamRow>(
    `INSERT INTO teams (id, name, description, calendar_id, assignment_mode, tier, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING *`,
    [t.id, t.name, t.description, t.calendarId ?? null, t.assignmentMode ?? 'push', t.tier ?? null, t.createdAt],
  );
  return row!;
}

export async function listTeams(sql: Sql): Promise<TeamRow[]> {
  return sql.query<TeamRow>('SELECT * FROM teams ORDER BY name');
}

export async function findTeam(sql: Sql, id: string): Promise<TeamRow | undefined> {
  return sql.one<TeamRow>('SELECT * FROM teams WHERE id = $1', [id]);
}

export interface TeamListRow extends TeamRow {
  member_count: number;
}

export async function listTeamsWithCounts(sql: Sql): Promise<TeamListRow[]> {
  return sql.query<TeamListRow>(
    `SELECT t.*, (SELECT count(*) FROM agent_teams x JOIN agents a ON a.id = x.agent_id
       WHERE x.team_id = t.id AND a.active)::int AS member_count
     FROM teams t ORDER BY t.name, t.id`,
  );
}

/** The first team (by name) working at this support level: where "the L1 service desk" is. */
export async function findTeamByTier(sql: Sql, tier: Tier): Promise<TeamRow | undefined> {
  return sql.one<TeamRow>('SELECT * FROM teams WHERE tier = $1 ORDER BY name, id LIMIT 1', [tier]);
}

export async function findTeamByName(sql: Sql, name: string): Promise<TeamRow | undefined> {
  // unaccent first: lower() leaves É alone under the C locale, and Équipe / Equipe are the same team to people.
  return sql.one<TeamRow>('SELECT * FROM teams WHERE lower(unaccent(name)) = lower(unaccent($1)) LIMIT 1', [name]);
}

export interface TeamMemberRow {
  id: string;
  name: string;
  email: string;
  role: string;
  tier: string;
  active: boolean;
}

export async function listTeamMembers(sql: Sql, teamId: string): Promise<TeamMemberRow[]> {
  return sql.query<TeamMemberRow>(
    `SELECT a.id, a.name, a.email, a.role, a.tier, a.active FROM agents a JOIN agent_teams x ON x.agent_id = a.id
     WHERE x.team_id = $1 ORDER BY a.active DESC, a.name, a.id`,
    [teamId],
  );
}

export interface TeamPatch {
  name?: string;
  description?: string;
  /** undefined: unchanged; null: cleared. */
  calendarId?: string | null;
  leadId?: string | null;
  assignmentMode?: AssignmentMode;
  tier?: Tier | null;
}

export async function updateTeam(sql: Sql, id: string, patch: TeamPatch, at: Date) {
  await sql.query(
    `UPDATE teams SET name = coalesce($2, name), description = coalesce($3, description),
       calendar_id = CASE WHEN $4::boolean THEN $5::uuid ELSE calendar_id END,
       lead_id = CASE WHEN $6::boolean THEN $7::uuid ELSE lead_id END, updated_at = $8,
       assignment_mode = coalesce($9, assignment_mode), tier = CASE WHEN $10::boolean THEN $11::text ELSE tier END
     WHERE id = $1`,
    [id, patch.name ?? null, patch.description ?? null, patch.calendarId !== undefined, patch.calendarId ?? null,
      patch.leadId !== undefined, patch.leadId ?? null, at, patch.assignmentMode ?? null, patch.tier !== undefined, patch.tier ?? null],
  );
}

/** How many tickets point at the team (any status): a team with tickets cannot be deleted. */
export async function countTeamTickets(sql: Sql, id: string): Promise<number> {
  const row = await sql.one<{ n: number }>('SELECT count(*)::int AS n FROM tickets WHERE team_id = $1', [id]);
  return row?.n ?? 0;
}

/** Deletes a team; memberships go with it (ON DELETE CASCADE). The row is locked first by the caller. */
export async function deleteTeam(sql: Sql, id: string): Promise<void> {
  await sql.query('DELETE FROM teams WHERE id = $1', [id]);
}

export async function lockTeam(sql: Sql, id: string): Promise<TeamRow | undefined> {
  return sql.one<TeamRow>('SELECT * FROM teams WHERE id = $1 FOR UPDATE', [id]);
}
