import { requireAgent, ticketScopeFor } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { countTickets } from '../../store/queue-counts.js';
import { listVisibleViews } from '../../store/saved-views.js';
import type { TicketFilters } from '../../store/ticket-list.js';
import type { Deps } from '../deps.js';
import { builtinQueues } from './builtin-queues.js';

/** Views counted at most (own first): shared views of a large team could otherwise make one huge statement. */
export const MAX_COUNTED_VIEWS = 100;

/** Matches no ticket: stands for a stored query that no longer reads (a view saved under an older schema). */
const NOTHING: TicketFilters = { teamIds: [] };

export interface QueueCount {
  key: string;
  kind: 'builtin' | 'view';
  /** null for built-in queues (the web app names them in the reader's language). */
  name: string | null;
  count: number;
  query: Record<string, string>;
}

/**
 * Reads a stored query as the list route would for this caller. Injected by the HTTP layer, which owns the
 * query schema, so that counts and lists can never disagree on what a query means.
 */
export type QueryReader = (query: Record<string, string>) => TicketFilters;

/**
 * The console's queues with their counts: the built-in ones, then the views the agent sees (own, then shared;
 * at most MAX_COUNTED_VIEWS).
 * Every count is within the caller's ticket scope, like the list, and all are read in one statement.
 */
export async function listQueues(deps: Deps, p: Principal, read: QueryReader): Promise<QueueCount[]> {
  const agent = requireAgent(p, 'agent', 'tickets:read');
  const views = await listVisibleViews(deps.db, agent.id);
  const queues: Array<Omit<QueueCount, 'count'>> = [
    ...builtinQueues(deps.clock.now()).map((q) => ({ key: q.key, kind: 'builtin' as const, name: null, query: q.query })),
    ...views.slice(0, MAX_COUNTED_VIEWS).map((v) => ({ key: v.id, kind: 'view' as const, name: v.name, query: v.query })),
  ];
  const filters = queues.map((q) => {
    try {
      return read(q.query);
    } catch {
      return NOTHING;
    }
  });
  const counts = await countTickets(deps.db, ticketScopeFor(agent), filters);
  return queues.map((q, i) => ({ ...q, count: counts[i] ?? 0 }));
}
