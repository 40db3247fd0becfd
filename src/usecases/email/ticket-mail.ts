import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { assertTicketWritable } from '../../domain/ticket-changes.js';
import { requesterCanSee } from '../../domain/timeline.js';
import {
  addFollowers, findAttachment, insertAttachment, listFollowers, removeFollower, type AttachmentRow, type FollowerRow,
} from '../../store/email.js';
import { appendTimeline, findTimelineEntry, mergedFamily, updateTicket } from '../../store/tickets.js';
import type { Deps } from '../deps.js';
import { loadVisibleTicket } from '../ticket-access.js';

/**
 * An attachment of a ticket the caller may see: agents get any; requesters only those of entries they may read
 * (public replies), never files of internal notes or automatic mail filed internally.
 */
export async function getAttachment(deps: Deps, p: Principal, ref: string, attachmentId: string): Promise<AttachmentRow> {
  if (p.kind === 'agent') requireAgent(p, 'agent', 'tickets:read');
  const ticket = await loadVisibleTicket(deps.db, p, ref);
  const a = /^[0-9a-f-]{36}$/i.test(attachmentId) ? await findAttachment(deps.db, attachmentId) : undefined;
  const family = a ? await mergedFamily(deps.db, ticket.id) : [];
  const notFound = new DomainError('ATTACHMENT_NOT_FOUND', 'No such attachment on this ticket.');
  if (!a || !family.includes(a.ticket_id)) throw notFound;
  if (p.kind === 'requester') {
    if (a.visibility !== 'public' || !a.timeline_entry_id) throw notFound;
    const entry = await findTimelineEntry(deps.db, a.timeline_entry_id);
    if (!entry || !requesterCanSee(entry.kind, entry.visibility)) throw notFound;
  }
  return a;
}

export async function getFollowers(deps: Deps, p: Principal, ref: string): Promise<FollowerRow[]> {
  requireAgent(p, 'agent', 'tickets:read');
  const ticket = await loadVisibleTicket(deps.db, p, ref);
  return listFollowers(deps.db, ticket.id);
}

/** An agent adds someone who will receive the ticket's public replies; recorded on the timeline. */
export async function addFollower(deps: Deps, p: Principal, ref: string, input: { email: string; name?: string | null }): Promise<FollowerRow> {
  const agent = requireAgent(p, 'agent', 'tickets:write');
  const email = input.email.trim().toLowerCase();
  if ((deps.mail?.config.supportAddresses ?? []).includes(email)) {
    throw new DomainError('VALIDATION_FAILED', 'A support address cannot follow a ticket (mail would loop).', [
      { path: 'email', message: 'one of our support addresses' },
    ]);
  }
  const result = await deps.db.tx(async (sql) => {
    const ticket = await loadVisibleTicket(sql, p, ref, true);
    const now = deps.clock.now();
    const [added] = await addFollowers(sql, ticket.id, [{ email, name: input.name?.trim() || null }], 'agent', now);
    if (!added) throw new DomainError('FOLLOWER_EXISTS', `${email} already follows ticket #${ticket.number}.`);
    await appendTimeline(sql, ticket.id, [{
      id: deps.newId(), createdAt: now, kind: 'ticket.followers_changed', actor: { kind: 'agent', id: agent.id },
      visibility: 'internal', body: null, reason: null, data: { added: [{ email: added.email, name: added.name }], removed: [] },
    }]);
    await updateTicket(sql, ticket.id, { updatedAt: now });
    return { added, ticketId: ticket.id };
  });
  deps.onCommitted?.([result.ticketId]);
  return result.added;
}

export async function deleteFollower(deps: Deps, p: Principal, ref: string, emailParam: string): Promise<void> {
  const agent = requireAgent(p, 'agent', 'tickets:write');
  const email = emailParam.trim().toLowerCase();
  const ticketId = await deps.db.tx(async (sql) => {
    const ticket = await loadVisibleTicket(sql, p, ref, true);
    if (!(await removeFollower(sql, ticket.id, email))) {
      throw new DomainError('FOLLOWER_NOT_FOUND', `${email} does not follow ticket #${ticket.number}.`);
    }
    const now = deps.clock.now();
    await appendTimeline(sql, ticket.id, [{
      id: deps.newId(), createdAt: now, kind: 'ticket.followers_changed', actor: { kind: 'agent', id: agent.id },
      visibility: 'internal', body: null, reason: null, data: { added: [], removed: [{ email, name: null }] },
    }]);
    await updateTicket(sql, ticket.id, { updatedAt: now });
    return ticket.id;
  });
  deps.onCommitted?.([ticketId]);
}

export interface UploadInput {
  content: Buffer;
  filename: string;
  contentType: string;
}

/**
 * A file uploaded to send with the caller's next reply (`attachment_ids`): stored content-addressed, attached to
 * nothing until that reply binds it. Agents on tickets they may change; requesters on their own tickets.
 */
export async function uploadAttachment(deps: Deps, p: Principal, ref: string, input: UploadInput): Promise<AttachmentRow> {
  if (p.kind === 'agent') requireAgent(p, 'agent', 'tickets:write');
  const mail = deps.mail;
  if (!mail) throw new DomainError('INTERNAL', 'The attachments store is not running.');
  const ticket = await loadVisibleTicket(deps.db, p, ref);
  assertTicketWritable(ticket);
  if (input.content.length === 0) throw new DomainError('VALIDATION_FAILED', 'The file is empty.', [{ path: 'body', message: 'empty' }]);
  const max = mail.config.maxAttachmentBytes;
  if (input.content.length > max) {
    throw new DomainError('PAYLOAD_TOO_LARGE', `The file is ${input.content.length} bytes; the limit is ${max} bytes.`, { limit: max });
  }
  const { sha256 } = await mail.blobs.put(input.content);
  return insertAttachment(deps.db, {
    id: deps.newId(), ticketId: ticket.id, timelineEntryId: null, inboundMessageId: null, sha256, size: input.content.length,
    contentType: input.contentType, filename: input.filename, contentId: null, inline: false, visibility: 'public',
    uploadedByKind: p.kind, uploadedById: p.id, createdAt: deps.clock.now(),
  });
}
