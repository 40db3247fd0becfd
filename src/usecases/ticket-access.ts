import { DomainError } from '../domain/errors.js';
import { canSeeTicket } from '../domain/permissions.js';
import type { Principal } from '../domain/principal.js';
import { parseTicketNumber, type Ticket } from '../domain/ticket.js';
import type { Sql } from '../store/db.js';
import { findTicket } from '../store/tickets.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses a ticket reference from a URL: a UUID, or a number such as 1042 or #1042. */
export function parseTicketRef(ref: string): { id: string } | { number: number } {
  if (UUID.test(ref)) return { id: ref.toLowerCase() };
  const n = parseTicketNumber(ref);
  if (n !== null) return { number: n };
  throw new DomainError('TICKET_NOT_FOUND', `No ticket ${ref}.`);
}

/**
 * Loads a ticket the principal may see. A ticket they may not see answers TICKET_NOT_FOUND, like a missing
 * one, so that requesters cannot probe other requesters' ticket numbers.
 */
export async function loadVisibleTicket(sql: Sql, p: Principal, ref: string, forUpdate = false): Promise<Ticket> {
  const t = await findTicket(sql, parseTicketRef(ref), forUpdate);
  if (!t || !canSeeTicket(p, t)) throw new DomainError('TICKET_NOT_FOUND', `No ticket ${ref}.`);
  return t;
}
