import type { Principal } from '../../domain/principal.js';
import type { Ticket } from '../../domain/ticket.js';
import type { Sql } from '../../store/db.js';
import { lockTickets } from '../../store/tickets.js';
import { loadVisibleTicket } from '../ticket-access.js';

/**
 * Loads two tickets the principal may see and locks both for the transaction. Locks are taken in id order, so
 * "link A to B" and "link B to A" running at once wait for each other instead of deadlocking.
 */
export async function loadPairForUpdate(sql: Sql, p: Principal, refA: string, refB: string): Promise<[Ticket, Ticket]> {
  const a0 = await loadVisibleTicket(sql, p, refA);
  const b0 = await loadVisibleTicket(sql, p, refB);
  await lockTickets(sql, [a0.id, b0.id]);
  // Read again under the lock: what we decide on must be what we write over.
  return [await loadVisibleTicket(sql, p, a0.id, true), await loadVisibleTicket(sql, p, b0.id, true)];
}
