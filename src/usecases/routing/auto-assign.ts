/**
 * Automatic assignment (issue 6): gives an unassigned ticket of a push team to the best available competent agent
 * (`rankCandidates`), or leaves it waiting in the team queue with the reason. Runs in the caller's transaction on
 * a ticket the caller has locked; the decision, with who was skipped and why, goes on the ticket's timeline.
 */
import { availabilityAt, isOutOfOffice } from '../../domain/routing/availability.js';
import { rankCandidates, type Candidate, type RankingResult } from '../../domain/routing/ranking.js';
import type { NamedSkill } from '../../domain/skills.js';
import type { Ticket, Tier } from '../../domain/ticket.js';
import type { Sql } from '../../store/db.js';
import { clearWaiting, loadTeamCandidates, lockCandidates, namedSkills, setWaiting, type CandidateRow } from '../../store/routing.js';
import { findTeam } from '../../store/teams.js';
import { appendTimeline, findTicket } from '../../store/tickets.js';
import type { Deps } from '../deps.js';
import { applyTicketChanges } from '../tickets/apply-changes.js';

/** What started the assignment, said on the timeline. */
export type AssignTrigger = 'created' | 'escalated' | 'redistributed' | 'waiting' | 'team_changed';

export interface AutoAssignResult {
  ticket: Ticket;
  assigned: boolean;
}

/** With no event to wake it, a waiting ticket is tried again after this long at most. */
const RETRY_MS = 10 * 60_000;

const CLOSED = new Set(['resolved', 'closed']);

/**
 * The ranking's view of an agent at `now`. Working out the shift (calendar arithmetic) is the costly part, so it
 * is done only for agents it can decide about: online, at the ticket's level, holding the skills, not away.
 */
export function toCandidate(row: CandidateRow, now: Date, need: readonly NamedSkill[] = [], tier?: Tier): Candidate {
  const outOfOffice = isOutOfOffice(row, now);
  const held = new Map(row.skills.map((s) => [s.skill_id, s.level]));
  const relevant = row.availability === 'online' && !outOfOffice && (!tier || row.tier >= tier)
    && need.every((n) => (held.get(n.skill_id) ?? 0) >= n.level);
  const shift = relevant ? availabilityAt(row, now) : { onShift: true, shiftEndsAt: null };
  return {
    id: row.id, name: row.name, status: row.availability, skills: row.skills, openTickets: row.open_tickets,
    capacity: row.capacity, lastAssignedAt: row.last_assigned_at, onShift: shift.onShift, shiftEndsAt: shift.shiftEndsAt,
    outOfOffice, timeZone: row.time_zone, tier: row.tier,
  };
}

/** At most this many skipped agents are named in the data; the rest are counted by reason. */
const NAMED_SKIPPED = 20;

/** The decision as data, for the console to say it in the reader's language. */
export function decisionData(trigger: AssignTrigger, r: RankingResult, need: readonly NamedSkill[]): Record<string, unknown> {
  const who = (c: Candidate) => ({ id: c.id, name: c.name });
  return {
    routing: {
      trigger,
      required_skills: need,
      chosen: r.chosen ? {
        ...who(r.chosen), open_tickets: r.chosen.openTickets, capacity: r.chosen.capacity,
        shift_ends_at: r.chosen.shiftEndsAt?.toISOString() ?? null,
      } : null,
      skipped: r.skipped.slice(0, NAMED_SKIPPED).map((s) => ({ ...who(s.candidate), reason: s.reason, detail: s.detail ?? null })),
      skipped_total: r.skipped.length,
      skipped_by_reason: countByReason(r),
    },
  };
}

function countByReason(r: RankingResult): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of r.skipped) counts[s.reason] = (counts[s.reason] ?? 0) + 1;
  return counts;
}

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1) + '.';

/** When to try a waiting ticket again: when a qualified agent's shift starts or absence ends, or in 10 minutes. */
function nextTry(rows: readonly CandidateRow[], r: RankingResult, now: Date): Date {
  let at = now.getTime() + RETRY_MS;
  const byId = new Map(rows.map((x) => [x.id, x]));
  for (const s of r.skipped) {
    const row = byId.get(s.candidate.id)!;
    if (s.reason === 'out_of_office' && row.ooo_until) at = Math.min(at, row.ooo_until.getTime());
    if (s.reason !== 'off_shift') continue;
    const next = availabilityAt(row, now).nextShiftStart;
    if (next) at = Math.min(at, next.getTime());
  }
  return new Date(Math.max(at, now.getTime() + 1000));
}

export async function autoAssign(
  sql: Sql, deps: Deps, ticket: Ticket, ctx: { trigger: AssignTrigger; exclude?: readonly string[] },
): Promise<AutoAssignResult> {
  const none = { ticket, assigned: false };
  if (ticket.assigneeId || !ticket.teamId || CLOSED.has(ticket.status) || ticket.mergedIntoId) return none;
  const team = await findTeam(sql, ticket.teamId);
  if (!team) return none;
  const now = deps.clock.now();
  const wasWaiting = ticket.routing?.waitingSince ?? null;
  if (team.assignment_mode === 'pull') {
    if (!wasWaiting) {
      const reason = `${team.name} takes its tickets with "Next ticket": waiting for an agent to take it.`;
      await queued(sql, deps, ticket, now, reason, { routing: { trigger: ctx.trigger, mode: 'pull' } });
      await setWaiting(sql, ticket.id, { since: now, reason, nextTryAt: null });
      return { ticket: (await findTicket(sql, { id: ticket.id }))!, assigned: false };
    }
    return none;
  }

  const need = await namedSkills(sql, ticket.routing?.requiredSkills ?? []);
  const skillIds = need.map((s) => s.skill_id);
  const rows = await loadTeamCandidates(sql, team.id, skillIds);
  const excluded = new Set(ctx.exclude ?? []);
  const candidates = rows.filter((r) => !excluded.has(r.id)).map((r) => toCandidate(r, now, need, ticket.tier));
  let result = rankCandidates(candidates, need, { tier: ticket.tier });
  if (result.chosen) {
    // The ranking read loads without locks: the eligible agents are locked and read again, so the choice counts
    // every assignment another process committed meanwhile (and waits for those in flight).
    const fresh = await lockCandidates(sql, result.ranked.map((c) => c.id), skillIds);
    const again = new Map(fresh.map((r) => [r.id, toCandidate(r, now, need, ticket.tier)]));
    result = rankCandidates(candidates.map((c) => again.get(c.id) ?? { ...c, status: 'offline' as const }), need, { tier: ticket.tier });
    if (result.chosen) return assign(sql, deps, ticket, result, need, ctx.trigger, wasWaiting, now);
  }
  const reason = sentence(result.explanation);
  if (!wasWaiting) await queued(sql, deps, ticket, now, reason, decisionData(ctx.trigger, result, need));
  await setWaiting(sql, ticket.id, { since: now, reason, nextTryAt: nextTry(rows, result, now) });
  return { ticket: (await findTicket(sql, { id: ticket.id }))!, assigned: false };
}

async function assign(
  sql: Sql, deps: Deps, ticket: Ticket, r: RankingResult, need: readonly NamedSkill[], trigger: AssignTrigger,
  waitingSince: Date | null, now: Date,
): Promise<AutoAssignResult> {
  const waitedMinutes = waitingSince ? Math.max(1, Math.round((now.getTime() - waitingSince.getTime()) / 60_000)) : null;
  const waited = waitedMinutes ? ` after waiting ${waitedMinutes} min` : '';
  const data = decisionData(trigger, r, need);
  const applied = await applyTicketChanges(sql, deps, ticket, { assigneeId: r.chosen!.id }, {
    actor: { kind: 'system', id: null },
    reason: sentence(`${r.explanation}${waited}`),
    source: { kind: 'routing', id: trigger, name: 'Automatic assignment' },
    data: { routing: { ...(data.routing as object), waited_minutes: waitedMinutes } },
  });
  await clearWaiting(sql, ticket.id);
  return { ticket: (await findTicket(sql, { id: applied.ticket.id }))!, assigned: true };
}

async function queued(sql: Sql, deps: Deps, ticket: Ticket, now: Date, reason: string, data: Record<string, unknown>) {
  await appendTimeline(sql, ticket.id, [{
    id: deps.newId(), createdAt: now, kind: 'ticket.queued', actor: { kind: 'system', id: null }, visibility: 'internal',
    body: null, reason, data: { team_id: ticket.teamId, ...data },
  }]);
}
