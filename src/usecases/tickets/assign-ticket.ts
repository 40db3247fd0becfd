import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import type { Ticket } from '../../domain/ticket.js';
import type { Deps } from '../deps.js';
import { loadVisibleTicket } from '../ticket-access.js';
import { applyTicketChanges } from './apply-changes.js';

export interface AssignTicketInput {
  /** null unassigns. */
  assigneeId: string | null;
  /** Moves the ticket to this team in the same step (null: back to triage); omitted: the team stays. */
  teamId?: string | null;
  reason?: string | null;
}

/** Assigns a ticket to an agent, and optionally to a team, in one step with one reason. */
export async function assignTicket(deps: Deps, p: Principal, ref: string, input: AssignTicketInput): Promise<Ticket> {
  const agent = requireAgent(p, 'agent', 'tickets:write');
  const result = await deps.db.tx(async (sql) => {
    const ticket = await loadVisibleTicket(sql, p, ref, true);
    return applyTicketChanges(sql, deps, ticket, { assigneeId: input.assigneeId, teamId: input.teamId }, {
      actor: { kind: 'agent', id: agent.id },
      reason: input.reason || null,
    });
  });
  if (result.changed) deps.onCommitted?.([result.ticket.id]);
  return result.ticket;
}
