import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { deleteLink, findLink } from '../../store/ticket-links.js';
import type { Deps } from '../deps.js';
import { loadVisibleTicket } from '../ticket-access.js';
import { recordLinkChange } from './link-tickets.js';
import { loadPairForUpdate } from './ticket-pair.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Removes a link of the ticket in the URL; both tickets must be visible, and both timelines record it. */
export async function unlinkTickets(deps: Deps, p: Principal, ref: string, linkId: string): Promise<void> {
  const agent = requireAgent(p, 'agent', 'tickets:write');
  const ids = await deps.db.tx(async (sql) => {
    const self0 = await loadVisibleTicket(sql, p, ref);
    const link = UUID.test(linkId) ? await findLink(sql, linkId) : undefined;
    if (!link || (link.from_ticket_id !== self0.id && link.to_ticket_id !== self0.id)) {
      throw new DomainError('LINK_NOT_FOUND', `Ticket #${self0.number} has no link ${linkId}.`);
    }
    const otherId = link.from_ticket_id === self0.id ? link.to_ticket_id : link.from_ticket_id;
    const pair = await loadPairForUpdate(sql, p, self0.id, otherId);
    await deleteLink(sql, link.id);
    await recordLinkChange(sql, deps, 'ticket.unlinked', { kind: 'agent', id: agent.id }, link, pair, deps.clock.now());
    return [pair[0].id, pair[1].id];
  });
  deps.onCommitted?.(ids);
}
