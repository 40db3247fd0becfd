/**
 * Pull mode (issue 6): "Next ticket" gives the agent the most urgent unassigned ticket of their teams that they
 * can take — at their level, with the skills it needs — under their capacity. Two agents pressing at the same
 * moment get different tickets (SKIP LOCKED); the choice is explained on the ticket.
 */
import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import type { Ticket } from '../../domain/ticket.js';
import { lockCandidates, lockNextForAgent, namedSkills } from '../../store/routing.js';
import { findTeam } from '../../store/teams.js';
import { findTicket } from '../../store/tickets.js';
import type { Deps } from '../deps.js';
import { applyTicketChanges } from '../tickets/apply-changes.js';

export interface NextTicketResult {
  ticket: Ticket | null;
  /** Why this ticket, or why none (in English; the console words it from the data). */
  explanation: string;
  /** How many tickets the agent could take, this one included. */
  waiting: number;
}

export async function takeNextTicket(deps: Deps, p: Principal, input: { teamId?: string | null }): Promise<NextTicketResult> {
  const agent = requireAgent(p, 'agent', 'tickets:write');
  const result = await deps.db.tx(async (sql): Promise<NextTicketResult> => {
    // Locking their own row first orders this with automatic assignments to them: capacity holds either way.
    const [me] = await lockCandidates(sql, [agent.id], []);
    if (!me) throw new DomainError('AGENT_NOT_FOUND', 'Your agent account is not active.');
    if (me.capacity !== null && me.open_tickets >= me.capacity) {
      throw new DomainError('AT_CAPACITY', `You have ${me.open_tickets} open tickets, your capacity is ${me.capacity}: finish one first.`,
        [{ path: 'capacity', message: `${me.open_tickets}/${me.capacity}` }]);
    }
    const next = await lockNextForAgent(sql, agent.id, input.teamId ?? null);
    if (!next) return { ticket: null, explanation: 'No unassigned ticket you can take is waiting in your teams.', waiting: 0 };
    const ticket = (await findTicket(sql, { id: next.id }))!;
    const team = ticket.teamId ? await findTeam(sql, ticket.teamId) : undefined;
    const skills = await namedSkills(sql, ticket.routing?.requiredSkills ?? []);
    const [mine] = await lockCandidates(sql, [agent.id], skills.map((s) => s.skill_id));
    const held = new Map((mine ?? me).skills.map((s) => [s.skill_id, s.level]));
    const explanation = [
      `Taken with "Next ticket" by ${me.name}: ${ticket.priority}, the most urgent of ${next.waiting} waiting${team ? ` in ${team.name}` : ''} they can take`,
      skills.length ? `; needs ${skills.map((s) => `${s.name} ${s.level} (has ${held.get(s.skill_id)})`).join(', ')}` : '',
      `; ${me.open_tickets + 1} open tickets${me.capacity !== null ? ` of ${me.capacity}` : ''}.`,
    ].join('');
    const { ticket: taken } = await applyTicketChanges(sql, deps, ticket, { assigneeId: agent.id }, {
      actor: { kind: 'agent', id: agent.id }, reason: explanation, route: false,
      source: { kind: 'routing', id: 'pull', name: 'Next ticket' },
      data: { routing: { trigger: 'pull', waiting: next.waiting, required_skills: skills } },
    });
    return { ticket: taken, explanation, waiting: next.waiting };
  });
  if (result.ticket) deps.onCommitted?.([result.ticket.id]);
  return result;
}
