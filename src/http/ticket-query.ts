import { DomainError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import type { TicketSortField } from '../domain/ticket.js';
import type { TicketFilters } from '../store/ticket-list.js';
import { TicketFilterQuery } from './schemas/tickets.js';

export interface TicketQueryInput {
  filters: TicketFilters;
  /** As sent (`-updated_at`), for cursors; the default when absent. */
  sortSpec: string;
  sort: TicketSortField;
  direction: 'asc' | 'desc';
}

/**
 * Turns the query of GET /tickets (already validated) into use-case filters for this caller. The relative
 * values are resolved here, per caller, which is what lets a shared view mean "mine" to each agent:
 * `assignee=me` is the caller (nobody, for a requester) and `team=mine` the caller's teams (none for a requester).
 */
export function ticketQueryFor(p: Principal, q: TicketFilterQuery): TicketQueryInput {
  const sortSpec = q.sort ?? (q.q ? '-relevance' : '-updated_at');
  const sort = sortSpec.replace(/^-/, '') as TicketSortField;
  if (sort === 'relevance' && !q.q) {
    throw new DomainError('VALIDATION_FAILED', 'Sorting by relevance needs a search text.', [
      { path: 'query.sort', message: 'relevance needs q' },
    ]);
  }
  const assigneeId = q.assignee === 'me' ? (p.kind === 'agent' ? p.id : 'none') : q.assignee;
  const mine = q.team === 'mine';
  return {
    filters: {
      status: q.status,
      teamId: mine ? undefined : q.team,
      teamIds: mine ? (p.kind === 'agent' ? p.teamIds : []) : undefined,
      assigneeId,
      requesterId: q.requester,
      organizationId: q.organization,
      priority: q.priority,
      tier: q.tier,
      categoryId: q.category,
      tag: q.tag,
      channel: q.channel,
      type: q.type,
      q: q.q,
      updatedAfter: q.updated_after ? new Date(q.updated_after) : undefined,
    },
    sortSpec,
    sort,
    direction: sortSpec.startsWith('-') ? 'desc' : 'asc',
  };
}

/** A stored query (a saved view, a built-in queue) read back through the same schema as the list route. */
export function storedQueryFor(p: Principal, query: Record<string, string>): TicketQueryInput {
  const parsed = TicketFilterQuery.safeParse(query);
  if (!parsed.success) {
    throw new DomainError('VALIDATION_FAILED', 'The saved query is not valid.', parsed.error.issues.map((i) => ({
      path: ['query', ...i.path.map(String)].join('.'),
      message: i.message,
    })));
  }
  return ticketQueryFor(p, parsed.data);
}
