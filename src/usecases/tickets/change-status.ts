import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { assertRequesterMayMove, assertTicketWritable } from '../../domain/ticket-changes.js';
import type { Ticket, TicketStatus } from '../../domain/ticket.js';
import type { Deps } from '../deps.js';
import { loadVisibleTicket } from '../ticket-access.js';
import { applyTicketChanges } from './apply-changes.js';

export interface ChangeStatusInput {
  status: TicketStatus;
  reason?: string | null;
}

/**
 * Moves a ticket along its lifecycle. Agents make any move the lifecycle allows; requesters may mark their own
 * ticket resolved or reopen it once resolved. Asking for the current status changes nothing.
 */
export async function changeTicketStatus(deps: Deps, p: Principal, ref: string, input: ChangeStatusInput): Promise<Ticket> {
  if (p.kind === 'agent') requireAgent(p, 'agent', 'tickets:write');
  const result = await deps.db.tx(async (sql) => {
    const ticket = await loadVisibleTicket(sql, p, ref, true);
    if (p.kind === 'requester') {
      assertTicketWritable(ticket);
      assertRequesterMayMove(ticket, p.id, input.status);
    }
    return applyTicketChanges(sql, deps, ticket, { status: input.status }, {
      actor: { kind: p.kind, id: p.id },
      reason: input.reason || null,
    });
  });
  if (result.changed) {
    deps.onCommitted?.([result.ticket.id]);
    deps.mail?.wakeOutbound();
  }
  return result.ticket;
}
