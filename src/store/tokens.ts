import type { TokenScope } from '../domain/principal.js';
import type { Sql } from './db.js';

export interface TokenRow {
  id: string;
  agent_id: string;
  name: string;
  prefix: string;
  scopes: TokenScope[];
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export async function insertToken(
  sql: Sql,
  t: Omit<TokenRow, 'last_used_at' | 'revoked_at'> & { token_hash: string },
): Promise<TokenRow> {
  const row = await sql.one<TokenRow>(
    `INSERT INTO api_tokens (id, agent_id, name, prefix, token_hash, scopes, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     RETURNING id, agent_id, name, prefix, scopes, created_at, expires_at, last_used_at, revoked_at`,
    [t.id, t.agent_id, t.name, t.prefix, t.token_hash, t.scopes, t.created_at, t.expires_at],
  );
  return row!;
}

export async function listTokens(sql: Sql, agentId: string | null): Promise<TokenRow[]> {
  return sql.query<TokenRow>(
    `SELECT id, agent_id, name, prefix, scopes, created_at, expires_at, last_used_at, revoked_at FROM api_tokens
     ${agentId ? 'WHERE agent_id = $1' : ''} ORDER BY created_at DESC`,
    agentId ? [agentId] : [],
  );
}

export async function findToken(sql: Sql, id: string): Promise<TokenRow | undefined> {
  return sql.one<TokenRow>(
    'SELECT id, agent_id, name, prefix, scopes, created_at, expires_at, last_used_at, revoked_at FROM api_tokens WHERE id = $1',
    [id],
  );
}

export async function revokeToken(sql: Sql, id: string, at: Date): Promise<void> {
  await sql.query('UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [id, at]);
}
