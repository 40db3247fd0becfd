import type { ActorKind, TimelineKind, Visibility } from '../../domain/timeline.js';
import type { TimelineEntryRow } from '../../store/tickets.js';

/** A timeline entry as the API shows it: with the ticket it belongs to and who wrote it. */
export interface TimelineEntryView {
  id: string;
  ticketId: string;
  ticketNumber: number;
  kind: TimelineKind;
  visibility: Visibility;
  actor: { kind: ActorKind; id: string | null; name: string | null };
  body: string | null;
  reason: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
  /** Files that came with the entry (an e-mail's attachments, an agent's uploads). */
  attachments: AttachmentView[];
  /** Agents only: the mail that carried this entry (a reply, an acknowledgement) and whether it was delivered. */
  deliveries: DeliveryView[];
}

export interface AttachmentView {
  id: string;
  filename: string | null;
  contentType: string;
  size: number;
  inline: boolean;
  contentId: string | null;
}

export interface DeliveryView {
  id: string;
  kind: 'reply' | 'received' | 'resolved';
  to: string[];
  cc: string[];
  status: 'queued' | 'sent' | 'failed' | 'bounced';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  sentAt: Date | null;
  bouncedAt: Date | null;
  messageId: string;
}

export function toTimelineView(r: TimelineEntryRow): TimelineEntryView {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    ticketNumber: r.ticket_number,
    kind: r.kind,
    visibility: r.visibility,
    actor: { kind: r.actor_kind, id: r.actor_id, name: r.actor_name },
    body: r.body,
    reason: r.reason,
    data: r.data,
    createdAt: r.created_at,
    attachments: [],
    deliveries: [],
  };
}

/** Keys of `data` a requester may read; the rest (teams, assignees, tiers, tags) is the support team's business. */
const REQUESTER_DATA_KEYS = ['from', 'to', 'reopened', 'channel', 'type', 'source_ticket_number', 'into_ticket_number'];

/**
 * The requester's view of an entry they may see. Reasons are dropped: they are written by and for the support
 * team ("waiting on the supplier's quote"), and requesters read the public replies instead.
 */
export function forRequester(v: TimelineEntryView): TimelineEntryView {
  const data = Object.fromEntries(Object.entries(v.data).filter(([k]) => REQUESTER_DATA_KEYS.includes(k)));
  return { ...v, reason: null, data, deliveries: [] };
}
