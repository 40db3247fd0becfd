import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { assertCanLink, linkEndpoints, linkRoleOf, type LinkKind } from '../../domain/relations.js';
import type { Ticket } from '../../domain/ticket.js';
import type { Actor } from '../../domain/timeline.js';
import type { Sql } from '../../store/db.js';
import { ancestorsOf, findLinkBetween, findParentLink, insertLink, listLinksOf } from '../../store/ticket-links.js';
import { appendTimeline, updateTicket } from '../../store/tickets.js';
import type { Deps } from '../deps.js';
import { toLinkView, type LinkView } from './link-view.js';
import { loadPairForUpdate } from './ticket-pair.js';

export interface LinkTicketsInput {
  kind: LinkKind;
  /** The other ticket, by id or number. */
  ticket: string;
  /** parent_child only: whether the ticket in the URL is the parent (default) or the child. */
  role?: 'parent' | 'child';
}

/**
 * Links two tickets the agent can see. Two tickets share at most one link (LINK_EXISTS otherwise, whatever its
 * kind or direction); a child has one parent, and no ticket may become its own ancestor. A merged ticket is
 * refused: link its survivor. Both timelines record the link.
 */
export async function linkTickets(deps: Deps, p: Principal, ref: string, input: LinkTicketsInput): Promise<LinkView> {
  const agent = requireAgent(p, 'agent', 'tickets:write');
  const result = await deps.db.tx(async (sql) => {
    const [self, other] = await loadPairForUpdate(sql, p, ref, input.ticket);
    const [fromId, toId] = linkEndpoints(input.kind, self.id, other.id, input.role);
    assertCanLink(input.kind, fromId, toId, input.kind === 'parent_child' ? await ancestorsOf(sql, fromId) : []);
    for (const t of [self, other]) {
      if (t.mergedIntoId) throw new DomainError('LINK_NOT_ALLOWED', `Ticket #${t.number} was merged; link the ticket it was merged into.`);
    }
    const existing = await findLinkBetween(sql, self.id, other.id);
    if (existing) {
      throw new DomainError('LINK_EXISTS', `Tickets #${self.number} and #${other.number} are already linked.`, {
        link_id: existing.id,
        kind: existing.kind,
      });
    }
    if (input.kind === 'parent_child' && (await findParentLink(sql, toId))) {
      throw new DomainError('LINK_NOT_ALLOWED', 'This ticket already has a parent; unlink it first.');
    }
    const now = deps.clock.now();
    const link = await insertLink(sql, { id: deps.newId(), kind: input.kind, fromId, toId, createdBy: agent.id, createdAt: now });
    await recordLinkChange(sql, deps, 'ticket.linked', { kind: 'agent', id: agent.id }, link, [self, other], now);
    const view = (await listLinksOf(sql, self.id)).find((l) => l.id === link.id)!;
    return { link: toLinkView(view, self.id), ids: [self.id, other.id] };
  });
  deps.onCommitted?.(result.ids);
  return result.link;
}

/** Writes `ticket.linked` / `ticket.unlinked` on both tickets, each entry naming the other ticket and its role. */
export async function recordLinkChange(
  sql: Sql,
  deps: Deps,
  kind: 'ticket.linked' | 'ticket.unlinked',
  actor: Actor,
  link: { id: string; kind: LinkKind; from_ticket_id: string },
  pair: readonly [Ticket, Ticket],
  now: Date,
): Promise<void> {
  for (const [t, o] of [[pair[0], pair[1]], [pair[1], pair[0]]] as const) {
    await appendTimeline(sql, t.id, [
      {
        id: deps.newId(), createdAt: now, kind, actor, visibility: 'internal', body: null, reason: null,
        data: {
          link_id: link.id, link_kind: link.kind, role: linkRoleOf({ kind: link.kind, fromTicketId: link.from_ticket_id }, t.id),
          ticket_id: o.id, ticket_number: o.number,
        },
      },
    ]);
    await updateTicket(sql, t.id, { updatedAt: now });
  }
}
