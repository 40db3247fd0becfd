import type { Sql } from './db.js';

export interface AuditEntry {
  id: string;
  at: Date;
  actorKind: 'agent' | 'requester' | 'system' | null;
  actorId: string | null;
  action: string;
  targetKind?: string | null;
  targetId?: string | null;
  ip?: string | null;
  data?: Record<string, unknown>;
}

export async function insertAudit(sql: Sql, e: AuditEntry): Promise<void> {
  await sql.query(
    `INSERT INTO audit_log (id, at, actor_kind, actor_id, action, target_kind, target_id, ip, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [e.id, e.at, e.actorKind, e.actorId, e.action, e.targetKind ?? null, e.targetId ?? null, e.ip ?? null, JSON.stringify(e.data ?? {})],
  );
}

export interface AuditRow {
  id: string;
  seq: number;
  at: Date;
  actor_kind: string | null;
  actor_id: string | null;
  action: string;
  target_kind: string | null;
  target_id: string | null;
  ip: string | null;
  data: Record<string, unknown>;
}

/** Audit entries newest first; `actionPrefix` ('token.') selects a family of actions. */
export async function searchAudit(
  sql: Sql,
  q: { action?: string; actionPrefix?: string; actorId?: string; targetId?: string; beforeSeq?: number; limit: number },
): Promise<AuditRow[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (cond: (p: string) => string, v: unknown) => {
    params.push(v);
    where.push(cond(`$${params.length}`));
  };
  if (q.action) add((p) => `action = ${p}`, q.action);
  if (q.actionPrefix) add((p) => `left(action, length(${p}::text)) = ${p}::text`, q.actionPrefix);
  if (q.actorId) add((p) => `actor_id = ${p}::uuid`, q.actorId);
  if (q.targetId) add((p) => `target_id = ${p}`, q.targetId);
  if (q.beforeSeq !== undefined) add((p) => `seq < ${p}`, q.beforeSeq);
  params.push(q.limit);
  return sql.query<AuditRow>(
    `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $${params.length}`,
    params,
  );
}
