import type { Sql } from './db.js';

export interface TeamRow {
  id: string;
  name: string;
  description: string;
  created_at: Date;
  updated_at: Date;
}

export async function insertTeam(sql: Sql, t: { id: string; name: string; description: string; createdAt: Date }) {
  const row = await sql.one<TeamRow>(
    `INSERT INTO teams (id, name, description, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING *`,
    [t.id, t.name, t.description, t.createdAt],
  );
  return row!;
}

export async function listTeams(sql: Sql): Promise<TeamRow[]> {
  return sql.query<TeamRow>('SELECT * FROM teams ORDER BY name');
}

export async function findTeam(sql: Sql, id: string): Promise<TeamRow | undefined> {
  return sql.one<TeamRow>('SELECT * FROM teams WHERE id = $1', [id]);
}
