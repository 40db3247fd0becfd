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

export interface AssignableAgent {
  id: string;
  name: string;
  active: boolean;
  team_ids: string[];
}

export async function findAssignableAgent(sql: Sql, id: string): Promise<AssignableAgent | undefined> {
  return sql.one<AssignableAgent>(
    `SELECT a.id, a.name, a.active,
       coalesce(array_agg(at.team_id) FILTER (WHERE at.team_id IS NOT NULL), '{}') AS team_ids
     FROM agents a LEFT JOIN agent_teams at ON at.agent_id = a.id WHERE a.id = $1 GROUP BY a.id`,
    [id],
  );
}
