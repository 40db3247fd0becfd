import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { assertTicketWritable } from '../../domain/ticket-changes.js';
import { transitionStatus, type Ticket, type TicketStatus } from '../../domain/ticket.js';
import type { Actor, NewTimelineEntry } from '../../domain/timeline.js';
import { bindUploads } from '../../store/email.js';
import type { TicketPatch } from '../../store/tickets.js';
import type { Sql } from '../../store/db.js';
import type { IdempotencyClaim } from '../../store/idempotency.js';
import { appendTimeline, findTicket, findTimelineEntry, updateTicket } from '../../store/tickets.js';
import { queueTicketMail } from '../email/notify.js';
import { once } from '../idempotency.js';
import { trackSla } from '../sla/track-sla.js';
import type { Deps } from '../deps.js';
import { loadVisibleTicket } from '../ticket-access.js';
import { toTimelineView, type TimelineEntryView } from './timeline-view.js';

export interface AddReplyResult {
  entry: TimelineEntryView;
  ticket: Ticket;
}

/** Where a public reply moves the ticket, and why; null when it stays where it is. */
function statusAfterReply(t: Ticket, by: Principal['kind']): { to: TicketStatus; reason: string } | null {
  if (by === 'agent' && t.status === 'new') return { to: 'open', reason: 'agent replied' };
  // The requester answered what we were waiting for, or is not satisfied with the resolution.
  if (by === 'requester' && (t.status === 'pending' || t.status === 'resolved')) return { to: 'open', reason: 'requester replied' };
  return null;
}

/**
 * A public reply, from an agent or a requester who can see the ticket. The first agent reply stamps
 * `first_response_at` (notes never do: the requester did not hear from us). The text becomes searchable.
 */
export async function addReply(
  deps: Deps,
  p: Principal,
  ref: string,
  input: { body: string; attachmentIds?: readonly string[]; idempotency?: IdempotencyClaim },
): Promise<AddReplyResult & { replayed: boolean }> {
  if (p.kind === 'agent') requireAgent(p, 'agent', 'tickets:write');
  const actor: Actor = { kind: p.kind, id: p.id };
  const result = await deps.db.tx(async (sql) => {
    const now = deps.clock.now();
    // The key is checked before the ticket: a retry of a reply that went through is answered even if the
    // ticket was closed in between.
    const done = await once(sql, input.idempotency, now, async () => {
      const value = await writeReply(sql, deps, p, actor, ref, input.body, input.attachmentIds ?? [], now);
      return { value, resourceId: value.entry.id };
    }, (id) => replayReply(sql, id));
    return { ...done.value, replayed: done.replayed };
  });
  if (!result.replayed) {
    deps.onCommitted?.([result.ticket.id]);
    deps.mail?.wakeOutbound();
  }
  return result;
}

export async function replayReply(sql: Sql, entryId: string): Promise<AddReplyResult | null> {
  const entry = await findTimelineEntry(sql, entryId);
  const ticket = entry ? await findTicket(sql, { id: entry.ticket_id }) : null;
  return entry && ticket ? { entry: toTimelineView(entry), ticket } : null;
}

/**
 * Writes a public reply in the caller's transaction (locks the ticket). Exported for macros, which reply and change
 * fields in one transaction; `meta` puts their reason and data on the reply's entry (requesters never see those).
 */
export async function writeReply(
  sql: Sql, deps: Deps, p: Principal, actor: Actor, ref: string, body: string, attachmentIds: readonly string[], now: Date,
  meta: { reason: string | null; data: Record<string, unknown> } = { reason: null, data: {} },
): Promise<AddReplyResult> {
  const ticket = await loadVisibleTicket(sql, p, ref, true);
  assertTicketWritable(ticket);
  const replyId = deps.newId();
  const entries: Array<NewTimelineEntry & { id: string; createdAt: Date }> = [
    { id: replyId, createdAt: now, kind: 'ticket.replied', actor, visibility: 'public', body, reason: meta.reason, data: meta.data },
  ];
  const patch: TicketPatch = { updatedAt: now };
  if (p.kind === 'agent' && ticket.firstResponseAt === null) patch.firstResponseAt = now;
  const move = statusAfterReply(ticket, p.kind);
  if (move) {
    const change = transitionStatus(ticket, move.to, now);
    Object.assign(patch, { status: change.status, resolvedAt: change.resolvedAt, closedAt: change.closedAt });
    entries.push({
      id: deps.newId(), createdAt: now, kind: 'ticket.status_changed', actor, visibility: 'public', body: null,
      reason: move.reason, data: { from: ticket.status, to: change.status, ...(change.reopened ? { reopened: true } : {}) },
    });
  }
  const updated = await updateTicket(sql, ticket.id, patch, { text: body, internal: false });
  await appendTimeline(sql, ticket.id, entries);
  await trackSla(sql, deps, ticket, updated, p.kind === 'agent' ? 'agent' : 'requester');
  const ids = [...new Set(attachmentIds)];
  const bound = await bindUploads(sql, ticket.id, ids, replyId, p.id);
  if (bound.length !== ids.length) {
    throw new DomainError('VALIDATION_FAILED', 'Some attachments are unknown, not yours, or already sent with another reply.', [
      { path: 'attachment_ids', message: 'upload each file to this ticket first (POST /tickets/{id}/attachments)' },
    ]);
  }
  // The requester (and followers) get the reply by mail, queued in this transaction: sent if and only if it exists.
  if (p.kind === 'agent') {
    await queueTicketMail(sql, deps, updated, { kind: 'reply', entryId: replyId, agentId: p.id, body, attachmentIds: ids });
  }
  const entry = toTimelineView((await findTimelineEntry(sql, replyId))!);
  entry.attachments = bound.map((a) => ({
    id: a.id, filename: a.filename, contentType: a.content_type, size: Number(a.size), inline: a.inline, contentId: a.content_id,
  }));
  return { ticket: updated, entry };
}
