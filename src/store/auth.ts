import type { AgentRole, TokenScope } from '../domain/principal.js';
import type { Sql } from './db.js';

export interface SessionRow {
  id: string;
  principal_kind: 'agent' | 'requester';
  principal_id: string;
  csrf_token: string;
  expires_at: Date;
  last_seen_at: Date;
}

export async function insertSession(
  sql: Sql,
  s: SessionRow & { ip: string | null; user_agent: string | null; created_at: Date },
): Promise<void> {
  await sql.query(
    `INSERT INTO sessions (id, principal_kind, principal_id, csrf_token, ip, user_agent, created_at, last_seen_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [s.id, s.principal_kind, s.principal_id, s.csrf_token, s.ip, s.user_agent, s.created_at, s.last_seen_at, s.expires_at],
  );
}

/** A live session with what authorization needs about its owner, in one query (this runs on every request). */
export interface SessionAuthRow extends SessionRow {
  agent_role: AgentRole | null;
  agent_active: boolean | null;
  agent_team_ids: string[];
  requester_exists: boolean;
  requester_organization_id: string | null;
  requester_sees_org_tickets: boolean;
}

export async function findSessionAuth(sql: Sql, id: string, now: Date): Promise<SessionAuthRow | undefined> {
  return sql.one<SessionAuthRow>(
    `SELECT s.id, s.principal_kind, s.principal_id, s.csrf_token, s.expires_at, s.last_seen_at,
       a.role AS agent_role, a.active AS agent_active,
       coalesce((SELECT array_agg(x.team_id) FROM agent_teams x WHERE x.agent_id = a.id), '{}') AS agent_team_ids,
       r.id IS NOT NULL AS requester_exists, r.organization_id AS requester_organization_id,
       coalesce(o.requesters_see_org_tickets, false) AS requester_sees_org_tickets
     FROM sessions s
     LEFT JOIN agents a ON s.principal_kind = 'agent' AND a.id = s.principal_id
     LEFT JOIN requesters r ON s.principal_kind = 'requester' AND r.id = s.principal_id
     LEFT JOIN organizations o ON o.id = r.organization_id
     WHERE s.id = $1 AND s.expires_at > $2`,
    [id, now],
  );
}

export async function touchSession(sql: Sql, id: string, now: Date): Promise<void> {
  await sql.query('UPDATE sessions SET last_seen_at = $2 WHERE id = $1', [id, now]);
}

export async function deleteSession(sql: Sql, id: string): Promise<void> {
  await sql.query('DELETE FROM sessions WHERE id = $1', [id]);
}

export interface AgentAuthRow {
  id: string;
  name: string;
  email: string;
  role: AgentRole;
  active: boolean;
  password_hash: string | null;
  language: string;
  team_ids: string[];
}

const AGENT_AUTH = `SELECT a.id, a.name, a.email, a.role, a.active, a.password_hash, a.language,
  coalesce(array_agg(at.team_id) FILTER (WHERE at.team_id IS NOT NULL), '{}') AS team_ids
  FROM agents a LEFT JOIN agent_teams at ON at.agent_id = a.id`;

export async function findAgentAuth(sql: Sql, id: string): Promise<AgentAuthRow | undefined> {
  return sql.one<AgentAuthRow>(`${AGENT_AUTH} WHERE a.id = $1 GROUP BY a.id`, [id]);
}

export async function findAgentAuthByEmail(sql: Sql, email: string): Promise<AgentAuthRow | undefined> {
  return sql.one<AgentAuthRow>(`${AGENT_AUTH} WHERE lower(a.email) = lower($1) GROUP BY a.id`, [email]);
}

export interface RequesterAuthRow {
  id: string;
  name: string;
  organization_id: string | null;
  sees_org_tickets: boolean;
  password_hash: string | null;
  language: string;
}

const REQUESTER_AUTH = `SELECT r.id, r.name, r.organization_id, r.password_hash, r.language,
  coalesce(o.requesters_see_org_tickets, false) AS sees_org_tickets
  FROM requesters r LEFT JOIN organizations o ON o.id = r.organization_id`;

export async function findRequesterAuth(sql: Sql, id: string): Promise<RequesterAuthRow | undefined> {
  return sql.one<RequesterAuthRow>(`${REQUESTER_AUTH} WHERE r.id = $1`, [id]);
}

export async function findRequesterAuthByEmail(sql: Sql, email: string): Promise<RequesterAuthRow | undefined> {
  return sql.one<RequesterAuthRow>(
    `${REQUESTER_AUTH} JOIN requester_identities i ON i.requester_id = r.id AND i.kind = 'email' WHERE i.value = lower($1)`,
    [email.trim()],
  );
}

/** A live API token with its owner's role, state and teams, in one query (this runs on every request). */
export interface TokenAuthRow {
  id: string;
  agent_id: string;
  scopes: TokenScope[];
  last_used_at: Date | null;
  role: AgentRole;
  active: boolean;
  team_ids: string[];
}

export async function findActiveToken(sql: Sql, tokenHash: string, now: Date): Promise<TokenAuthRow | undefined> {
  return sql.one<TokenAuthRow>(
    `SELECT t.id, t.agent_id, t.scopes, t.last_used_at, a.role, a.active,
       coalesce((SELECT array_agg(x.team_id) FROM agent_teams x WHERE x.agent_id = a.id), '{}') AS team_ids
     FROM api_tokens t JOIN agents a ON a.id = t.agent_id
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2)`,
    [tokenHash, now],
  );
}

export async function touchToken(sql: Sql, id: string, now: Date): Promise<void> {
  await sql.query('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1', [id, now]);
}
