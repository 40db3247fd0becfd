import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { assertCanMerge } from '../../domain/relations.js';
import { normalizeTags, type Ticket } from '../../domain/ticket.js';
import type { Actor } from '../../domain/timeline.js';
import { absorbSearchVectors, appendTimeline, updateTicket } from '../../store/tickets.js';
import { trackSla } from '../sla/track-sla.js';
import type { Deps } from '../deps.js';
import { loadPairForUpdate } from './ticket-pair.js';

export interface MergeTicketsInput {
  /** The survivor, by id or number. */
  into: string;
  reason?: string | null;
}

export interface MergeTicketsResult {
  source: Ticket;
  survivor: Ticket;
}

/**
 * Merges a ticket into another (the survivor): the source is closed and points to the survivor, its tags join
 * the survivor's, its words make the survivor findable, and the survivor's timeline shows both histories.
 */
export async function mergeTickets(deps: Deps, p: Principal, ref: string, input: MergeTicketsInput): Promise<MergeTicketsResult> {
  const agent = requireAgent(p, 'agent', 'tickets:write');
  const actor: Actor = { kind: 'agent', id: agent.id };
  const reason = input.reason || null;
  const result = await deps.db.tx(async (sql) => {
    const [source, target] = await loadPairForUpdate(sql, p, ref, input.into);
    assertCanMerge(source, target);
    const now = deps.clock.now();
    const tags = normalizeTags([...target.tags, ...source.tags]);
    const tagsAdded = tags.filter((t) => !target.tags.includes(t));
    const closedSource = await updateTicket(sql, source.id, {
      mergedIntoId: target.id,
      status: 'closed',
      closedAt: now,
      updatedAt: now,
    });
    await trackSla(sql, deps, source, closedSource);
    const survivor = await updateTicket(sql, target.id, { tags, updatedAt: now });
    await absorbSearchVectors(sql, target.id, source.id);
    await appendTimeline(sql, target.id, [
      {
        id: deps.newId(), createdAt: now, kind: 'ticket.merged', actor, visibility: 'public', body: null, reason,
        data: { source_ticket_id: source.id, source_ticket_number: source.number, tags_added: tagsAdded },
      },
    ]);
    await appendTimeline(sql, source.id, [
      {
        id: deps.newId(), createdAt: now, kind: 'ticket.merged_into', actor, visibility: 'public', body: null, reason,
        data: { into_ticket_id: target.id, into_ticket_number: target.number, from: source.status, to: 'closed' },
      },
    ]);
    return { source: closedSource, survivor };
  });
  deps.onCommitted?.([result.survivor.id, result.source.id]);
  return result;
}
