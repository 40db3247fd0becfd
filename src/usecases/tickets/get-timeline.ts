import { canSeeTicket, requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { requesterCanSee } from '../../domain/timeline.js';
import { listAttachmentsOfEntries, outboundOfEntries } from '../../store/email.js';
import { findTicketsByIds, listTimelineEntries, mergedFamily } from '../../store/tickets.js';
import type { Deps } from '../deps.js';
import { loadVisibleTicket } from '../ticket-access.js';
import { forRequester, toTimelineView, type TimelineEntryView } from './timeline-view.js';

/**
 * The ticket's history, oldest first, joined with the history of every ticket merged into it (each entry says
 * which ticket it came from). Requesters see public replies and status events only, and only from tickets they
 * may see themselves: a ticket merged in from another requester keeps its conversation private.
 */
export async function getTimeline(deps: Deps, p: Principal, ref: string): Promise<TimelineEntryView[]> {
  if (p.kind === 'agent') requireAgent(p, 'agent', 'tickets:read');
  const ticket = await loadVisibleTicket(deps.db, p, ref);
  let family = await mergedFamily(deps.db, ticket.id);
  if (p.kind === 'requester' && family.length > 1) {
    const visible = (await findTicketsByIds(deps.db, family)).filter((t) => canSeeTicket(p, t)).map((t) => t.id);
    family = family.filter((id) => visible.includes(id));
  }
  const entries = (await listTimelineEntries(deps.db, family)).map(toTimelineView);
  const visible = p.kind === 'agent' ? entries : entries.filter((e) => requesterCanSee(e.kind, e.visibility));
  await withMail(deps, visible, p.kind === 'agent');
  return p.kind === 'agent' ? visible : visible.map(forRequester);
}

/** Adds each entry's attachments (requesters: public ones only) and, for agents, the delivery state of its mail. */
async function withMail(deps: Deps, entries: TimelineEntryView[], agent: boolean): Promise<void> {
  const ids = entries.map((e) => e.id);
  const byId = new Map(entries.map((e) => [e.id, e] as const));
  for (const a of await listAttachmentsOfEntries(deps.db, ids)) {
    if (!agent && a.visibility !== 'public') continue;
    byId.get(a.timeline_entry_id!)?.attachments.push({
      id: a.id, filename: a.filename, contentType: a.content_type, size: Number(a.size), inline: a.inline, contentId: a.content_id,
    });
  }
  if (!agent) return;
  for (const m of await outboundOfEntries(deps.db, ids)) {
    // Notices to agents are not the requester's mail (and carry no entry): never a delivery of an entry.
    if (m.kind === 'agent_notice') continue;
    byId.get(m.timeline_entry_id!)?.deliveries.push({
      id: m.id, kind: m.kind, to: m.to_addresses, cc: m.cc_addresses, status: m.status, attempts: m.attempts,
      lastError: m.last_error, nextAttemptAt: m.status === 'queued' ? m.next_attempt_at : null, sentAt: m.sent_at,
      bouncedAt: m.bounced_at, messageId: m.message_id,
    });
  }
}
