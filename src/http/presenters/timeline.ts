import type { z } from 'zod';
import type { TimelineEntryView } from '../../usecases/tickets/timeline-view.js';
import type { TimelineEntryJson } from '../schemas/ticket-actions.js';

export function presentTimelineEntry(e: TimelineEntryView): z.infer<typeof TimelineEntryJson> {
  return {
    id: e.id,
    ticket_id: e.ticketId,
    ticket_number: e.ticketNumber,
    kind: e.kind,
    visibility: e.visibility,
    actor: { kind: e.actor.kind, id: e.actor.id, name: e.actor.name },
    body: e.body,
    reason: e.reason,
    data: e.data,
    created_at: e.createdAt.toISOString(),
    attachments: e.attachments.map((a) => ({
      id: a.id, filename: a.filename, content_type: a.contentType, size: a.size, inline: a.inline, content_id: a.contentId,
    })),
    deliveries: e.deliveries.map((d) => ({
      id: d.id, kind: d.kind, to: d.to, cc: d.cc, status: d.status, attempts: d.attempts, last_error: d.lastError,
      next_attempt_at: d.nextAttemptAt?.toISOString() ?? null, sent_at: d.sentAt?.toISOString() ?? null,
      bounced_at: d.bouncedAt?.toISOString() ?? null, message_id: d.messageId,
    })),
  };
}
