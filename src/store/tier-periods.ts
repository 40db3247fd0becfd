/** The periods a ticket spent in each tier and team (kept by a trigger, see migration 5), and their reports. */
import type { Tier } from '../domain/ticket.js';
import type { Sql } from './db.js';

/** The latest stay at a level below `tier`: where a de-escalation goes back to. */
export async function previousLowerPeriod(sql: Sql, ticketId: string, tier: Tier): Promise<{ tier: Tier; team_id: string | null } | undefined> {
  return sql.one<{ tier: Tier; team_id: string | null }>(
    `SELECT tier, team_id FROM ticket_tier_periods WHERE ticket_id = $1 AND tier < $2 ORDER BY started_at DESC, id DESC LIMIT 1`,
    [ticketId, tier],
  );
}

/** The last escalation that brought the ticket up to `tier`, with who had it before. */
export async function lastEscalationInto(sql: Sql, ticketId: string, tier: Tier): Promise<{ from_assignee_id: string | null } | undefined> {
  return sql.one<{ from_assignee_id: string | null }>(
    `SELECT (data->>'from_assignee_id')::uuid AS from_assignee_id FROM timeline_entries
      WHERE ticket_id = $1 AND kind = 'ticket.escalated' AND data->>'direction' = 'up' AND data->>'to_tier' = $2
      ORDER BY seq DESC LIMIT 1`,
    [ticketId, tier],
  );
}

export interface TierReportRow {
  tier: Tier;
  periods: number;
  tickets: number;
  /** Wall-clock minutes in the tier, for the stays that ended in the window (and those still open, up to `to`). */
  median_minutes: number | null;
  p90_minutes: number | null;
  avg_minutes: number | null;
  arrived_up: number;
  arrived_down: number;
  arrived_transfer: number;
}

/** Per tier: stays started in [from, to), how long they lasted, and how tickets arrived there. */
export async function tierReport(sql: Sql, q: { from: Date; to: Date; teamId: string | null }): Promise<TierReportRow[]> {
  return sql.query<TierReportRow>(
    `WITH p AS (
       SELECT tier, ticket_id, direction, extract(epoch FROM (coalesce(ended_at, $2) - started_at)) / 60 AS minutes
         FROM ticket_tier_periods WHERE started_at >= $1 AND started_at < $2 AND ($3::uuid IS NULL OR team_id = $3))
     SELECT tier, count(*)::int AS periods, count(DISTINCT ticket_id)::int AS tickets,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY minutes)::numeric, 1)::float8 AS median_minutes,
       round(percentile_cont(0.9) WITHIN GROUP (ORDER BY minutes)::numeric, 1)::float8 AS p90_minutes,
       round(avg(minutes)::numeric, 1)::float8 AS avg_minutes,
       count(*) FILTER (WHERE direction = 'up')::int AS arrived_up,
       count(*) FILTER (WHERE direction = 'down')::int AS arrived_down,
       count(*) FILTER (WHERE direction = 'transfer')::int AS arrived_transfer
     FROM p GROUP BY tier ORDER BY tier`,
    [q.from, q.to, q.teamId],
  );
}

export interface EscalationTotals {
  tickets: number;
  escalated_tickets: number;
  escalations: number;
  de_escalations: number;
}

/** Tickets created in [from, to) (of a team when given): how many were escalated, and how often. */
export async function escalationTotals(sql: Sql, q: { from: Date; to: Date; teamId: string | null }): Promise<EscalationTotals> {
  const row = await sql.one<EscalationTotals>(
    `SELECT count(*)::int AS tickets, count(*) FILTER (WHERE t.escalation_count > 0)::int AS escalated_tickets,
       coalesce(sum(t.escalation_count), 0)::int AS escalations,
       (SELECT count(*) FROM ticket_tier_periods p JOIN tickets x ON x.id = p.ticket_id
         WHERE p.direction = 'down' AND x.created_at >= $1 AND x.created_at < $2
           AND ($3::uuid IS NULL OR x.team_id = $3))::int AS de_escalations
     FROM tickets t WHERE t.created_at >= $1 AND t.created_at < $2 AND t.merged_into_id IS NULL
       AND ($3::uuid IS NULL OR t.team_id = $3)`,
    [q.from, q.to, q.teamId],
  );
  return row!;
}
