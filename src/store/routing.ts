/**
 * What automatic assignment reads and writes: a team's candidates with their load, the lock on the chosen agent,
 * the tickets waiting in team queues, and the pull queue's next ticket.
 */
import type { WorkingHours } from '../domain/routing/availability.js';
import type { AgentStatus } from '../domain/routing/ranking.js';
import type { NamedSkill, SkillRef } from '../domain/skills.js';
import type { Tier } from '../domain/ticket.js';
import type { Sql } from './db.js';

/** Open: assigned and not resolved, closed or merged. */
const OPEN_LOAD = `(SELECT count(*) FROM tickets o WHERE o.assignee_id = a.id AND o.status NOT IN ('resolved', 'closed')
  AND o.merged_into_id IS NULL)::int`;

export interface CandidateRow {
  id: string;
  name: string;
  tier: Tier;
  availability: AgentStatus;
  time_zone: string;
  working_hours: WorkingHours | null;
  capacity: number | null;
  ooo_from: Date | null;
  ooo_until: Date | null;
  ooo_delegate_id: string | null;
  last_assigned_at: Date | null;
  open_tickets: number;
  skills: NamedSkill[];
}

/**
 * `skills` holds only the skills asked about (the ticket's required ones): that is all ranking reads, and reading
 * every agent's whole list cost more than the rest of the decision for a team of 1,000 (BENCHMARKS.md).
 */
function candidateSelect(skillIds: readonly string[], param: string): string {
  const skills = skillIds.length
    ? `coalesce((SELECT jsonb_agg(jsonb_build_object('skill_id', s.id, 'name', s.name_en, 'level', x.level))
        FROM agent_skills x JOIN skills s ON s.id = x.skill_id
        WHERE x.agent_id = a.id AND x.skill_id = ANY(${param}::uuid[]) AND s.active), '[]')`
    : `'[]'::jsonb`;
  return `SELECT a.id, a.name, a.tier, a.availability, a.time_zone, a.working_hours, a.capacity, a.ooo_from,
    a.ooo_until, a.ooo_delegate_id, a.last_assigned_at, ${OPEN_LOAD} AS open_tickets, ${skills} AS skills FROM agents a`;
}

/** The team's active agents with their availability, the asked-about skills they hold and open load, by name. */
export async function loadTeamCandidates(sql: Sql, teamId: string, skillIds: readonly string[]): Promise<CandidateRow[]> {
  return sql.query<CandidateRow>(
    `${candidateSelect(skillIds, '$2')} WHERE a.active AND EXISTS (SELECT 1 FROM agent_teams m WHERE m.agent_id = a.id AND m.team_id = $1)
     ORDER BY a.name, a.id`,
    skillIds.length ? [teamId, skillIds] : [teamId],
  );
}

/**
 * Locks these agents' rows until the transaction ends, in id order (two assignments never wait on each other in a
 * cycle), and reads their state again. Every assignment updates the assignee's row (the trigger's
 * last_assigned_at), so a concurrent assignment to one of them has either committed, and is counted here, or
 * waits for this transaction: two processes cannot both fill an agent's last free place.
 */
export async function lockCandidates(sql: Sql, agentIds: readonly string[], skillIds: readonly string[]): Promise<CandidateRow[]> {
  if (!agentIds.length) return [];
  await sql.query('SELECT id FROM agents WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [agentIds]);
  return sql.query<CandidateRow>(`${candidateSelect(skillIds, '$2')} WHERE a.id = ANY($1::uuid[]) AND a.active ORDER BY a.name, a.id`,
    skillIds.length ? [agentIds, skillIds] : [agentIds]);
}

/** Skill names for explanations, active or not. */
export async function namedSkills(sql: Sql, refs: readonly SkillRef[]): Promise<NamedSkill[]> {
  if (!refs.length) return [];
  const rows = await sql.query<{ id: string; name_en: string }>('SELECT id, name_en FROM skills WHERE id = ANY($1::uuid[])',
    [refs.map((r) => r.skill_id)]);
  const names = new Map(rows.map((r) => [r.id, r.name_en]));
  return refs.map((r) => ({ ...r, name: names.get(r.skill_id) ?? 'unknown skill' }));
}

export async function setRequiredSkills(sql: Sql, ticketId: string, skills: readonly SkillRef[]): Promise<void> {
  await sql.query('UPDATE tickets SET required_skills = $2 WHERE id = $1', [ticketId, JSON.stringify(skills)]);
}

/** Puts a ticket in (or keeps it in) its team queue; `since` is kept when it was already waiting. */
export async function setWaiting(sql: Sql, ticketId: string, w: { since: Date; reason: string; nextTryAt: Date | null }) {
  await sql.query(
    `UPDATE tickets SET waiting_since = coalesce(waiting_since, $2), waiting_reason = $3, routing_next_try_at = $4 WHERE id = $1`,
    [ticketId, w.since, w.reason, w.nextTryAt],
  );
}

export async function clearWaiting(sql: Sql, ticketId: string): Promise<void> {
  await sql.query(
    'UPDATE tickets SET waiting_since = NULL, waiting_reason = NULL, routing_next_try_at = NULL WHERE id = $1 AND waiting_since IS NOT NULL',
    [ticketId],
  );
}

/** Asks for another try now for the tickets waiting in these teams (an agent came online, a ticket closed). */
export async function retryTeams(sql: Sql, teamIds: readonly string[], now: Date): Promise<void> {
  if (!teamIds.length) return;
  await sql.query(
    `UPDATE tickets SET routing_next_try_at = $2 WHERE waiting_since IS NOT NULL AND team_id = ANY($1::uuid[])
       AND (routing_next_try_at IS NULL OR routing_next_try_at > $2)`,
    [teamIds, now],
  );
}

/** Waiting tickets of these teams (or all due ones when `teamIds` is null), most urgent first. */
export async function waitingTicketIds(sql: Sql, q: { teamIds: readonly string[] | null; now: Date; limit: number }): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `SELECT id FROM tickets WHERE waiting_since IS NOT NULL AND assignee_id IS NULL
       AND ($1::uuid[] IS NULL OR team_id = ANY($1::uuid[])) AND ($1::uuid[] IS NOT NULL OR routing_next_try_at <= $2)
     ORDER BY priority, waiting_since, id LIMIT $3`,
    [q.teamIds, q.now, q.limit],
  );
  return rows.map((r) => r.id);
}

/** Locks a waiting ticket unless another process holds it (it is then being handled there). */
export async function lockWaitingTicket(sql: Sql, id: string): Promise<boolean> {
  const row = await sql.one<{ id: string }>(
    'SELECT id FROM tickets WHERE id = $1 AND waiting_since IS NOT NULL AND assignee_id IS NULL FOR UPDATE SKIP LOCKED', [id]);
  return row !== undefined;
}

/** The agent's open tickets nobody has worked on since they got them: no entry of theirs since `assigned_at`. */
export async function untouchedTicketIds(sql: Sql, agentId: string): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `SELECT t.id FROM tickets t WHERE t.assignee_id = $1 AND t.status IN ('new', 'open') AND t.merged_into_id IS NULL
       AND NOT EXISTS (SELECT 1 FROM timeline_entries e WHERE e.ticket_id = t.id AND e.actor_kind = 'agent'
         AND e.actor_id = $1 AND e.created_at >= coalesce(t.assigned_at, t.created_at))
     ORDER BY t.priority, t.created_at FOR UPDATE OF t`,
    [agentId],
  );
  return rows.map((r) => r.id);
}

/** Agents out of office now who still hold untouched tickets (the sweep hands them over when the period starts). */
export async function agentsNewlyOutOfOffice(sql: Sql, now: Date): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `SELECT a.id FROM agents a WHERE a.ooo_from IS NOT NULL AND a.ooo_from <= $1 AND (a.ooo_until IS NULL OR a.ooo_until > $1)
       AND EXISTS (SELECT 1 FROM tickets t WHERE t.assignee_id = a.id AND t.status IN ('new', 'open')
         AND t.merged_into_id IS NULL AND coalesce(t.assigned_at, t.created_at) < a.ooo_from
         AND NOT EXISTS (SELECT 1 FROM timeline_entries e WHERE e.ticket_id = t.id AND e.actor_kind = 'agent'
           AND e.actor_id = a.id AND e.created_at >= coalesce(t.assigned_at, t.created_at)))`,
    [now],
  );
  return rows.map((r) => r.id);
}

/**
 * The pull queue: the most urgent unassigned open ticket of the agent's teams (or `teamId`) that they can take —
 * its level at most theirs, every required skill held at its level — locked, skipping tickets another agent is
 * taking at this moment. Priority first, then the nearest SLA deadline, then the oldest.
 */
export async function lockNextForAgent(sql: Sql, agentId: string, teamId: string | null): Promise<{ id: string; waiting: number } | undefined> {
  const eligible = `t.assignee_id IS NULL AND t.status NOT IN ('resolved', 'closed') AND t.merged_into_id IS NULL
    AND t.team_id IN (SELECT m.team_id FROM agent_teams m WHERE m.agent_id = $1 AND ($2::uuid IS NULL OR m.team_id = $2))
    AND t.tier <= (SELECT tier FROM agents WHERE id = $1)
    AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(t.required_skills) r WHERE NOT EXISTS (
      SELECT 1 FROM agent_skills x WHERE x.agent_id = $1 AND x.skill_id = (r->>'skill_id')::uuid AND x.level >= (r->>'level')::int))`;
  const row = await sql.one<{ id: string }>(
    `SELECT t.id FROM tickets t WHERE ${eligible}
     ORDER BY t.priority, t.sla_due_at NULLS LAST, t.created_at, t.id LIMIT 1 FOR UPDATE OF t SKIP LOCKED`,
    [agentId, teamId],
  );
  if (!row) return undefined;
  const count = await sql.one<{ n: number }>(`SELECT count(*)::int AS n FROM tickets t WHERE ${eligible}`, [agentId, teamId]);
  return { id: row.id, waiting: count?.n ?? 1 };
}

/** The agent's load went down: the waiting tickets of their teams get another try now. */
export async function retryTeamsOfAgent(sql: Sql, agentId: string, now: Date): Promise<void> {
  await sql.query(
    `UPDATE tickets SET routing_next_try_at = $2 WHERE waiting_since IS NOT NULL AND routing_next_try_at IS NOT NULL
       AND routing_next_try_at > $2 AND team_id IN (SELECT team_id FROM agent_teams WHERE agent_id = $1)`,
    [agentId, now],
  );
}
