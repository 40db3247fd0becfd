import type { SlaConditions, SlaEscalation, SlaPolicy, SlaTargets } from '../domain/sla/policy.js';
import type { Priority } from '../domain/priority.js';
import type { TicketStatus } from '../domain/ticket.js';
import type { Sql } from './db.js';

interface PolicyRow {
  id: string;
  name: string;
  description: string;
  position: number;
  active: boolean;
  conditions: SlaConditions;
  calendar_id: string | null;
  targets: Partial<Record<Priority, SlaTargets>>;
  pause_statuses: TicketStatus[];
  escalations: SlaEscalation[];
  created_at: Date;
  updated_at: Date;
}

export interface StoredSlaPolicy extends SlaPolicy {
  description: string;
  createdAt: Date;
  updatedAt: Date;
}

const fromRow = (r: PolicyRow): StoredSlaPolicy => ({
  id: r.id, name: r.name, description: r.description, position: r.position, active: r.active, conditions: r.conditions,
  calendarId: r.calendar_id, targets: r.targets, pauseStatuses: r.pause_statuses, escalations: r.escalations,
  createdAt: r.created_at, updatedAt: r.updated_at,
});

export async function listSlaPolicies(sql: Sql): Promise<StoredSlaPolicy[]> {
  return (await sql.query<PolicyRow>('SELECT * FROM sla_policies ORDER BY position, name')).map(fromRow);
}

export async function findSlaPolicy(sql: Sql, id: string, forUpdate = false): Promise<StoredSlaPolicy | undefined> {
  const row = await sql.one<PolicyRow>(`SELECT * FROM sla_policies WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return row ? fromRow(row) : undefined;
}

export async function findSlaPolicyByName(sql: Sql, name: string): Promise<StoredSlaPolicy | undefined> {
  const row = await sql.one<PolicyRow>('SELECT * FROM sla_policies WHERE lower(name) = lower($1)', [name]);
  return row ? fromRow(row) : undefined;
}

export type SlaPolicyWrite = Omit<StoredSlaPolicy, 'createdAt' | 'updatedAt'>;

export async function insertSlaPolicy(sql: Sql, p: SlaPolicyWrite, at: Date): Promise<StoredSlaPolicy> {
  const row = await sql.one<PolicyRow>(
    `INSERT INTO sla_policies (id, name, description, position, active, conditions, calendar_id, targets, pause_statuses,
       escalations, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING *`,
    [p.id, p.name, p.description, p.position, p.active, JSON.stringify(p.conditions), p.calendarId,
      JSON.stringify(p.targets), p.pauseStatuses, JSON.stringify(p.escalations), at],
  );
  return fromRow(row!);
}

export async function updateSlaPolicy(sql: Sql, p: SlaPolicyWrite, at: Date): Promise<StoredSlaPolicy> {
  const row = await sql.one<PolicyRow>(
    `UPDATE sla_policies SET name = $2, description = $3, position = $4, active = $5, conditions = $6, calendar_id = $7,
       targets = $8, pause_statuses = $9, escalations = $10, updated_at = $11 WHERE id = $1 RETURNING *`,
    [p.id, p.name, p.description, p.position, p.active, JSON.stringify(p.conditions), p.calendarId,
      JSON.stringify(p.targets), p.pauseStatuses, JSON.stringify(p.escalations), at],
  );
  return fromRow(row!);
}

export async function deleteSlaPolicy(sql: Sql, id: string): Promise<void> {
  await sql.query('DELETE FROM sla_policies WHERE id = $1', [id]);
}

/** Rewrites positions 1..n in the given order (ids not listed keep their relative order after them). */
export async function reorderSlaPolicies(sql: Sql, ids: readonly string[], at: Date): Promise<void> {
  await sql.query(
    `WITH wanted AS (SELECT id, ord FROM unnest($1::uuid[]) WITH ORDINALITY AS w(id, ord)),
     ranked AS (
       SELECT p.id, row_number() OVER (ORDER BY w.ord NULLS LAST, p.position, p.name) AS pos
       FROM sla_policies p LEFT JOIN wanted w ON w.id = p.id)
     UPDATE sla_policies p SET position = r.pos, updated_at = $2 FROM ranked r WHERE r.id = p.id AND p.position <> r.pos`,
    [[...ids], at],
  );
}

/** The category path used by policy conditions ('/root/…/id/'), or null. */
export async function categoryPath(sql: Sql, categoryId: string | null): Promise<string | null> {
  if (!categoryId) return null;
  const row = await sql.one<{ path: string }>('SELECT path FROM categories WHERE id = $1', [categoryId]);
  return row?.path ?? null;
}
