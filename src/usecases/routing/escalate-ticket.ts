/**
 * Tiered escalation (issue 6): up a level (L1 → L2 → L3), over to a team outside the ladder (development,
 * infrastructure), or back down, always with a handoff note for the next person. The note is internal: the
 * requester sees only public replies. The ticket leaves its assignee and is routed in the new team; a
 * de-escalation goes back to the team, and if they can take it the agent, that escalated it.
 */
import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import type { SkillRef } from '../../domain/skills.js';
import { TIERS, type Ticket, type Tier } from '../../domain/ticket.js';
import type { Sql } from '../../store/db.js';
import { findAgent } from '../../store/agents.js';
import { lastEscalationInto, previousLowerPeriod } from '../../store/tier-periods.js';
import { namedSkills, setRequiredSkills } from '../../store/routing.js';
import { findTeam, findTeamByTier, type TeamRow } from '../../store/teams.js';
import { appendTimeline, findTicket } from '../../store/tickets.js';
import type { Deps } from '../deps.js';
import { checkSkillRefs } from '../skills/check-skills.js';
import { loadVisibleTicket } from '../ticket-access.js';
import { applyTicketChanges } from '../tickets/apply-changes.js';
import { autoAssign } from './auto-assign.js';

export interface EscalateInput {
  /** The level to go to; omitted: the next one up (or the named team's level). */
  tier?: Tier;
  /** The team to go to; omitted: the team working at that level. */
  teamId?: string;
  /** For the next person: what was tried, what is known. Required. */
  note: string;
  /** What the new assignee must know; omitted: the ticket's current requirements stay. */
  requiredSkills?: SkillRef[];
}

type Direction = 'up' | 'down' | 'transfer';

const notAllowed = (message: string, path?: string) =>
  new DomainError('ESCALATION_NOT_ALLOWED', message, path ? [{ path, message }] : undefined);

function checkNote(note: string): string {
  const text = note.trim();
  if (!text) {
    throw new DomainError('VALIDATION_FAILED', 'A handoff note is required: what was tried and what is known.', [
      { path: 'note', message: 'required' },
    ]);
  }
  return text;
}

function checkOpen(t: Ticket) {
  if (t.mergedIntoId) throw new DomainError('TICKET_MERGED', 'This ticket was merged into another one.');
  if (t.status === 'resolved' || t.status === 'closed') throw notAllowed(`A ${t.status} ticket is not escalated; reopen it first.`);
}

async function teamOrThrow(sql: Sql, id: string): Promise<TeamRow> {
  const team = await findTeam(sql, id);
  if (!team) throw new DomainError('TEAM_NOT_FOUND', 'No such team.', [{ path: 'team_id', message: 'unknown team' }]);
  return team;
}

export async function escalateTicket(deps: Deps, p: Principal, ref: string, input: EscalateInput): Promise<Ticket> {
  const agent = requireAgent(p, 'agent', 'tickets:write');
  const note = checkNote(input.note);
  const result = await deps.db.tx(async (sql) => {
    const ticket = await loadVisibleTicket(sql, p, ref, true);
    checkOpen(ticket);
    const team = input.teamId ? await teamOrThrow(sql, input.teamId) : undefined;
    const next = TIERS[TIERS.indexOf(ticket.tier) + 1];
    const tier = input.tier ?? (team ? (team.tier ?? ticket.tier) : next);
    if (!tier) throw notAllowed('The ticket is already at the highest level: name a team (development, infrastructure) to hand it to.', 'team_id');
    if (tier < ticket.tier) throw notAllowed(`${tier} is below the ticket's level ${ticket.tier}: de-escalate instead.`, 'tier');
    const target = team ?? (tier !== ticket.tier ? await findTeamByTier(sql, tier) : undefined);
    const teamId = target?.id ?? ticket.teamId;
    if (tier === ticket.tier && teamId === ticket.teamId) throw notAllowed('The ticket is already at this level in this team.', 'tier');
    const skills = input.requiredSkills ? await checkSkillRefs(sql, input.requiredSkills, 'required_skills') : undefined;
    return move(sql, deps, ticket, { tier, teamId, teamName: target?.name ?? null, skills, note, by: agent.id, direction: tier > ticket.tier ? 'up' : 'transfer' });
  });
  deps.onCommitted?.([result.id]);
  return result;
}

/** Back down: to the given level or team, or by default to the level and team the ticket came up from. */
export async function deEscalateTicket(deps: Deps, p: Principal, ref: string, input: Omit<EscalateInput, 'requiredSkills'>): Promise<Ticket> {
  const agent = requireAgent(p, 'agent', 'tickets:write');
  const note = checkNote(input.note);
  const result = await deps.db.tx(async (sql) => {
    const ticket = await loadVisibleTicket(sql, p, ref, true);
    checkOpen(ticket);
    const team = input.teamId ? await teamOrThrow(sql, input.teamId) : undefined;
    let tier = input.tier ?? team?.tier ?? undefined;
    let teamId = team?.id ?? null;
    if (!tier) {
      const back = await previousLowerPeriod(sql, ticket.id, ticket.tier);
      if (!back) throw notAllowed('The ticket never came from a lower level: name the level or team to send it to.', 'tier');
      tier = back.tier;
      teamId ??= back.team_id;
    }
    if (tier >= ticket.tier) throw notAllowed(`${tier} is not below the ticket's level ${ticket.tier}.`, 'tier');
    teamId ??= (await findTeamByTier(sql, tier))?.id ?? ticket.teamId;
    const target = teamId ? await findTeam(sql, teamId) : undefined;
    // The agent who escalated it gets it back when they are in that team.
    const escalation = await lastEscalationInto(sql, ticket.id, ticket.tier);
    const giveBackTo = escalation?.from_assignee_id ?? null;
    return move(sql, deps, ticket, { tier, teamId: target?.id ?? null, teamName: target?.name ?? null, note, by: agent.id, direction: 'down', giveBackTo });
  });
  deps.onCommitted?.([result.id]);
  return result;
}

interface Move {
  tier: Tier;
  teamId: string | null;
  teamName: string | null;
  skills?: SkillRef[];
  note: string;
  by: string;
  direction: Direction;
  giveBackTo?: string | null;
}

async function move(sql: Sql, deps: Deps, ticket: Ticket, m: Move): Promise<Ticket> {
  const now = deps.clock.now();
  const actor = { kind: 'agent' as const, id: m.by };
  const skills = m.skills ?? ticket.routing?.requiredSkills ?? [];
  const verb = m.direction === 'down' ? 'De-escalated' : m.direction === 'up' ? 'Escalated' : 'Handed over';
  const where = `${m.tier}${m.teamName ? ` (${m.teamName})` : ''}`;
  await appendTimeline(sql, ticket.id, [{
    id: deps.newId(), createdAt: now, kind: 'ticket.escalated', actor, visibility: 'internal', body: m.note,
    reason: `${verb} from ${ticket.tier} to ${where}.`,
    data: {
      direction: m.direction, from_tier: ticket.tier, to_tier: m.tier, from_team_id: ticket.teamId, to_team_id: m.teamId,
      from_assignee_id: ticket.assigneeId, required_skills: await namedSkills(sql, skills),
    },
  }]);
  if (m.skills) await setRequiredSkills(sql, ticket.id, m.skills);
  const reason = `${verb} to ${where}; see the handoff note.`;
  const { ticket: moved } = await applyTicketChanges(sql, deps, ticket, { tier: m.tier, teamId: m.teamId, assigneeId: null }, { actor, reason, route: false });
  const fresh = (await findTicket(sql, { id: moved.id }))!;
  const back = m.giveBackTo ? await findAgent(sql, m.giveBackTo) : undefined;
  if (back?.active && fresh.teamId && back.team_ids.includes(fresh.teamId)) {
    const given = await applyTicketChanges(sql, deps, fresh, { assigneeId: back.id }, {
      actor, reason: `Back to ${back.name}, who escalated it.`, route: false,
    });
    return given.ticket;
  }
  return (await autoAssign(sql, deps, fresh, { trigger: 'escalated' })).ticket;
}
