import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { assertTicketWritable } from '../../domain/ticket-changes.js';
import { appendTimeline, findTimelineEntry, updateTicket } from '../../store/tickets.js';
import type { Sql } from '../../store/db.js';
import type { IdempotencyClaim } from '../../store/idempotency.js';
import type { Deps } from '../deps.js';
import { once } from '../idempotency.js';
import { loadVisibleTicket } from '../ticket-access.js';
import { toTimelineView, type TimelineEntryView } from './timeline-view.js';

/**
 * An internal note: agents only, never shown to requesters, and no first response (the requester heard nothing).
 *
 * Its text goes to `internal_search_vector`, not to the shared `search_vector`: requesters search their own
 * tickets with the same query, and a word found only in a note must not reveal that the note exists. Agents'
 * searches read both vectors (store/ticket-list.ts).
 */
export async function addNote(
  deps: Deps,
  p: Principal,
  ref: string,
  input: { body: string; idempotency?: IdempotencyClaim },
): Promise<{ entry: TimelineEntryView; replayed: boolean }> {
  const agent = requireAgent(p, 'agent', 'tickets:write');
  const result = await deps.db.tx(async (sql) => {
    const now = deps.clock.now();
    const done = await once(sql, input.idempotency, now, async () => {
      const value = await writeNote(sql, deps, p, agent.id, ref, input.body, now);
      return { value, resourceId: value.entry.id };
    }, async (entryId) => {
      const entry = await findTimelineEntry(sql, entryId);
      return entry ? { ticketId: entry.ticket_id, entry: toTimelineView(entry) } : null;
    });
    return { ...done.value, replayed: done.replayed };
  });
  if (!result.replayed) deps.onCommitted?.([result.ticketId]);
  return { entry: result.entry, replayed: result.replayed };
}

async function writeNote(sql: Sql, deps: Deps, p: Principal, agentId: string, ref: string, body: string, now: Date) {
  const ticket = await loadVisibleTicket(sql, p, ref, true);
  assertTicketWritable(ticket);
  const id = deps.newId();
  await appendTimeline(sql, ticket.id, [
    { id, createdAt: now, kind: 'ticket.noted', actor: { kind: 'agent', id: agentId }, visibility: 'internal', body, reason: null, data: {} },
  ]);
  // Notes are searched by agents only: their text goes to the internal vector (see above).
  await updateTicket(sql, ticket.id, { updatedAt: now }, { text: body, internal: true });
  return { ticketId: ticket.id, entry: toTimelineView((await findTimelineEntry(sql, id))!) };
}
