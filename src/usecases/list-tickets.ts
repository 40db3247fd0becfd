import { requireAgent, ticketScopeFor } from '../domain/permissions.js';
import type { Principal } from '../domain/principal.js';
import { listTickets, type TicketFilters, type TicketListPage, type TicketSortField } from '../store/ticket-list.js';
import type { Deps } from './deps.js';

export interface ListTicketsInput {
  filters: TicketFilters;
  sort?: TicketSortField;
  direction?: 'asc' | 'desc';
  limit: number;
  after: [string | number, string] | null;
}

/** Lists the tickets the principal may see. With a search text and no explicit sort, best matches come first. */
export async function listTicketsFor(deps: Deps, p: Principal, input: ListTicketsInput): Promise<TicketListPage> {
  if (p.kind === 'agent') requireAgent(p, 'agent', 'tickets:read');
  const sort = input.sort ?? (input.filters.q ? 'relevance' : 'updated_at');
  return listTickets(deps.db, {
    filters: input.filters,
    scope: ticketScopeFor(p),
    sort,
    direction: input.direction ?? 'desc',
    limit: input.limit,
    after: input.after,
  });
}
