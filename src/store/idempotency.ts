import type { Sql } from './db.js';

export interface IdempotencyClaim {
  principal: string;
  key: string;
  route: string;
  requestHash: string;
}

/**
 * Claims an idempotency key inside the caller's transaction. Returns null when the key is new (the caller
 * creates the resource and calls `completeIdempotency`), or the id of the resource created by an earlier request.
 * A concurrent request with the same key waits on the unique index until the first one commits.
 */
export async function claimIdempotency(
  sql: Sql,
  c: IdempotencyClaim,
  at: Date,
): Promise<{ resourceId: string; requestHash: string; route: string } | null> {
  const inserted = await sql.query(
    `INSERT INTO idempotency_keys (principal, key, route, request_hash, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (principal, key) DO NOTHING RETURNING key`,
    [c.principal, c.key, c.route, c.requestHash, at],
  );
  if (inserted.length > 0) return null;
  const row = await sql.one<{ response: { resource_id: string } | null; request_hash: string; route: string }>(
    'SELECT response, request_hash, route FROM idempotency_keys WHERE principal = $1 AND key = $2',
    [c.principal, c.key],
  );
  return { resourceId: row?.response?.resource_id ?? '', requestHash: row?.request_hash ?? '', route: row?.route ?? '' };
}

export async function completeIdempotency(sql: Sql, c: IdempotencyClaim, resourceId: string, status: number) {
  await sql.query('UPDATE idempotency_keys SET response = $3, status_code = $4 WHERE principal = $1 AND key = $2', [
    c.principal,
    c.key,
    JSON.stringify({ resource_id: resourceId }),
    status,
  ]);
}
