import type { SlaEvent, SlaOutcome, SlaState } from '../domain/sla/clock.js';
import type { SlaMetric } from '../domain/sla/policy.js';
import type { Sql } from './db.js';

export interface TicketSlaRow {
  sla: SlaState | null;
  sla_due_at: Date | null;
  sla_next_check_at: Date | null;
}

export async function findTicketSla(sql: Sql, ticketId: string): Promise<TicketSlaRow | undefined> {
  return sql.one<TicketSlaRow>('SELECT sla, sla_due_at, sla_next_check_at FROM tickets WHERE id = $1', [ticketId]);
}

/**
 * Writes a ticket's clock with the two columns the queues and the sweep read, and appends the steps to its
 * history, in one statement (this runs on every change of a ticket with an SLA, and for each ticket the sweep takes).
 */
export async function saveTicketSla(
  sql: Sql, ticketId: string, state: SlaState | null, dueAt: Date | null, nextCheckAt: Date | null,
  events: ReadonlyArray<SlaEvent & { id: string }> = [],
): Promise<void> {
  await sql.query(
    `WITH saved AS (UPDATE tickets SET sla = $2, sla_due_at = $3, sla_next_check_at = $4 WHERE id = $1 RETURNING id)
     INSERT INTO ticket_sla_events (id, ticket_id, at, kind, metric, reason, data)
     SELECT e.id, saved.id, e.at, e.kind, e.metric, e.reason, e.data
     FROM saved, jsonb_to_recordset($5::jsonb) AS e(id uuid, at timestamptz, kind text, metric text, reason text, data jsonb)`,
    [ticketId, state === null ? null : JSON.stringify(state), dueAt, nextCheckAt,
      JSON.stringify(events.map((e) => ({ ...e, at: e.at.toISOString() })))],
  );
}

/**
 * Locks up to `limit` tickets whose next SLA check is due, skipping tickets another process (or a change in
 * progress) holds: each due threshold is handled by exactly one transaction.
 */
export async function claimDueSlaTickets(sql: Sql, now: Date, limit: number): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `SELECT id FROM tickets WHERE sla_next_check_at <= $1 ORDER BY sla_next_check_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [now, limit],
  );
  return rows.map((r) => r.id);
}

/** Locks one ticket if its check is still due and nobody holds it (the one-by-one retry of a failed batch). */
export async function lockDueSlaTicket(sql: Sql, id: string, now: Date): Promise<boolean> {
  const row = await sql.one('SELECT id FROM tickets WHERE id = $1 AND sla_next_check_at <= $2 FOR UPDATE SKIP LOCKED', [id, now]);
  return row !== undefined;
}

/** Moves a ticket's next check, e.g. after a failed attempt, so one bad ticket never blocks the sweep. */
export async function postponeSlaCheck(sql: Sql, ticketId: string, at: Date): Promise<void> {
  await sql.query('UPDATE tickets SET sla_next_check_at = $2 WHERE id = $1 AND sla_next_check_at IS NOT NULL', [ticketId, at]);
}

/** Asks the sweep to look again now at running clocks computed with a calendar, or of a team's tickets. */
export async function requestSlaRecheck(sql: Sql, q: { calendarId?: string; teamId?: string }, now: Date): Promise<number> {
  const rows = await sql.query<{ id: string }>(
    `UPDATE tickets SET sla_next_check_at = $3
     WHERE sla IS NOT NULL AND sla_due_at IS NOT NULL AND status NOT IN ('resolved', 'closed')
       AND (($1::uuid IS NOT NULL AND sla -> 'calendar' ->> 'id' = $1::text) OR ($2::uuid IS NOT NULL AND team_id = $2))
     RETURNING id`,
    [q.calendarId ?? null, q.teamId ?? null, now],
  );
  return rows.length;
}

export interface SlaEventRow {
  id: string;
  seq: number;
  ticket_id: string;
  at: Date;
  kind: string;
  metric: SlaMetric | null;
  reason: string;
  data: Record<string, unknown>;
}

export async function listSlaEvents(sql: Sql, ticketId: string): Promise<SlaEventRow[]> {
  return sql.query<SlaEventRow>('SELECT * FROM ticket_sla_events WHERE ticket_id = $1 ORDER BY at, seq', [ticketId]);
}

export async function insertSlaOutcomes(
  sql: Sql,
  t: { ticketId: string; policyId: string; teamId: string | null; priority: string },
  outcomes: ReadonlyArray<SlaOutcome & { id: string }>,
): Promise<void> {
  for (const o of outcomes) {
    await sql.query(
      `INSERT INTO sla_outcomes (id, ticket_id, policy_id, metric, team_id, priority, target_minutes, business_ms, due_at,
         completed_at, breached) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [o.id, t.ticketId, t.policyId, o.metric, t.teamId, t.priority, o.target_minutes, Math.round(o.business_ms), o.due_at,
        o.completed_at, o.breached],
    );
  }
}

/** Withdraws a ticket's reported outcomes of a metric (a reopened ticket's resolution is measured again). */
export async function deleteSlaOutcomes(sql: Sql, ticketId: string, metric: SlaMetric): Promise<void> {
  await sql.query('DELETE FROM sla_outcomes WHERE ticket_id = $1 AND metric = $2', [ticketId, metric]);
}

export interface ComplianceRow {
  month: string;
  team_id: string | null;
  team_name: string | null;
  priority: string;
  metric: SlaMetric;
  total: number;
  met: number;
  breached: number;
  median_business_minutes: number;
}

/**
 * Compliance per month (in `timeZone`), team, priority and metric over finished measurements completed in
 * [from, to): how many were met in time, how many breached, and the median business time used.
 */
export async function slaCompliance(
  sql: Sql, q: { from: Date; to: Date; timeZone: string; teamId?: string | null },
): Promise<ComplianceRow[]> {
  return sql.query<ComplianceRow>(
    `SELECT to_char(date_trunc('month', o.completed_at AT TIME ZONE $3), 'YYYY-MM') AS month, o.team_id, t.name AS team_name,
       o.priority, o.metric, count(*)::int AS total, (count(*) FILTER (WHERE NOT o.breached))::int AS met,
       (count(*) FILTER (WHERE o.breached))::int AS breached,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY o.business_ms) / 60000)::numeric, 1)::float8 AS median_business_minutes
     FROM sla_outcomes o LEFT JOIN teams t ON t.id = o.team_id
     WHERE o.completed_at >= $1 AND o.completed_at < $2 AND ($4::uuid IS NULL OR o.team_id = $4)
     GROUP BY 1, o.team_id, t.name, o.priority, o.metric
     ORDER BY 1, t.name NULLS LAST, o.priority, o.metric`,
    [q.from, q.to, q.timeZone, q.teamId ?? null],
  );
}
