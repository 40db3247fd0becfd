import { requireAgent } from '../domain/permissions.js';
import type { Principal } from '../domain/principal.js';
import type { Ticket } from '../domain/ticket.js';
import type { Deps } from './deps.js';
import { loadVisibleTicket } from './ticket-access.js';

export async function getTicket(deps: Deps, p: Principal, ref: string): Promise<Ticket> {
  if (p.kind === 'agent') requireAgent(p, 'agent', 'tickets:read');
  return loadVisibleTicket(deps.db, p, ref);
}
