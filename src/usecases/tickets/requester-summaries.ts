import type { Ticket } from '../../domain/ticket.js';
import { findRequesterSummaries, type RequesterSummary } from '../../store/tickets.js';
import type { Deps } from '../deps.js';

/**
 * The requesters of tickets a use case has already returned (and so authorized), in one query, for presenting
 * them. Ticket lists get theirs from the list query itself; this serves single-ticket answers.
 */
export async function requesterSummaries(deps: Deps, tickets: readonly Ticket[]): Promise<Map<string, RequesterSummary>> {
  const rows = await findRequesterSummaries(deps.db, tickets.map((t) => t.requesterId));
  return new Map(rows.map((r) => [r.id, r]));
}
