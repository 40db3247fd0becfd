import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import type { TicketChangeRequest } from '../../domain/ticket-changes.js';
import type { Ticket } from '../../domain/ticket.js';
import type { Deps } from '../deps.js';
import { loadVisibleTicket } from '../ticket-access.js';
import { applyTicketChanges } from './apply-changes.js';

export interface UpdateTicketInput extends TicketChangeRequest {
  reason?: string | null;
}

/** Agents edit a ticket: each kind of change is written to the timeline with the actor and the reason. */
export async function updateTicket(deps: Deps, p: Principal, ref: string, input: UpdateTicketInput): Promise<Ticket> {
  const agent = requireAgent(p, 'agent', 'tickets:write');
  const { reason, ...req } = input;
  const result = await deps.db.tx(async (sql) => {
    const ticket = await loadVisibleTicket(sql, p, ref, true);
    return applyTicketChanges(sql, deps, ticket, req, { actor: { kind: 'agent', id: agent.id }, reason: reason || null });
  });
  if (result.changed) {
    deps.onCommitted?.([result.ticket.id]);
    deps.mail?.wakeOutbound();
  }
  return result.ticket;
}
